package nl.consilium.policy;

import java.util.Objects;

import nl.consilium.policy.intent.RuleBasedIntentClassifier;
import nl.consilium.policy.phi.RuleBasedDetector;
import nl.consilium.policy.pseudonym.SurrogateSession;

/**
 * Entry point to personal-data detection, pseudonymisation and CDS-intent classification.
 * Detector and classifier are thread-safe and cheap to share (one per application is enough);
 * a pseudonymisation session belongs to one conversation and must not be shared between conversations.
 * See docs/detection.md for the approach and measured precision/recall.
 */
public final class Detection {

    private static final PersonalDataDetector DETECTOR = new RuleBasedDetector();
    private static final CdsIntentClassifier CLASSIFIER = new RuleBasedIntentClassifier();

    private Detection() {
    }

    /** The Dutch/English clinical personal-data detector (lookup lists + patterns + context rules). */
    public static PersonalDataDetector personalDataDetector() {
        return DETECTOR;
    }

    /** The clinical-decision-support intent classifier (Dutch and English rules). */
    public static CdsIntentClassifier cdsIntentClassifier() {
        return CLASSIFIER;
    }

    /**
     * A new pseudonymisation session for one conversation, with a random date offset of 30 to 365 days
     * (either direction). Surrogates: "Persoon A", "Locatie B", "Instelling C", "[BSN-1]" and so on.
     */
    public static PseudonymisationSession newPseudonymisationSession(PersonalDataDetector detector) {
        return new SurrogateSession(Objects.requireNonNull(detector, "detector"), new java.security.SecureRandom());
    }

    /** As {@link #newPseudonymisationSession(PersonalDataDetector)} with the standard detector. */
    public static PseudonymisationSession newPseudonymisationSession() {
        return newPseudonymisationSession(DETECTOR);
    }

    /** A session with a fixed date offset, for tests and reproducible exports. */
    public static PseudonymisationSession newPseudonymisationSession(PersonalDataDetector detector, int dateShiftDays) {
        return new SurrogateSession(Objects.requireNonNull(detector, "detector"), dateShiftDays);
    }
}
