package nl.consilium.audit;

import java.time.Instant;
import java.util.Set;

/**
 * A compliance officer's search. Every filter is optional (null or empty = no filter); results come
 * newest first, {@code limit} at a time, continued with {@link #after(AuditPage)} (keyset paging on
 * the sequence number: stable while new events arrive, and as fast on page 1,000 as on page 1).
 *
 * @param from      inclusive lower bound on the event time
 * @param to        exclusive upper bound on the event time
 * @param beforeSeq only events with a smaller sequence number (the paging cursor)
 */
public record AuditQuery(String userId, String patientId, String applicationId, Set<AuditEventType> types,
                         Set<AuditDecision> decisions, Set<AuditOutcome> outcomes, Instant from, Instant to,
                         Long beforeSeq, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        decisions = decisions == null ? Set.of() : Set.copyOf(decisions);
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("time range is empty: from must be before to");
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, Set.of(), Set.of(), Set.of(), null, null, null, 50);
    }

    public AuditQuery withUser(String v) {
        return new AuditQuery(v, patientId, applicationId, types, decisions, outcomes, from, to, beforeSeq, limit);
    }

    public AuditQuery withPatient(String v) {
        return new AuditQuery(userId, v, applicationId, types, decisions, outcomes, from, to, beforeSeq, limit);
    }

    public AuditQuery withApplication(String v) {
        return new AuditQuery(userId, patientId, v, types, decisions, outcomes, from, to, beforeSeq, limit);
    }

    public AuditQuery withTypes(Set<AuditEventType> v) {
        return new AuditQuery(userId, patientId, applicationId, v, decisions, outcomes, from, to, beforeSeq, limit);
    }

    public AuditQuery withDecisions(Set<AuditDecision> v) {
        return new AuditQuery(userId, patientId, applicationId, types, v, outcomes, from, to, beforeSeq, limit);
    }

    public AuditQuery withOutcomes(Set<AuditOutcome> v) {
        return new AuditQuery(userId, patientId, applicationId, types, decisions, v, from, to, beforeSeq, limit);
    }

    public AuditQuery withTimeRange(Instant fromInclusive, Instant toExclusive) {
        return new AuditQuery(userId, patientId, applicationId, types, decisions, outcomes, fromInclusive, toExclusive, beforeSeq, limit);
    }

    public AuditQuery withLimit(int v) {
        return new AuditQuery(userId, patientId, applicationId, types, decisions, outcomes, from, to, beforeSeq, v);
    }

    public AuditQuery withBeforeSeq(Long v) {
        return new AuditQuery(userId, patientId, applicationId, types, decisions, outcomes, from, to, v, limit);
    }

    /** The query for the page after {@code page}. */
    public AuditQuery after(AuditPage page) {
        if (page.nextBeforeSeq() == null) {
            throw new IllegalArgumentException("that was the last page");
        }
        return withBeforeSeq(page.nextBeforeSeq());
    }
}
