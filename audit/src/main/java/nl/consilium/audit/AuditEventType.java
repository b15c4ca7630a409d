package nl.consilium.audit;

/**
 * What happened (NEN 7513 "gebeurtenis"). Each type carries the DICOM audit event id that the FHIR
 * AuditEvent export uses as {@code AuditEvent.type}, so an external SIEM can classify it without
 * knowing Consilium's own codes.
 */
public enum AuditEventType {
    /** Patient data was read from the EPD (FHIR read/search). One event per patient (IHE BALP). */
    PATIENT_RECORD_READ("110110", "Patient Record"),
    /** A chat question was decided on (allowed, pseudonymised or refused) and answered or not. */
    CHAT_REQUEST("110100", "Application Activity"),
    /** Knowledge base search done for a chat request. */
    KNOWLEDGE_SEARCH("110112", "Query"),
    /** A user accepted the terms of use of an application version. */
    TERMS_ACCEPTED("110100", "Application Activity"),
    /** A user viewed their own stored conversation. */
    CONVERSATION_VIEWED("110100", "Application Activity"),
    /** A user deleted a conversation (its key destroyed); the audit metadata stays. */
    CONVERSATION_DELETED("110100", "Application Activity"),
    USER_LOGIN("110114", "User Authentication"),
    USER_LOGOUT("110114", "User Authentication"),
    /** The policy (use conditions) was loaded or changed, or an application/connector switched off. */
    CONFIGURATION_CHANGED("110100", "Application Activity"),
    /** A compliance officer searched the audit log. */
    AUDIT_LOG_QUERY("110101", "Audit Log Used"),
    /** A compliance officer exported part of the audit log. */
    AUDIT_LOG_EXPORT("110101", "Audit Log Used"),
    /** The chain was verified. */
    AUDIT_LOG_VERIFY("110101", "Audit Log Used"),
    /** Events older than the retention period were purged; written by the purge itself. */
    AUDIT_LOG_PURGE("110101", "Audit Log Used");

    private final String dicomCode;
    private final String dicomDisplay;

    AuditEventType(String dicomCode, String dicomDisplay) {
        this.dicomCode = dicomCode;
        this.dicomDisplay = dicomDisplay;
    }

    /** Code in http://dicom.nema.org/resources/ontology/DCM. */
    public String dicomCode() {
        return dicomCode;
    }

    public String dicomDisplay() {
        return dicomDisplay;
    }
}
