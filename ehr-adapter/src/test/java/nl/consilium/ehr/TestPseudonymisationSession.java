package nl.consilium.ehr;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.consilium.policy.DataCategory;
import nl.consilium.policy.PseudonymisationSession;

/**
 * A deliberately simple stand-in for policy's real pseudonymiser (written elsewhere): consistent
 * surrogates per category, a fixed date shift, and in free text it only knows BSN-like numbers,
 * Dutch dates and the values it has already issued surrogates for. The context assembler must
 * therefore not rely on this detector being clever: names must be caught structurally.
 */
final class TestPseudonymisationSession implements PseudonymisationSession {

    static final int SHIFT_DAYS = -137;
    private static final Pattern BSN_LIKE = Pattern.compile("(?<!\\d)\\d{9}(?!\\d)");
    private static final Pattern NL_DATE = Pattern.compile("(?<!\\d)(\\d{2})-(\\d{2})-(\\d{4})(?!\\d)");

    private final Map<String, String> surrogates = new LinkedHashMap<>();
    private final Map<String, String> reverse = new HashMap<>();
    private final Map<DataCategory, Integer> counters = new HashMap<>();

    @Override
    public String pseudonymise(String text) {
        String out = text;
        for (Map.Entry<String, String> e : surrogates.entrySet()) {
            out = out.replace(e.getKey().substring(e.getKey().indexOf(':') + 1), e.getValue());
        }
        Matcher bsn = BSN_LIKE.matcher(out);
        out = bsn.replaceAll(m -> Matcher.quoteReplacement(surrogate(DataCategory.BSN, m.group())));
        Matcher date = NL_DATE.matcher(out);
        DateTimeFormatter nl = DateTimeFormatter.ofPattern("dd-MM-yyyy");
        out = date.replaceAll(m -> shift(LocalDate.parse(m.group(), nl)).format(nl));
        return out;
    }

    @Override
    public String surrogate(DataCategory category, String realValue) {
        String key = category + ":" + realValue;
        return surrogates.computeIfAbsent(key, k -> {
            int n = counters.merge(category, 1, Integer::sum);
            String s = switch (category) {
                case PERSON -> "Persoon-" + n;
                case BSN -> "BSN-" + n;
                case PATIENT_ID -> "pseudo-" + n;
                default -> category.name() + "-" + n;
            };
            reverse.put(s, realValue);
            return s;
        });
    }

    @Override
    public LocalDate shift(LocalDate realDate) {
        return realDate.plusDays(SHIFT_DAYS);
    }

    @Override
    public String reidentify(String pseudonymisedText) {
        String out = pseudonymisedText;
        for (Map.Entry<String, String> e : reverse.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
