package dev.claymcp.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for Clay, wired in through {@code clay.api-url}, with the canary cookie configured.
 * Tests get the server through a field annotated {@link InjectClay}.
 * <p>
 * Arguments (from {@link Profiles}): {@code cookie} (a value, or empty for none), {@code cookieFile=true} (the canary
 * in a temporary file) or {@code cookieFile=missing} (a path in a fresh directory, with no file yet), the file's path
 * injected into a {@link Path} field annotated {@link InjectCookieFile}; {@code closedPort=true} (Clay's URL points at
 * a port nobody listens on).
 */
public class ClayStub implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectClay {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectCookieFile {
    }

    private WireMockServer server;
    private Map<String, String> args = Map.of();
    private Path cookieFile;

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("clay.api-url", Boolean.parseBoolean(args.get("closedPort")) ? "http://127.0.0.1:" + closedPort()
                : server.baseUrl());
        String file = args.get("cookieFile");
        if (file != null) {
            try {
                cookieFile = Files.createTempDirectory("clay-cookie").resolve("cookie.txt");
                if (file.equals("true")) {
                    Files.writeString(cookieFile, Canary.COOKIE + "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("clay.session-cookie-file", cookieFile.toString());
        } else {
            config.put("clay.session-cookie", args.getOrDefault("cookie", Canary.COOKIE));
        }
        return config;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectClay.class, WireMockServer.class));
        if (cookieFile != null) {
            injector.injectIntoFields(cookieFile, new TestInjector.AnnotatedAndMatchesType(InjectCookieFile.class, Path.class));
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        if (cookieFile != null) {
            try {
                Files.deleteIfExists(cookieFile);
                Files.deleteIfExists(cookieFile.getParent());
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}
