package nl.consilium.policy;

import java.util.Objects;

/**
 * Outcome of the clinical-decision-support intent check.
 *
 * @param cds      true when the request asks for diagnosis, prognosis or treatment advice for an individual patient
 * @param rule     id of the rule that decided (stable, shown to auditors)
 * @param evidence short description of what fired, without quoting patient data
 */
public record IntentAssessment(boolean cds, String rule, String evidence) {
    public IntentAssessment {
        Objects.requireNonNull(rule, "rule");
        evidence = evidence == null ? "" : evidence;
    }
}
