package nl.consilium.audit;

import java.time.Instant;

/** Realistic events for tests: a chat turn about a patient by a resident on behalf of a specialist. */
final class Events {
    private Events() {
    }

    static AuditEvent chat(int i) {
        return AuditEvent.builder(AuditEventType.CHAT_REQUEST, new AuditActor("u" + (i % 50), "Dr. Test " + (i % 50), "arts-assistent"))
                .occurredAt(Instant.parse("2026-11-01T10:00:00Z").plusMillis(i * 37L))
                .responsibleUser(new AuditActor("spec" + (i % 7), "Dr. Spec", "medisch-specialist"))
                .location(new AuditLocation("EPD launch", "10.0.0." + (i % 250), "consilium-1"))
                .patientId("Patient/p" + (i % 1000))
                .object(AuditObject.fhir("Observation/o" + i))
                .object(AuditObject.document("richtlijn-" + (i % 30) + "#v3"))
                .applicationId(i % 3 == 0 ? "richtlijnen" : "patientsamenvatting")
                .policy(new PolicyReference("2026.11", "sha256:abc"))
                .decision(i % 10 == 0 ? AuditDecision.REFUSED : i % 4 == 0 ? AuditDecision.PSEUDONYMISED : AuditDecision.ALLOWED)
                .outcome(i % 10 == 0 ? AuditOutcome.MINOR_FAILURE : AuditOutcome.SUCCESS)
                .ruleId("R-" + (i % 5))
                .modelEndpoint("https://llm.intern.ziekenhuis.nl/v1")
                .sourceCited("richtlijn-" + (i % 30) + "#sectie-2.1")
                .correlationId("req-" + i)
                .messageSha256("0".repeat(63) + Integer.toHexString(i % 16))
                .build();
    }
}
