package nl.consilium.audit;

/** A stored event: its place in the chain and its record hash (lowercase hex). */
public record AuditRecord(long sequence, String hash, AuditEvent event) {
}
