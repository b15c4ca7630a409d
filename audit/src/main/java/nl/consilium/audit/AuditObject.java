package nl.consilium.audit;

import java.util.Objects;

/** One object an event touched: kind plus a reference that identifies it. */
public record AuditObject(AuditObjectKind kind, String reference) {
    public AuditObject {
        Objects.requireNonNull(kind, "kind");
        reference = Text.required(reference, "object reference");
    }

    public static AuditObject fhir(String reference) {
        return new AuditObject(AuditObjectKind.FHIR_RESOURCE, reference);
    }

    public static AuditObject document(String reference) {
        return new AuditObject(AuditObjectKind.KNOWLEDGE_DOCUMENT, reference);
    }
}
