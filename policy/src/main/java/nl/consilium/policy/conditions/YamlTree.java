package nl.consilium.policy.conditions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document as a small tree that remembers line numbers. Jackson's own tree model forgets
 * where a value came from, and binding straight to classes stops at the first problem; IT needs every
 * problem with its line in one go, so the validator walks this tree instead.
 */
final class YamlTree {

    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        /** How the node is described to IT in an error message ("a list", "the text 'x'"). */
        String describe();
    }

    record Entry(String key, int line, Node value) {
    }

    record MapNode(Map<String, Entry> entries, int line) implements Node {
        @Override
        public String describe() {
            return "a map of keys";
        }
    }

    record ListNode(List<Node> items, int line) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    enum ScalarKind { TEXT, NUMBER, BOOLEAN, NULL }

    record Scalar(ScalarKind kind, String text, int line) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "an empty value";
                case BOOLEAN -> text;
                case NUMBER -> "the number " + text;
                case TEXT -> "the text '" + abbreviate(text) + "'";
            };
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    private YamlTree() {
    }

    /** Parses the document; returns null (with a violation recorded) when the YAML itself is broken. */
    static Node parse(String yaml, Violations violations) {
        try (JsonParser p = MAPPER.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                violations.add("", 0, "the file is empty",
                        "write the use conditions as described in docs/use-conditions.md, starting with 'version:'");
                return null;
            }
            Node root = read(p, "", violations);
            JsonToken after = p.nextToken();
            if (after != null) {
                violations.add("", line(p), "the file holds more than one YAML document",
                        "keep one document: remove the second '---' and what follows, or merge it into the first");
            }
            return root;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            // The YAML scanner's own text names the real line ("in reader, line 22"); Jackson's location is
            // sometimes that of the previous token.
            Matcher m = SCANNER_LINE.matcher(message);
            while (m.find()) {
                line = Integer.parseInt(m.group(1));
            }
            violations.add("", Math.max(line, 0), "the file is not valid YAML (" + explanation(message) + ")",
                    "correct the YAML syntax: indent with spaces only, and put text containing ': ' or '#' in quotes");
            return null;
        }
    }

    private static Node read(JsonParser p, String path, Violations violations) {
        JsonToken t = p.currentToken();
        int line = line(p);
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    p.nextToken();
                    String childPath = Violations.child(path, key);
                    Node value = read(p, childPath, violations);
                    if (entries.containsKey(key)) {
                        violations.add(childPath, keyLine,
                                "the key '" + key + "' appears twice here (first on line " + entries.get(key).line() + ")",
                                "keep one of them; YAML would silently use only one");
                    } else {
                        entries.put(key, new Entry(key, keyLine, value));
                    }
                }
                return new MapNode(entries, line);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + i++ + "]", violations));
                }
                return new ListNode(items, line);
            }
            case VALUE_STRING -> {
                return new Scalar(ScalarKind.TEXT, p.getString(), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Scalar(ScalarKind.NUMBER, p.getString(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(ScalarKind.BOOLEAN, p.getString(), line);
            }
            case VALUE_NULL -> {
                return new Scalar(ScalarKind.NULL, "", line);
            }
            default -> {
                violations.add(path, line, "unsupported YAML value (" + t + ")",
                        "use plain text, numbers, true/false, lists and maps only");
                return new Scalar(ScalarKind.NULL, "", line);
            }
        }
    }

    private static int line(JsonParser p) {
        int line = p.currentTokenLocation().getLineNr();
        return Math.max(line, 0);
    }

    private static final Pattern SCANNER_LINE = Pattern.compile("in reader, line (\\d+), column");

    /** The scanner's descriptive lines, without its code excerpts and position lines. */
    private static String explanation(String message) {
        String text = message.lines()
                .filter(l -> !l.isBlank() && !l.startsWith(" "))
                .map(String::strip)
                .collect(Collectors.joining("; "))
                .replace("\\t(TAB)", "TAB");
        return text.isEmpty() ? "syntax error" : text;
    }
}
