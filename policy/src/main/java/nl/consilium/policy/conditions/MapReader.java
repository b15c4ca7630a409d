package nl.consilium.policy.conditions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import nl.consilium.policy.LocalizedText;
import nl.consilium.policy.conditions.YamlTree.Entry;
import nl.consilium.policy.conditions.YamlTree.ListNode;
import nl.consilium.policy.conditions.YamlTree.MapNode;
import nl.consilium.policy.conditions.YamlTree.Node;
import nl.consilium.policy.conditions.YamlTree.Scalar;
import nl.consilium.policy.conditions.YamlTree.ScalarKind;

/**
 * Reads the keys of one YAML map, recording a violation (and returning null) for every missing,
 * mistyped or unknown key instead of stopping, so the file's problems are all reported together.
 */
final class MapReader {

    private final MapNode map;
    private final String path;
    private final Violations violations;
    private final Set<String> known = new LinkedHashSet<>();

    private MapReader(MapNode map, String path, Violations violations) {
        this.map = map;
        this.path = path;
        this.violations = violations;
    }

    /** A reader for a node that must be a map; null (violation recorded) when it is not. */
    static MapReader of(Node node, String path, Violations violations, String what) {
        if (node instanceof MapNode m) {
            return new MapReader(m, path, violations);
        }
        violations.add(path, node.line(), "expected " + what + " (a map of keys), found " + node.describe(),
                "write it as indented 'key: value' lines, see docs/use-conditions.md");
        return null;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return Violations.child(path, key);
    }

    int line() {
        return map.line();
    }

    /** The line of a key when present, else the line of this map (where it should be added). */
    int lineOf(String key) {
        Entry e = map.entries().get(key);
        return e == null ? map.line() : e.line();
    }

    boolean has(String key) {
        known.add(key);
        Entry e = map.entries().get(key);
        return e != null && !(e.value() instanceof Scalar s && s.kind() == ScalarKind.NULL);
    }

    /** The node of a key, marking it known; reports a violation when required and absent or empty. */
    Node node(String key, boolean required, String fixWhenMissing) {
        known.add(key);
        Entry e = map.entries().get(key);
        if (e == null || e.value() instanceof Scalar s && s.kind() == ScalarKind.NULL) {
            if (required) {
                violations.add(pathOf(key), e == null ? map.line() : e.line(),
                        e == null ? "required key '" + key + "' is missing" : "required key '" + key + "' has no value",
                        fixWhenMissing);
            }
            return null;
        }
        return e.value();
    }

    /** Non-blank text. Numbers are accepted as text (a version like 3 or 2026.1). */
    String text(String key, boolean required, String fixWhenMissing) {
        Node n = node(key, required, fixWhenMissing);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && (s.kind() == ScalarKind.TEXT || s.kind() == ScalarKind.NUMBER)) {
            if (s.text().isBlank()) {
                violations.add(pathOf(key), s.line(), "'" + key + "' is blank", fixWhenMissing);
                return null;
            }
            return s.text().strip();
        }
        violations.add(pathOf(key), n.line(), "expected text, found " + n.describe(),
                "write a single line of text (in quotes if it contains ': ' or starts with a special character)");
        return null;
    }

    /** true or false, nothing else: "yes", "on" or "1" are refused because their meaning differs between YAML versions. */
    Boolean bool(String key, boolean required, String fixWhenMissing) {
        Node n = node(key, required, fixWhenMissing);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && s.kind() == ScalarKind.BOOLEAN) {
            return Boolean.parseBoolean(s.text().toLowerCase());
        }
        violations.add(pathOf(key), n.line(), "expected true or false, found " + n.describe(),
                "write exactly true or false (without quotes)");
        return null;
    }

    LocalizedText localized(String key, boolean required, String meaning) {
        Node n = node(key, required, "add '" + key + ":' with 'nl:' and 'en:' texts (" + meaning + ")");
        if (n == null) {
            return null;
        }
        MapReader r = of(n, pathOf(key), violations, "texts in Dutch and English");
        if (r == null) {
            return null;
        }
        String nl = r.text("nl", true, "add the Dutch text under 'nl:' (" + meaning + ")");
        String en = r.text("en", true, "add the English text under 'en:' (" + meaning + ")");
        r.finish();
        return nl == null || en == null ? null : new LocalizedText(nl, en);
    }

    /** The items of a list key, each with its path; null when missing or not a list. */
    List<Item> list(String key, boolean required, String fixWhenMissing) {
        known.add(key);
        Entry e = map.entries().get(key);
        if (e == null) {
            if (required) {
                violations.add(pathOf(key), map.line(), "required key '" + key + "' is missing", fixWhenMissing);
            }
            return null;
        }
        if (e.value() instanceof ListNode l) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                items.add(new Item(pathOf(key) + "[" + i + "]", l.items().get(i)));
            }
            return items;
        }
        if (e.value() instanceof Scalar s && s.kind() == ScalarKind.NULL) {
            violations.add(pathOf(key), e.line(), "'" + key + "' has no value",
                    "write a list ('- item' lines or [a, b]); write [] for an explicitly empty list. " + fixWhenMissing);
            return null;
        }
        violations.add(pathOf(key), e.line(), "expected a list, found " + e.value().describe(),
                "write a list ('- item' lines or [a, b]); write [] for an explicitly empty list");
        return null;
    }

    /** A list of plain texts (ids); items that are not text are reported and skipped. */
    List<Item> textList(String key, boolean required, String fixWhenMissing) {
        List<Item> items = list(key, required, fixWhenMissing);
        if (items == null) {
            return null;
        }
        List<Item> texts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Item item : items) {
            if (item.node() instanceof Scalar s && s.kind() == ScalarKind.TEXT && !s.text().isBlank()) {
                if (!seen.add(s.text().strip())) {
                    violations.add(item.path(), s.line(), "'" + s.text().strip() + "' is listed twice",
                            "remove the duplicate entry");
                } else {
                    texts.add(item);
                }
            } else {
                violations.add(item.path(), item.node().line(), "expected an id (text), found " + item.node().describe(),
                        "write one id per list item");
            }
        }
        return texts;
    }

    /** Reports every key of the map that no read asked for: a misspelt key must not be silently ignored. */
    void finish() {
        for (Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                String suggestion = Suggestions.closest(e.key(), known);
                violations.add(pathOf(e.key()), e.line(), "unknown key '" + e.key() + "'",
                        (suggestion != null ? "did you mean '" + suggestion + "'? " : "remove it or correct its spelling. ")
                                + "Keys allowed here: " + String.join(", ", known));
            }
        }
    }

    record Item(String path, Node node) {
        String text() {
            return ((Scalar) node).text().strip();
        }

        int line() {
            return node.line();
        }
    }

    static <T> List<T> readEach(List<Item> items, BiFunction<Item, Integer, T> reader) {
        List<T> out = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                T t = reader.apply(items.get(i), i);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
