package nl.consilium.audit;

/** The policy engine's decision on a request, as the compliance officer searches for it. */
public enum AuditDecision {
    ALLOWED,
    /** Allowed after transformation: patient data pseudonymised or resources dropped. */
    PSEUDONYMISED,
    REFUSED
}
