package nl.consilium.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One NEN 7513 log event plus Consilium's decision context. It never holds message content: only
 * {@link #messageSha256()}, a hash that lets an investigator match a stored conversation.
 *
 * <p>Nullable components: {@code responsibleUser}, {@code patientId}, {@code applicationId},
 * {@code policy}, {@code decision}, {@code modelEndpoint}, {@code correlationId},
 * {@code messageSha256}. Lists are never null.
 *
 * @param occurredAt      when (UTC), truncated to microseconds because that is what PostgreSQL keeps
 *                        and the hash covers exactly the stored value
 * @param type            what happened
 * @param action          create/read/update/delete/execute
 * @param outcome         whether it succeeded
 * @param user            who acted
 * @param responsibleUser on whose behalf (NEN 7513 "verantwoordelijke gebruiker"), e.g. the
 *                        specialist under whom a resident works
 * @param location        from where
 * @param patientId       which patient: FHIR reference {@code Patient/<id>} or the hospital patient
 *                        number; one patient per event (IHE BALP)
 * @param objects         which data objects
 * @param applicationId   the Consilium application (use-conditions entry)
 * @param policy          the policy version that decided
 * @param decision        the policy decision, for requests
 * @param ruleIds         the policy rules that fired, so an auditor can trace a refusal
 * @param modelEndpoint   language model endpoint used (id or URL), null in extractive mode
 * @param sourcesCited    knowledge sources cited in the answer
 * @param correlationId   request id that ties together the events of one chat turn
 * @param messageSha256   SHA-256 (lowercase hex) of the message content
 */
public record AuditEvent(
        Instant occurredAt,
        AuditEventType type,
        AuditAction action,
        AuditOutcome outcome,
        AuditActor user,
        AuditActor responsibleUser,
        AuditLocation location,
        String patientId,
        List<AuditObject> objects,
        String applicationId,
        PolicyReference policy,
        AuditDecision decision,
        List<String> ruleIds,
        String modelEndpoint,
        List<String> sourcesCited,
        String correlationId,
        String messageSha256) {

    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(user, "user");
        location = location == null ? AuditLocation.NONE : location;
        patientId = Text.optional(patientId, "patient id");
        objects = objects == null ? List.of() : List.copyOf(objects);
        applicationId = Text.optional(applicationId, "application id");
        ruleIds = Text.list(ruleIds, "rule id");
        modelEndpoint = Text.optional(modelEndpoint, "model endpoint");
        sourcesCited = Text.list(sourcesCited, "cited source");
        correlationId = Text.optional(correlationId, "correlation id");
        messageSha256 = Text.sha256Hex(messageSha256, "message hash");
        if (type == AuditEventType.PATIENT_RECORD_READ && patientId == null) {
            throw new IllegalArgumentException("a PATIENT_RECORD_READ event names the patient (NEN 7513)");
        }
    }

    public static Builder builder(AuditEventType type, AuditActor user) {
        return new Builder(type, user);
    }

    /** Builder because most events fill only a few of the seventeen fields. */
    public static final class Builder {
        private Instant occurredAt = Instant.now();
        private final AuditEventType type;
        private AuditAction action = AuditAction.EXECUTE;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private final AuditActor user;
        private AuditActor responsibleUser;
        private AuditLocation location = AuditLocation.NONE;
        private String patientId;
        private final List<AuditObject> objects = new ArrayList<>();
        private String applicationId;
        private PolicyReference policy;
        private AuditDecision decision;
        private final List<String> ruleIds = new ArrayList<>();
        private String modelEndpoint;
        private final List<String> sourcesCited = new ArrayList<>();
        private String correlationId;
        private String messageSha256;

        private Builder(AuditEventType type, AuditActor user) {
            this.type = type;
            this.user = user;
        }

        public Builder occurredAt(Instant v) { this.occurredAt = v; return this; }
        public Builder action(AuditAction v) { this.action = v; return this; }
        public Builder outcome(AuditOutcome v) { this.outcome = v; return this; }
        public Builder responsibleUser(AuditActor v) { this.responsibleUser = v; return this; }
        public Builder location(AuditLocation v) { this.location = v; return this; }
        public Builder patientId(String v) { this.patientId = v; return this; }
        public Builder object(AuditObject v) { this.objects.add(v); return this; }
        public Builder objects(List<AuditObject> v) { this.objects.addAll(v); return this; }
        public Builder applicationId(String v) { this.applicationId = v; return this; }
        public Builder policy(PolicyReference v) { this.policy = v; return this; }
        public Builder decision(AuditDecision v) { this.decision = v; return this; }
        public Builder ruleId(String v) { this.ruleIds.add(v); return this; }
        public Builder ruleIds(List<String> v) { this.ruleIds.addAll(v); return this; }
        public Builder modelEndpoint(String v) { this.modelEndpoint = v; return this; }
        public Builder sourceCited(String v) { this.sourcesCited.add(v); return this; }
        public Builder sourcesCited(List<String> v) { this.sourcesCited.addAll(v); return this; }
        public Builder correlationId(String v) { this.correlationId = v; return this; }
        public Builder messageSha256(String v) { this.messageSha256 = v; return this; }

        public AuditEvent build() {
            return new AuditEvent(occurredAt, type, action, outcome, user, responsibleUser, location, patientId,
                    objects, applicationId, policy, decision, ruleIds, modelEndpoint, sourcesCited, correlationId,
                    messageSha256);
        }
    }
}
