package nl.consilium.policy.phi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lookup lists of the detector, read once from the classpath (src/main/resources/nl/consilium/policy/phi).
 * Where each list came from is written at the top of its file and in docs/detection.md.
 */
final class Lexicon {
    final Set<String> firstNames = new HashSet<>();
    final Set<String> ambiguousFirstNames = new HashSet<>();
    final Set<String> surnames = new HashSet<>();
    final Set<String> wordlikeSurnames = new HashSet<>();
    final Set<String> englishWordSurnames = new HashSet<>();
    final Set<String> prefixes = new HashSet<>();
    final Set<String> titles = new HashSet<>();
    final Set<String> personContext = new HashSet<>();
    final Set<String> commonWords = new HashSet<>();
    final Set<String> eponyms = new HashSet<>();
    final Set<String> streetSuffixes = new HashSet<>();
    final Set<String> institutionKeywords = new HashSet<>();
    final Set<String> institutionTails = new HashSet<>();
    final PhraseTrie places = new PhraseTrie();
    final PhraseTrie ambiguousPlaces = new PhraseTrie();
    final PhraseTrie institutions = new PhraseTrie();
    final PhraseTrie eponymPhrases = new PhraseTrie();

    private final java.util.Map<Character, java.util.List<String>> suffixesByLastChar = new java.util.HashMap<>();

    private static final Lexicon DEFAULT = new Lexicon();

    /** Street suffixes grouped by their last letter, so one word checks a handful instead of all. */
    java.util.List<String> streetSuffixesEndingIn(char last) {
        return suffixesByLastChar.getOrDefault(last, java.util.List.of());
    }

    static Lexicon standard() {
        return DEFAULT;
    }

    private Lexicon() {
        words("first-names.txt", firstNames);
        words("first-names-ambiguous.txt", ambiguousFirstNames);
        firstNames.removeAll(ambiguousFirstNames);
        words("surnames.txt", surnames);
        words("surnames-wordlike.txt", wordlikeSurnames);
        words("surnames-english-words.txt", englishWordSurnames);
        surnames.addAll(wordlikeSurnames);
        surnames.addAll(englishWordSurnames);
        words("surname-prefixes.txt", prefixes);
        words("titles.txt", titles);
        words("person-context.txt", personContext);
        words("common-words.txt", commonWords);
        words("eponyms.txt", eponyms);
        words("street-suffixes.txt", streetSuffixes);
        words("institution-keywords.txt", institutionKeywords);
        for (String suffix : streetSuffixes) {
            suffixesByLastChar.computeIfAbsent(suffix.charAt(suffix.length() - 1), c -> new java.util.ArrayList<>()).add(suffix);
        }
        words("institution-tails.txt", institutionTails);
        lines("places.txt", places::add);
        lines("places-ambiguous.txt", ambiguousPlaces::add);
        lines("institutions.txt", institutions::add);
        lines("eponym-phrases.txt", eponymPhrases::add);
    }

    private static void words(String resource, Set<String> into) {
        lines(resource, line -> {
            for (String w : line.split("\\s+")) {
                if (!w.isEmpty()) {
                    into.add(w.toLowerCase(Locale.ROOT));
                }
            }
        });
    }

    private static void lines(String resource, Consumer<String> sink) {
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lookup list missing from the classpath: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    sink.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lookup list " + resource, e);
        }
    }
}
