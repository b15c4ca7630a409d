package nl.consilium.ehr;

import java.util.Objects;
import java.util.function.Supplier;
import nl.consilium.policy.PseudonymisationSession;

/**
 * What the application's use conditions say about identifying patient data in the context.
 * Identifying fields are name, BSN and other identifiers, address and postcode, birth date, phone
 * and e-mail.
 */
public sealed interface PersonalDataMode {

    /** Personal data may be processed: real name, birth date and identifiers appear. */
    record Allowed() implements PersonalDataMode {
    }

    /**
     * Pseudonymised: identifying values are replaced by the session's surrogates, all dates are
     * shifted by its offset, free text goes through its pseudonymiser; the mapping stays in the session.
     */
    record Pseudonymised(PseudonymisationSession session) implements PersonalDataMode {
        public Pseudonymised {
            Objects.requireNonNull(session, "a pseudonymisation session is required");
        }
    }

    /**
     * Neither personal nor pseudonymised data: no identifying field at all, and free-text notes are
     * left out (only their type, date and reference) because nothing can guarantee they are clean.
     */
    record Withheld() implements PersonalDataMode {
    }

    /** Maps the two use-condition flags; pseudonymisation wins when both are set (the stricter choice). */
    static PersonalDataMode of(boolean personalDataAllowed, boolean pseudonymise,
                               Supplier<PseudonymisationSession> sessions) {
        if (pseudonymise) {
            return new Pseudonymised(sessions.get());
        }
        return personalDataAllowed ? new Allowed() : new Withheld();
    }
}
