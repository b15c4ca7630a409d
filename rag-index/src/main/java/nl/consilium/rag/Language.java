package nl.consilium.rag;

import java.util.Locale;

/** Language of a knowledge document; decides the PostgreSQL text-search configuration of its chunks. */
public enum Language {
    NL("dutch"),
    EN("english");

    private final String textSearchConfig;

    Language(String textSearchConfig) {
        this.textSearchConfig = textSearchConfig;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String textSearchConfig() {
        return textSearchConfig;
    }

    public static Language fromCode(String code) {
        return switch (code == null ? "" : code.trim().toLowerCase(Locale.ROOT)) {
            case "nl", "nld", "dut", "dutch", "nederlands" -> NL;
            case "en", "eng", "english", "engels" -> EN;
            default -> throw new IllegalArgumentException("unknown document language '" + code + "' (expected nl or en)");
        };
    }
}
