package nl.consilium.rag.eval;

import java.util.Locale;
import java.util.Set;
import nl.consilium.rag.Language;

/**
 * BEIR corpora carry no language field; the text-search configuration must still match the text.
 * Counting very common function words tells Dutch from English reliably for passages of a sentence or more.
 */
public final class LanguageGuess {

    private static final Set<String> DUTCH = Set.of("de", "het", "een", "en", "van", "is", "bij", "niet", "met", "voor",
            "op", "zijn", "wordt", "worden", "of", "dat", "die", "naar", "ook", "geen", "als", "aan", "te", "om");
    private static final Set<String> ENGLISH = Set.of("the", "a", "an", "and", "of", "is", "are", "with", "for", "on",
            "was", "were", "be", "by", "that", "this", "to", "in", "as", "not", "or", "from", "which", "at");

    private LanguageGuess() {
    }

    public static Language guess(String text) {
        int nl = 0;
        int en = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (DUTCH.contains(word)) {
                nl++;
            }
            if (ENGLISH.contains(word)) {
                en++;
            }
        }
        return nl > en ? Language.NL : Language.EN;
    }
}
