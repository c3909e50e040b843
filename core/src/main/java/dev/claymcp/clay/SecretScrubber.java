package dev.claymcp.clay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Takes a secret out of text that came from Clay before it can reach an agent: as written, in any letter case, and
 * percent-encoded (both {@code %20} and {@code +} forms, either hex case). Applied to every text value and field name
 * of a JSON answer, so an echo inside Clay's own data is caught as well as one in an error message.
 */
final class SecretScrubber {

    static final String REDACTED = "[redacted]";
    private static final SecretScrubber NONE = new SecretScrubber(List.of());

    private final List<Pattern> patterns;

    private SecretScrubber(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static SecretScrubber forSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            return NONE;
        }
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(encoded);
        forms.add(encoded.replace("+", "%20"));
        List<Pattern> patterns = new ArrayList<>();
        for (String form : forms) {
            patterns.add(Pattern.compile(Pattern.quote(form), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return new SecretScrubber(List.copyOf(patterns));
    }

    String scrub(String text) {
        if (text == null || patterns.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern p : patterns) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                out = m.replaceAll(REDACTED);
            }
        }
        return out;
    }

    /** Scrubs the tree in place and returns it. */
    JsonNode scrub(JsonNode node) {
        if (patterns.isEmpty() || node == null) {
            return node;
        }
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                fields.add(it.next());
            }
            for (Map.Entry<String, JsonNode> field : fields) {
                String key = scrub(field.getKey());
                JsonNode value = scrubbedValue(field.getValue());
                if (!key.equals(field.getKey())) {
                    object.remove(field.getKey());
                }
                object.set(key, value);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrubbedValue(array.get(i)));
            }
        }
        return node;
    }

    private JsonNode scrubbedValue(JsonNode value) {
        if (value.isTextual()) {
            String scrubbed = scrub(value.textValue());
            return scrubbed.equals(value.textValue()) ? value : TextNode.valueOf(scrubbed);
        }
        return scrub(value);
    }
}
