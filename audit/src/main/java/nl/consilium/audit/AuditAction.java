package nl.consilium.audit;

/** The kind of action on the objects, with the FHIR R4 AuditEvent.action code (C, R, U, D, E). */
public enum AuditAction {
    CREATE("C"), READ("R"), UPDATE("U"), DELETE("D"), EXECUTE("E");

    private final String fhirCode;

    AuditAction(String fhirCode) {
        this.fhirCode = fhirCode;
    }

    public String fhirCode() {
        return fhirCode;
    }
}
