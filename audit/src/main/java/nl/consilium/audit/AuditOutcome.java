package nl.consilium.audit;

/**
 * Whether the action succeeded, with the FHIR R4 AuditEvent.outcome code. A request refused by the
 * policy is {@link #MINOR_FAILURE} with decision {@link AuditDecision#REFUSED}: the system worked,
 * the user did not get what was asked.
 */
public enum AuditOutcome {
    SUCCESS("0"), MINOR_FAILURE("4"), SERIOUS_FAILURE("8"), MAJOR_FAILURE("12");

    private final String fhirCode;

    AuditOutcome(String fhirCode) {
        this.fhirCode = fhirCode;
    }

    public String fhirCode() {
        return fhirCode;
    }
}
