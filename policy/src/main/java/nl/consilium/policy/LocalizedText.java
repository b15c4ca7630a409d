package nl.consilium.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * A text that users read, in Dutch and English. Both are required: the use conditions are shown to
 * every user in the language of their choice, and a missing translation must not silently fall back.
 */
public record LocalizedText(String nl, String en) {
    public LocalizedText {
        Objects.requireNonNull(nl, "nl");
        Objects.requireNonNull(en, "en");
    }

    /** The Dutch text for {@code nl}, the English text for any other language. */
    public String in(Locale locale) {
        return in(locale == null ? "nl" : locale.getLanguage());
    }

    /** The Dutch text for language code {@code nl}, the English text otherwise. */
    public String in(String language) {
        return "nl".equalsIgnoreCase(language) ? nl : en;
    }

    public static LocalizedText of(String nl, String en) {
        return new LocalizedText(nl, en);
    }
}
