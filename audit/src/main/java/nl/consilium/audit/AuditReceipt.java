package nl.consilium.audit;

/** Proof that an event is durably committed: its sequence number and record hash (lowercase hex). */
public record AuditReceipt(long sequence, String hash) {
}
