package nl.consilium.app.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.consilium.policy.Application;
import nl.consilium.policy.DataCategory;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;

/**
 * Checks a generated answer before anyone sees it: citations must point at passages that were given,
 * individual diagnosis or treatment statements are withheld where the application has no CDS declaration, and
 * identifying data the application may not process is removed. Every intervention is named in the result so
 * it can be shown and audited.
 */
final class OutputChecks {

    static final String CITATION_REMOVED = "OUTPUT-CITATION-NOT-GIVEN";
    static final String CDS_WITHHELD = "OUTPUT-CDS-STATEMENT-WITHHELD";
    static final String PERSONAL_DATA_REMOVED = "OUTPUT-PERSONAL-DATA-REMOVED";

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3})]");
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]*\\s*|\\n");

    /**
     * A statement aimed at one patient: a reference to the individual together with a diagnostic or
     * therapeutic directive. General guideline wording ("bij CAP wordt amoxicilline geadviseerd") does not match.
     */
    private static final Pattern INDIVIDUAL = Pattern.compile(
            "(?iu)\\b(deze|uw|de(ze)?\\s+)?(patiënt(e)?|patient|mevrouw|meneer|mevr\\.|dhr\\.|hij|zij|your patient|this patient|he|she)\\b");
    private static final Pattern DIRECTIVE = Pattern.compile(
            "(?iu)\\b(heeft\\s+(waarschijnlijk|vermoedelijk|zeker)|lijdt\\s+aan|de\\s+diagnose\\s+is|diagnose:|"
                    + "moet\\s+(starten|beginnen|krijgen|stoppen)|geef\\s+(hem|haar|deze)|start\\s+(met\\s+)?|"
                    + "behandel\\s+(hem|haar|met)|ik\\s+adviseer|mijn\\s+advies|schrijf\\s+.*\\s+voor|"
                    + "has\\s+(probably|likely)|is\\s+suffering\\s+from|the\\s+diagnosis\\s+is|should\\s+(start|receive|get|stop)|"
                    + "give\\s+(him|her)|i\\s+recommend|prescribe)");

    record Checked(String text, List<String> interventions) {
    }

    private final PersonalDataDetector detector;

    OutputChecks(PersonalDataDetector detector) {
        this.detector = detector;
    }

    /**
     * Checks a model's answer. {@code sourceTexts} are the approved passages the model was given: words that
     * stand in them (table labels, eponyms, authors of a guideline) came from the knowledge base, not from a
     * patient, and are not treated as personal data.
     */
    Checked check(String answer, List<String> sourceTexts, Application application, boolean pseudonymised) {
        List<String> interventions = new ArrayList<>();
        String text = citations(answer, sourceTexts.size(), interventions);
        if (!application.clinicalDecisionSupport().enabled()) {
            text = withholdIndividualAdvice(text, interventions);
        }
        if (!application.personalDataAllowed() && !pseudonymised) {
            text = removePersonalData(text, sourceTexts, interventions);
        }
        return new Checked(text.strip(), List.copyOf(interventions));
    }

    /**
     * An extractive answer quotes approved passages verbatim and adds nothing: only the citation check applies
     * (altering a quotation would misquote the source).
     */
    Checked checkExtractive(String answer, int sourceCount) {
        List<String> interventions = new ArrayList<>();
        String text = citations(answer, sourceCount, interventions);
        return new Checked(text.strip(), List.copyOf(interventions));
    }

    private static String citations(String answer, int sourceCount, List<String> interventions) {
        Matcher matcher = CITATION.matcher(answer);
        StringBuilder out = new StringBuilder();
        boolean removed = false;
        while (matcher.find()) {
            int n = Integer.parseInt(matcher.group(1));
            boolean given = n >= 1 && n <= sourceCount;
            removed |= !given;
            matcher.appendReplacement(out, given ? Matcher.quoteReplacement(matcher.group()) : "");
        }
        matcher.appendTail(out);
        if (removed) {
            interventions.add(CITATION_REMOVED);
        }
        return out.toString();
    }

    private static String withholdIndividualAdvice(String text, List<String> interventions) {
        StringBuilder out = new StringBuilder();
        boolean withheld = false;
        Matcher sentences = SENTENCE.matcher(text);
        while (sentences.find()) {
            String sentence = sentences.group();
            if (INDIVIDUAL.matcher(sentence).find() && DIRECTIVE.matcher(sentence).find()) {
                withheld = true;
                out.append("[Weggelaten: individueel diagnose- of behandeladvies valt buiten het beoogd gebruik van "
                        + "deze toepassing.] ");
            } else {
                out.append(sentence);
            }
        }
        if (withheld) {
            interventions.add(CDS_WITHHELD);
        }
        return out.toString();
    }

    private String removePersonalData(String text, List<String> sourceTexts, List<String> interventions) {
        List<PhiSpan> spans = detector.detect(text).stream()
                .filter(s -> s.category().identifying() || s.category() == DataCategory.INSTITUTION)
                .filter(s -> !inSources(text.substring(s.start(), s.end()), sourceTexts))
                .toList();
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = spans.size() - 1; i >= 0; i--) {
            PhiSpan span = spans.get(i);
            out.replace(span.start(), span.end(), "[" + span.category().name().toLowerCase() + " verwijderd]");
        }
        interventions.add(PERSONAL_DATA_REMOVED);
        return out.toString();
    }

    private static boolean inSources(String value, List<String> sourceTexts) {
        return sourceTexts.stream().anyMatch(source -> source.contains(value));
    }
}
