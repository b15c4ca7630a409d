package nl.consilium.policy.pseudonym;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import nl.consilium.policy.DataCategory;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;
import nl.consilium.policy.PseudonymisationSession;

/**
 * Pseudonymisation for one conversation. Surrogates are readable placeholders ("Persoon A", "Locatie B",
 * "Instelling C", "[BSN-1]") rather than fake names: a model cannot mistake them for a real person, and
 * they cannot collide with a real name that happens to be in the text. Dates move by one offset per
 * session and keep their notation, so intervals and weekdays stay true. Ages under 90 stay (clinically
 * needed, not identifying on their own); ages of 90 and over become a placeholder.
 *
 * <p>The reverse mapping lives in this object only. One conversation, one session; methods are
 * synchronized so that two requests of the same conversation cannot corrupt the mapping.
 */
public final class SurrogateSession implements PseudonymisationSession {

    private final PersonalDataDetector detector;
    private final int shiftDays;
    private final int referenceYear = LocalDate.now().getYear();
    /** real value key per category -> surrogate */
    private final Map<DataCategory, Map<String, String>> forward = new EnumMap<>(DataCategory.class);
    /** surrogate -> real text as first seen */
    private final Map<String, String> reverse = new HashMap<>();
    private final Map<DataCategory, Integer> counters = new EnumMap<>(DataCategory.class);

    public SurrogateSession(PersonalDataDetector detector, RandomGenerator random) {
        this(detector, randomShift(random));
    }

    public SurrogateSession(PersonalDataDetector detector, int shiftDays) {
        this.detector = Objects.requireNonNull(detector, "detector");
        if (shiftDays == 0) {
            throw new IllegalArgumentException("a date shift of 0 days would leave dates identifying");
        }
        this.shiftDays = shiftDays;
    }

    private static int randomShift(RandomGenerator random) {
        int days = 30 + random.nextInt(336);
        return random.nextBoolean() ? days : -days;
    }

    @Override
    public synchronized String pseudonymise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<PhiSpan> spans = detector.detect(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        int pos = 0;
        for (PhiSpan span : spans) {
            out.append(text, pos, span.start());
            String real = text.substring(span.start(), span.end());
            // A placeholder this session issued stays as it is, so pseudonymising twice changes nothing.
            // Not for dates: a real date can equal a shifted one, and keeping it would leak it.
            boolean own = span.category() != DataCategory.DATE && reverse.containsKey(real);
            out.append(own ? real : surrogate(span.category(), real));
            pos = span.end();
        }
        out.append(text, pos, text.length());
        return out.toString();
    }

    @Override
    public synchronized String surrogate(DataCategory category, String realValue) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(realValue, "realValue");
        if (category == DataCategory.AGE && isYoungerThan90(realValue)) {
            return realValue;
        }
        Map<String, String> map = forward.computeIfAbsent(category, c -> new HashMap<>());
        String key = key(category, realValue);
        String existing = map.get(key);
        if (existing == null && category == DataCategory.PERSON) {
            existing = sameSurname(map, key);
        }
        if (existing != null) {
            map.putIfAbsent(key, existing);
            return existing;
        }
        String surrogate = category == DataCategory.DATE ? shiftedDate(realValue) : placeholder(category);
        if (reverse.containsKey(surrogate) && !reverse.get(surrogate).equals(realValue)) {
            surrogate = placeholder(category); // a shifted date that collides with another surrogate
        }
        map.put(key, surrogate);
        reverse.putIfAbsent(surrogate, realValue);
        return surrogate;
    }

    @Override
    public LocalDate shift(LocalDate realDate) {
        return realDate.plusDays(shiftDays);
    }

    @Override
    public synchronized String reidentify(String pseudonymisedText) {
        if (pseudonymisedText == null || pseudonymisedText.isEmpty() || reverse.isEmpty()) {
            return pseudonymisedText;
        }
        // Longest surrogate first, so "Persoon AB" is never read as "Persoon A" + "B".
        List<String> surrogates = new ArrayList<>(reverse.keySet());
        surrogates.sort((a, b) -> b.length() - a.length());
        StringBuilder sb = new StringBuilder(pseudonymisedText.length());
        String text = pseudonymisedText;
        int i = 0;
        outer:
        while (i < text.length()) {
            for (String s : surrogates) {
                if (text.startsWith(s, i) && boundary(text, i, s.length())) {
                    sb.append(reverse.get(s));
                    i += s.length();
                    continue outer;
                }
            }
            sb.append(text.charAt(i++));
        }
        return sb.toString();
    }

    private static boolean boundary(String text, int at, int len) {
        boolean before = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
        int end = at + len;
        boolean after = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
        return before && after;
    }

    private String shiftedDate(String realValue) {
        Optional<ClinicalDate> parsed = ClinicalDate.parse(realValue, referenceYear);
        if (parsed.isEmpty()) {
            return placeholder(DataCategory.DATE);
        }
        ClinicalDate d = parsed.get();
        return d.render(shift(d.date()));
    }

    private String placeholder(DataCategory category) {
        int n = counters.merge(category, 1, Integer::sum);
        return switch (category) {
            case PERSON -> "Persoon " + letters(n);
            case LOCATION -> "Locatie " + letters(n);
            case INSTITUTION -> "Instelling " + letters(n);
            case POSTCODE -> "[POSTCODE-" + n + "]";
            case DATE -> "[DATUM-" + n + "]";
            case AGE -> "[LEEFTIJD-" + n + "]";
            case BSN -> "[BSN-" + n + "]";
            case PATIENT_ID -> "[PATIENTNUMMER-" + n + "]";
            case PHONE -> "[TELEFOON-" + n + "]";
            case EMAIL -> "[EMAIL-" + n + "]";
            case URL -> "[URL-" + n + "]";
            case OTHER_ID -> "[ID-" + n + "]";
        };
    }

    /** 1 -> A, 26 -> Z, 27 -> AA. */
    static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        while (n > 0) {
            n--;
            sb.insert(0, (char) ('A' + n % 26));
            n /= 26;
        }
        return sb.toString();
    }

    private static boolean isYoungerThan90(String value) {
        String digits = value.replaceAll("\\D", "");
        if (digits.isEmpty() || digits.length() > 3) {
            return false;
        }
        return Integer.parseInt(digits) < 90;
    }

    /** Same person written differently: case, spacing, punctuation; digits only for numbers. */
    private static String key(DataCategory category, String value) {
        return switch (category) {
            case BSN, PATIENT_ID, PHONE, OTHER_ID, POSTCODE -> normalisedDigits(category, value);
            default -> value.toLowerCase(Locale.ROOT).replaceAll("[\\s.,]+", " ").strip();
        };
    }

    private static String normalisedDigits(DataCategory category, String value) {
        String v = value.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z+]", "");
        if (category == DataCategory.PHONE) {
            v = v.replaceFirst("^\\+310?", "0").replaceFirst("^00310?", "0");
        }
        return v;
    }

    /**
     * "mevr. De Vries" after "A. de Vries": the same surname where one of the two has no given name or
     * initials is taken as the same person within one conversation about one patient.
     */
    private static String sameSurname(Map<String, String> persons, String key) {
        String[] parts = key.split(" ");
        for (Map.Entry<String, String> e : persons.entrySet()) {
            String[] other = e.getKey().split(" ");
            if (surnameOnly(parts) || surnameOnly(other)) {
                if (surname(parts).equals(surname(other))) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private static final java.util.Set<String> PREFIXES = java.util.Set.of("van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "el", "al", "le", "la");

    private static boolean surnameOnly(String[] parts) {
        return PREFIXES.contains(parts[0]) || parts.length == 1;
    }

    private static String surname(String[] parts) {
        StringBuilder sb = new StringBuilder();
        boolean started = false;
        for (String p : parts) {
            if (PREFIXES.contains(p) || started) {
                started = true;
                sb.append(p).append(' ');
            }
        }
        if (!started) {
            return parts[parts.length - 1];
        }
        return sb.toString().strip();
    }
}
