package nl.consilium.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import nl.consilium.audit.chain.CanonicalForm;

class CanonicalFormTest {

    /**
     * Compatibility guard: stored chains are verified years later, so the canonical encoding of
     * format 1 must never change. If this fails, the encoding changed: introduce format 2 instead.
     * The expected value was computed independently (Python, from the encoding described in
     * docs/audit.md), not copied from this implementation's output.
     */
    @Test
    void formatOneEncodingIsFrozen() {
        AuditEvent e = AuditEvent.builder(AuditEventType.PATIENT_RECORD_READ, new AuditActor("u1", "Dr. Één", "arts"))
                .occurredAt(Instant.parse("2026-01-02T03:04:05.123456789Z"))
                .action(AuditAction.READ)
                .patientId("Patient/1")
                .object(AuditObject.fhir("Observation/2"))
                .build();
        assertThat(HexFormat.of().formatHex(CanonicalForm.contentSha256(e)))
                .isEqualTo(FROZEN);
    }

    private static final String FROZEN = "f5f50ebe3e8acfdd5c931e5b88f31e3685ec85563a483f68b151a76817ae566f";

    @Test
    void everyFieldChangesTheContentHash() {
        AuditEvent base = Events.chat(3);
        byte[] h = CanonicalForm.contentSha256(base);
        AuditEvent.Builder b = AuditEvent.builder(base.type(), base.user());
        assertThat(CanonicalForm.contentSha256(copy(base).patientId("Patient/x").build())).isNotEqualTo(h);
        assertThat(CanonicalForm.contentSha256(copy(base).decision(AuditDecision.REFUSED).build())).isNotEqualTo(h);
        assertThat(CanonicalForm.contentSha256(copy(base).correlationId(null).build())).isNotEqualTo(h);
        assertThat(CanonicalForm.contentSha256(copy(base).occurredAt(base.occurredAt().plusNanos(1000)).build())).isNotEqualTo(h);
        assertThat(CanonicalForm.contentSha256(copy(base).build())).isEqualTo(h);
        assertThat(b).isNotNull();
    }

    @Test
    void fieldBoundariesAreUnambiguous() {
        AuditActor a = new AuditActor("ab", "c", null);
        AuditActor b = new AuditActor("a", "bc", null);
        AuditEvent e1 = AuditEvent.builder(AuditEventType.USER_LOGIN, a).occurredAt(Instant.EPOCH).build();
        AuditEvent e2 = AuditEvent.builder(AuditEventType.USER_LOGIN, b).occurredAt(Instant.EPOCH).build();
        assertThat(CanonicalForm.contentSha256(e1)).isNotEqualTo(CanonicalForm.contentSha256(e2));
    }

    @Test
    void contentThatCannotBeStoredExactlyIsRefused() {
        assertThatThrownBy(() -> new AuditActor("u\u0000", null, null)).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new AuditActor("u\uD800", null, null)).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> AuditEvent.builder(AuditEventType.CHAT_REQUEST, new AuditActor("u", null, null))
                .messageSha256("what is the dose of x for patient y").build()).hasMessageContaining("never the content");
        assertThatThrownBy(() -> AuditEvent.builder(AuditEventType.PATIENT_RECORD_READ, new AuditActor("u", null, null)).build())
                .hasMessageContaining("names the patient");
    }

    private static AuditEvent.Builder copy(AuditEvent e) {
        return AuditEvent.builder(e.type(), e.user()).occurredAt(e.occurredAt()).action(e.action()).outcome(e.outcome())
                .responsibleUser(e.responsibleUser()).location(e.location()).patientId(e.patientId()).objects(e.objects())
                .applicationId(e.applicationId()).policy(e.policy()).decision(e.decision()).ruleIds(e.ruleIds())
                .modelEndpoint(e.modelEndpoint()).sourcesCited(e.sourcesCited()).correlationId(e.correlationId())
                .messageSha256(e.messageSha256());
    }
}
