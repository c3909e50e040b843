package bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Answers initialize and tools/list (one tool) from canned text once Quarkus has started; the floor of a Quarkus app. */
@QuarkusMain
public class Floor implements QuarkusApplication {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*([0-9]+|\"[^\"]*\")");
    static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String... args) {
        Quarkus.run(Floor.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            Matcher id = ID.matcher(line);
            Matcher method = METHOD.matcher(line);
            if (!id.find() || !method.find()) {
                continue;
            }
            String result = switch (method.group(1)) {
                case "initialize" -> "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"floor\",\"version\":\"1\"}}";
                case "tools/list" -> "{\"tools\":[{\"name\":\"echo\",\"description\":\"echo\",\"inputSchema\":"
                        + "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}}]}";
                default -> "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}";
            };
            System.out.println("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}");
            System.out.flush();
        }
        return 0;
    }
}
