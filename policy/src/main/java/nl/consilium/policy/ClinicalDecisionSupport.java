package nl.consilium.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * FMS declaration 4: whether an application may be used for clinical decision support (diagnosis,
 * prognosis or treatment advice for an individual patient). Software that does so is a medical device
 * under the MDR, so "on" is only valid with a recorded MDR basis (e.g. a CE marking and its class, or
 * the in-house exemption of MDR article 5(5)) and a reference to the clinical validation.
 *
 * @param enabled              whether CDS questions are allowed in this application
 * @param mdrBasis             the recorded MDR basis; present when enabled
 * @param validationReference  where the clinical validation is documented; present when enabled
 */
public record ClinicalDecisionSupport(boolean enabled, Optional<String> mdrBasis, Optional<String> validationReference) {
    public ClinicalDecisionSupport {
        Objects.requireNonNull(mdrBasis, "mdrBasis");
        Objects.requireNonNull(validationReference, "validationReference");
        if (enabled && (mdrBasis.isEmpty() || validationReference.isEmpty())) {
            throw new IllegalArgumentException("clinical decision support on requires an MDR basis and a validation reference");
        }
    }

    public static ClinicalDecisionSupport off() {
        return new ClinicalDecisionSupport(false, Optional.empty(), Optional.empty());
    }
}
