package nl.consilium.ehr;

import java.time.LocalDate;

/**
 * One fact in the patient context, with the reference the answer cites ("Observation/123").
 * The date is the clinical date as shown (shifted when pseudonymised); null when the EPD has none.
 */
public record ContextFact(String reference, LocalDate date, String text) {
}
