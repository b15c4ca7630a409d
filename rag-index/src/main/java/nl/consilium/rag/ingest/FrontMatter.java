package nl.consilium.rag.ingest;

import java.util.Locale;
import java.util.Map;

/** The flat "key: value" front matter used by the knowledge files; nested YAML is not needed there. */
public final class FrontMatter {

    private FrontMatter() {
    }

    /** Puts the front-matter fields into {@code into} and returns the text after it. */
    public static String split(String text, Map<String, String> into) {
        if (!(text.startsWith("---\n") || text.startsWith("---\r\n"))) {
            return text;
        }
        int end = text.indexOf("\n---", 3);
        if (end < 0) {
            return text;
        }
        for (String line : text.substring(text.indexOf('\n') + 1, end).split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.startsWith(" ") || line.startsWith("#")) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            if (!value.isEmpty()) {
                into.put(key, value);
            }
        }
        int after = text.indexOf('\n', end + 4);
        return after < 0 ? "" : text.substring(after + 1);
    }
}
