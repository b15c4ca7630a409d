package nl.consilium.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The policy engine's decision on one request: a value, never a boolean, so that callers must handle
 * each outcome. Every decision names the rules that fired (stable ids, see docs/use-conditions.md) and
 * the policy version it was taken under, for the audit record.
 */
public sealed interface PolicyDecision permits PolicyDecision.Allow, PolicyDecision.AllowAfterTransformation, PolicyDecision.Refuse {

    /** The application as requested (may be unknown for a {@link Refuse}). */
    String applicationId();

    /** Ids of every rule that fired, deciding rule first. Never empty. */
    List<String> firedRules();

    /** The effective policy the decision was taken under. */
    PolicyVersion policy();

    /**
     * Proceed as requested.
     *
     * @param patientContextResourceTypes FHIR resource types that may be fetched for the patient context; empty = none
     */
    record Allow(String applicationId, Set<String> patientContextResourceTypes, List<String> firedRules, PolicyVersion policy)
            implements PolicyDecision {
        public Allow {
            Objects.requireNonNull(applicationId, "applicationId");
            patientContextResourceTypes = Set.copyOf(patientContextResourceTypes);
            firedRules = nonEmpty(firedRules);
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * Proceed only after applying {@link #transformation()}; the model and the knowledge base never see the input untransformed.
     *
     * @param patientContextResourceTypes FHIR resource types that may be fetched (already without the dropped ones); empty = none
     */
    record AllowAfterTransformation(String applicationId, Transformation transformation, Set<String> patientContextResourceTypes,
                                    List<String> firedRules, PolicyVersion policy) implements PolicyDecision {
        public AllowAfterTransformation {
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(transformation, "transformation");
            patientContextResourceTypes = Set.copyOf(patientContextResourceTypes);
            firedRules = nonEmpty(firedRules);
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * What must be done to the request before it is processed.
     *
     * @param pseudonymise               personal-data categories in the user's input to replace by surrogates
     * @param pseudonymisePatientContext the patient context from the EPD must be pseudonymised (names, identifiers, dates, ...)
     * @param dropResourceTypes          requested FHIR resource types the application may not read: leave them out
     */
    record Transformation(Set<DataCategory> pseudonymise, boolean pseudonymisePatientContext, Set<String> dropResourceTypes) {
        public Transformation {
            pseudonymise = Set.copyOf(pseudonymise);
            dropResourceTypes = Set.copyOf(dropResourceTypes);
        }

        public boolean pseudonymises() {
            return !pseudonymise.isEmpty() || pseudonymisePatientContext;
        }
    }

    /**
     * Do not process the request. {@link #reason()} is shown to the user as is.
     *
     * @param ruleId         the deciding rule (also first in {@link #firedRules()})
     * @param reason         why, in words a clinician understands
     * @param allowedInstead what the user can do instead
     */
    record Refuse(String applicationId, String ruleId, LocalizedText reason, LocalizedText allowedInstead,
                  List<String> firedRules, PolicyVersion policy) implements PolicyDecision {
        public Refuse {
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(allowedInstead, "allowedInstead");
            firedRules = nonEmpty(firedRules);
            if (!firedRules.getFirst().equals(ruleId)) {
                throw new IllegalArgumentException("the deciding rule must come first in firedRules");
            }
            Objects.requireNonNull(policy, "policy");
        }
    }

    private static List<String> nonEmpty(List<String> rules) {
        List<String> copy = List.copyOf(rules);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a decision must name at least one rule");
        }
        return copy;
    }
}
