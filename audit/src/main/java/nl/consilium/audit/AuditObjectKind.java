package nl.consilium.audit;

/** Kind of object an event touched (NEN 7513 "welke gegevens"). */
public enum AuditObjectKind {
    /** A FHIR resource of the EPD, as a relative reference such as {@code Observation/123}. */
    FHIR_RESOURCE,
    /** A knowledge base document (id or URL, optionally with version). */
    KNOWLEDGE_DOCUMENT,
    /** A stored Consilium conversation. */
    CONVERSATION,
    /** The use-conditions policy or one application in it. */
    POLICY,
    /** (Part of) the audit log itself. */
    AUDIT_LOG
}
