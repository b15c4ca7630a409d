package nl.consilium.policy;

import java.time.LocalDate;

/**
 * Pseudonymisation for one conversation. Surrogates are consistent within the session (the same
 * real value always gets the same surrogate; dates move by one fixed offset so intervals stay true).
 * The reverse mapping lives only in this object's memory: it is never persisted or sent anywhere,
 * so pseudonyms can be mapped back for the signed-in user inside Consilium and nowhere else.
 */
public interface PseudonymisationSession {

    /** Replaces every detected personal-data span in the text by its surrogate. */
    String pseudonymise(String text);

    /** The surrogate for one structured value (for example a FHIR Patient.name), consistent with free text. */
    String surrogate(DataCategory category, String realValue);

    /** The date shifted by this session's fixed offset. */
    LocalDate shift(LocalDate realDate);

    /** Puts real values back in place of the surrogates this session issued. */
    String reidentify(String pseudonymisedText);
}
