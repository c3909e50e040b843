package dev.claymcp;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.claymcp.policy.ServerLifecycle;
import dev.claymcp.policy.StopHook;

/**
 * The server's one stop sequence, run once, at the first sign of a stop: SIGTERM (through Quarkus' pre-shutdown,
 * {@code quarkus.shutdown.delay-enabled}) or any other shutdown (stdin closed, {@code Quarkus.asyncExit}), before
 * any other shutdown observer, while the Clay client and the MCP connections still work:
 * <ol>
 * <li>running tool calls are told to stop at their next safe point (a bulk add at its next chunk), and new ones are
 * refused with that reason;</li>
 * <li>they get {@link ServerLifecycle#FINISH_WAIT} to answer;</li>
 * <li>each transport then stops its part ({@link StopHook}): stdio waits (bounded) until those answers are written,
 * HTTP ends its open event streams so the HTTP server's own graceful shutdown has nothing left to wait for.</li>
 * </ol>
 */
@Singleton
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);

    /**
     * Whether SIGTERM came before Quarkus had started: Quarkus forgets a stop asked for while it boots, and a client
     * that got the early answers may stop the server at once. The one piece of state that must live outside the beans.
     */
    private static volatile boolean termBeforeStart;

    private final ServerLifecycle lifecycle;
    private final Instance<StopHook> transports;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public GracefulStop(ServerLifecycle lifecycle, @Any Instance<StopHook> transports) {
        this.lifecycle = lifecycle;
        this.transports = transports;
    }

    /**
     * SIGTERM is how process managers (Kubernetes, systemd, a desktop client) ask a server to stop. It starts the stop
     * sequence, and a stop that completes exits 0 rather than the JVM's 143 for a signal, so a supervisor sees a
     * clean exit. Reached by reflection: {@code sun.misc.Signal} is the JDK's only way, and has no public name.
     */
    static void onSigterm() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object term = signal.getConstructor(String.class).newInstance("TERM");
            Object onTerm = Proxy.newProxyInstance(GracefulStop.class.getClassLoader(), new Class<?>[] { handler },
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            termBeforeStart = true;
                            Quarkus.asyncExit(0);
                        }
                        return null;
                    });
            signal.getMethod("handle", signal, handler).invoke(null, term, onTerm);
        } catch (ReflectiveOperationException | RuntimeException noSuchSignal) {
            // Windows has no SIGTERM; the JVM's own handling stays
        }
    }

    void onStarted(@Observes StartupEvent event) {
        if (termBeforeStart) {
            LOG.info("Stopping: SIGTERM arrived while the server was starting");
            Quarkus.asyncExit(0);
        }
    }

    void onStopRequested(@Observes ShutdownDelayInitiatedEvent event) {
        stop();
    }

    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stop();
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        lifecycle.requestStop();
        if (!lifecycle.awaitIdle(ServerLifecycle.FINISH_WAIT)) {
            LOG.warnf("Stopping with %d tool call(s) still running after %d s", lifecycle.runningCalls(),
                    ServerLifecycle.FINISH_WAIT.toSeconds());
        }
        transports.forEach(StopHook::afterCalls);
    }
}
