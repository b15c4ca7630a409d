package nl.consilium.audit;

import java.util.List;
import java.util.regex.Pattern;

/** Validation of text fields: the store and the hash chain need text PostgreSQL can hold exactly. */
final class Text {
    private static final int MAX = 4096;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Text() {
    }

    static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return check(value, what);
    }

    static String optional(String value, String what) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return check(value, what);
    }

    static List<String> list(List<String> values, String what) {
        if (values == null) {
            return List.of();
        }
        for (String v : values) {
            required(v, what);
        }
        return List.copyOf(values);
    }

    static String sha256Hex(String value, String what) {
        if (value == null) {
            return null;
        }
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a lowercase hex SHA-256 (64 characters), never the content itself");
        }
        return value;
    }

    private static String check(String value, String what) {
        if (value.length() > MAX) {
            throw new IllegalArgumentException(what + " is longer than " + MAX + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                // PostgreSQL text cannot hold NUL; storing a changed value would break the hash.
                throw new IllegalArgumentException(what + " contains a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " contains an unpaired surrogate (not valid Unicode)");
            }
        }
        return value;
    }
}
