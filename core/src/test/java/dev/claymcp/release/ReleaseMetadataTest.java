package dev.claymcp.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the release publishes besides the artifacts, checked against the build and the changelog: the MCP Registry
 * listing (server.json, with the rules of its 2025-12-11 schema), the JBang catalog, and the files a release must
 * carry. Both listings name the latest release; the build is that release or a snapshot of the next one.
 */
class ReleaseMetadataTest {

    static final Path ROOT = Path.of(System.getProperty("build.root", "..")).toAbsolutePath().normalize();
    /** The version being built: the release itself, or a -SNAPSHOT between releases. */
    static final String VERSION = System.getProperty("build.version");
    static final String JBANG_LINE = "jbang clay-mcp@claymcp/clay-mcp-server";

    /**
     * The latest release, the first "## x.y.z (date)" of CHANGELOG.md, or the first release while it is being
     * prepared ("## x.y.z (not yet released)"). What users install names it, never a snapshot: JBang reads the
     * catalog from the default branch, and the registry lists what was released.
     */
    static String released() throws IOException {
        Matcher m = Pattern.compile("(?m)^## ([0-9]+\\.[0-9]+\\.[0-9]+) \\((\\d{4}-\\d{2}-\\d{2}|not yet released)\\)$")
                .matcher(Files.readString(ROOT.resolve("CHANGELOG.md")));
        assertTrue(m.find(), "CHANGELOG.md names the latest release as ## x.y.z (yyyy-mm-dd)");
        return m.group(1);
    }

    @Test
    void theBuildIsTheLatestReleaseOrASnapshotOfALaterOne() throws IOException {
        assertNotNull(VERSION, "run through Maven, which passes the version");
        String released = released();
        if (VERSION.endsWith("-SNAPSHOT")) {
            assertTrue(compare(VERSION.replace("-SNAPSHOT", ""), released) > 0,
                    VERSION + " comes after the latest release, " + released);
        } else {
            assertEquals(released, VERSION, "a release build has its CHANGELOG.md section");
        }
    }

    static int compare(String a, String b) {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(x, y);
    }

    static JsonObject json(String file) throws IOException {
        return new JsonObject(Files.readString(ROOT.resolve(file)));
    }

    @Test
    void theRegistryListingFollowsItsSchemaAndMatchesTheBuild() throws IOException {
        JsonObject server = json("server.json");
        String released = released();

        assertEquals(Set.of("$schema", "name", "title", "description", "repository", "version", "websiteUrl",
                "packages", "remotes"), server.fieldNames(), "only fields the schema defines");
        assertEquals("https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
                server.getString("$schema"));
        assertEquals(released, server.getString("version"));

        String repository = server.getJsonObject("repository").getString("url");
        Matcher github = Pattern.compile("https://github\\.com/([A-Za-z0-9-]+)/clay-mcp-server").matcher(repository);
        assertTrue(github.matches(), repository);
        assertEquals("github", server.getJsonObject("repository").getString("source"));
        assertEquals("io.github." + github.group(1) + "/clay-mcp-server", server.getString("name"),
                "the registry proves a GitHub namespace by the repository's owner");
        assertTrue(server.getString("name").matches("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$"));

        String description = server.getString("description");
        assertTrue(description.length() >= 1 && description.length() <= 100, description.length() + " characters");
        assertTrue(description.contains(JBANG_LINE), "the registry has no Maven package type: the JBang line");
        assertTrue(server.getString("title").length() <= 100);

        JsonArray packages = server.getJsonArray("packages");
        assertEquals(1, packages.size());
        JsonObject image = packages.getJsonObject(0);
        assertEquals("oci", image.getString("registryType"));
        assertEquals("ghcr.io/" + github.group(1) + "/clay-mcp-server:" + released, image.getString("identifier"));
        assertEquals("stdio", image.getJsonObject("transport").getString("type"));
        for (Object v : image.getJsonArray("environmentVariables")) {
            JsonObject variable = (JsonObject) v;
            assertTrue(variable.getString("name").matches("CLAY_[A-Z_]+"), variable.encode());
            assertTrue(Set.of("string", "number", "boolean", "filepath").contains(variable.getString("format")));
        }
        JsonObject cookie = image.getJsonArray("environmentVariables").stream().map(JsonObject.class::cast)
                .filter(v -> v.getString("name").equals("CLAY_SESSION_COOKIE")).findFirst().orElseThrow();
        assertEquals(true, cookie.getBoolean("isSecret"));
        assertEquals(true, cookie.getBoolean("isRequired"));
        // the image serves HTTP by default (server/src/main/docker/Dockerfile.jvm): a client that starts it for stdio says so
        JsonObject transport = image.getJsonArray("environmentVariables").stream().map(JsonObject.class::cast)
                .filter(v -> v.getString("name").equals("CLAY_MCP_TRANSPORT")).findFirst().orElseThrow();
        assertEquals("stdio", transport.getString("value"));

        JsonArray remotes = server.getJsonArray("remotes");
        assertEquals(1, remotes.size());
        JsonObject remote = remotes.getJsonObject(0);
        assertEquals("streamable-http", remote.getString("type"));
        assertTrue(remote.getString("url").startsWith("https://") && remote.getString("url").endsWith("/mcp"));
        assertEquals(placeholders(remote.getString("url")), remote.getJsonObject("variables").fieldNames());
        for (Object h : remote.getJsonArray("headers")) {
            JsonObject header = (JsonObject) h;
            assertNotNull(header.getString("name"));
            assertEquals(placeholders(header.getString("value")), header.getJsonObject("variables").fieldNames());
            assertEquals(true, header.getBoolean("isSecret"), "a bearer token is a secret");
        }
    }

    @Test
    void theJBangAliasRunsTheReleasedJarWithTheLaunchersJvmSettings() throws IOException {
        JsonObject alias = json("jbang-catalog.json").getJsonObject("aliases").getJsonObject("clay-mcp");
        assertEquals("dev.claymcp:clay-mcp-server:" + released() + ":runner@fatjar", alias.getString("script-ref"));
        JsonObject hosted = json("jbang-catalog.json").getJsonObject("aliases").getJsonObject("clay-mcp-http");
        assertEquals("dev.claymcp:clay-mcp-server-http:" + released() + ":runner@fatjar",
                hosted.getString("script-ref"));
        assertEquals(alias.getJsonArray("java-options"), hosted.getJsonArray("java-options"));
        assertEquals("17+", alias.getString("java"));

        List<String> options = alias.getJsonArray("java-options").stream().map(String.class::cast).toList();
        Set<String> launcher = launcherFlags();
        assertFalse(launcher.isEmpty());
        assertEquals(launcher, new LinkedHashSet<>(options.subList(options.size() - launcher.size(), options.size())),
                "the alias starts the server as bin/clay-mcp does");
        assertTrue(options.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"),
                "what the jar's manifest asks of java -jar, which JBang's -classpath start does not read");
    }

    @Test
    void theReleaseCarriesLicenceChangelogAndInstallLine() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("LICENSE")).strip().startsWith("Apache License\n"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains(JBANG_LINE), "the README has the one-line install");
        assertTrue(readme.indexOf("After the first release") < readme.indexOf(JBANG_LINE),
                "the one-line install is said to work after the first release");
        assertTrue(readme.indexOf("From a clone (works today)") < readme.indexOf("After the first release"),
                "the install that works today comes first");
        Matcher versions = Pattern.compile("clay-mcp-server[-:]([0-9]+\\.[0-9]+\\.[0-9]+)").matcher(readme);
        while (versions.find()) {
            assertEquals(released(), versions.group(1), "the README's install lines name the latest release: "
                    + versions.group());
        }
        JsonObject desktop = json("mcp-config.example.json").getJsonObject("mcpServers").getJsonObject("clay");
        assertTrue(desktop.getString("command").endsWith("/bin/clay-mcp"), desktop.encode());
    }

    /**
     * The JVM options bin/clay-mcp passes when JAVA_OPTS names no collector or heap size (its flags="…" lines, with
     * $gc and $heap as first set).
     */
    static Set<String> launcherFlags() throws IOException {
        String launcher = Files.readString(ROOT.resolve("launcher/clay-mcp"));
        Set<String> flags = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^flags=\"(?:\\$flags )?([^\"]*)\"").matcher(launcher);
        while (m.find()) {
            for (String flag : m.group(1).trim().split("\\s+")) {
                if (flag.startsWith("$")) {
                    Matcher set = Pattern.compile("(?m)^" + Pattern.quote(flag.substring(1)) + "=(\\S+)$").matcher(launcher);
                    if (set.find()) {
                        flags.add(set.group(1));
                    }
                } else {
                    flags.add(flag);
                }
            }
        }
        return flags;
    }

    /** The {names} in a URL or header template. */
    static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\{([A-Za-z_]+)}").matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
