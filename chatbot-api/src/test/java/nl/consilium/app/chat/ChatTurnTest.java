package nl.consilium.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import nl.consilium.app.support.FakeLanguageModel;
import nl.consilium.app.support.Http;
import nl.consilium.app.support.Sse;
import nl.consilium.app.support.TestDatabase;
import nl.consilium.ehr.SandboxEpd;
import nl.consilium.policy.UseConditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The chat turn end to end: real PostgreSQL (audit, knowledge, conversations), the demo knowledge base with the
 * bundled embedding model, the in-process sandbox EPD, and a language model reached over its real wire protocol.
 * The assertions are on what Consilium sent to the model and what the user and the auditor get.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "consilium.knowledge.load-directory=../infra/demo/knowledge",
        "consilium.chat.endpoints.internal-llm.enabled=true"})
@ActiveProfiles("demo")
class ChatTurnTest {

    static final FakeLanguageModel MODEL = new FakeLanguageModel();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.url("consilium_test_chat"));
        // The demo use conditions, with the allow-listed endpoint pointing at the wire-level model double.
        registry.add("consilium.policy.file", () -> MODEL.demoUseConditions().toString());
    }

    @AfterAll
    static void stopModel() {
        MODEL.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UseConditions useConditions;

    Http specialist;

    @BeforeEach
    void signIn() {
        specialist = new Http(port, "specialist");
        MODEL.clear();
        MODEL.answerWith(request -> "Bij een community-acquired pneumonie is amoxicilline de eerste keus [1]. "
                + "Zie ook bron [9].");
        for (var application : useConditions.applications()) {
            specialist.put("/api/v1/applications/" + application.id() + "/terms/acceptance",
                    "{\"termsVersion\":\"" + application.termsVersion() + "\"}");
            application.requiredTraining().ifPresent(t -> specialist.put("/api/v1/applications/" + application.id()
                    + "/training/attestation", "{\"trainingId\":\"" + t + "\"}"));
        }
    }

    @Test
    void aGuidelineQuestionIsAnsweredFromTheApplicationsSourcesWithValidCitationsOnly() {
        UUID conversation = start("richtlijnen", null);

        List<Sse.Event> events = ask(conversation, "Wat is de eerste keus antibioticum bij een CAP op de afdeling?");

        assertThat(Sse.names(events)).containsExactly("token", "sources", "decision", "done");
        String answer = answerText(events);
        assertThat(answer).contains("amoxicilline de eerste keus [1]").doesNotContain("[9]");
        String disclaimer = useConditions.application("richtlijnen").orElseThrow().disclaimer().nl();
        assertThat(answer).endsWith(disclaimer);

        JsonNode sources = json.readTree(Sse.first(events, "sources").data());
        assertThat(sources.path("mode").asString()).isEqualTo("MODEL");
        assertThat(sources.path("checks").toString()).contains(OutputChecks.CITATION_REMOVED);
        assertThat(sources.path("sources").size()).isPositive();
        for (JsonNode source : sources.path("sources")) {
            assertThat(source.path("sourceId").asString()).isIn("demo-richtlijnen", "demo-protocollen");
            assertThat(source.path("text").asString()).isNotBlank();
        }
        assertThat(sources.path("sources").toString()).containsIgnoringCase("pneumonie");

        // What Consilium sent: the policy's instructions, the passages as numbered sources, the question.
        assertThat(MODEL.requests()).hasSize(1);
        JsonNode sent = MODEL.requests().getFirst();
        String system = FakeLanguageModel.message(sent, "system");
        assertThat(system).contains("Geef geen diagnose, prognose of behandel- of doseringsadvies")
                .contains("Verwijs bij elke bewering naar de bron als [n]")
                .contains("uitsluitend op basis van de genummerde bronnen");
        String user = FakeLanguageModel.message(sent, "user");
        assertThat(user).contains("[1] ").contains("Vraag: Wat is de eerste keus antibioticum");
        assertThat(sent.path("model").asString()).isEqualTo("internal-chat");

        // The auditor's view: one record, the decision, the cited source, the policy version, no content.
        JsonNode decision = json.readTree(Sse.first(events, "decision").data());
        long sequence = decision.path("auditSequence").asLong();
        assertThat(decision.path("outcome").asString()).isEqualTo("ALLOWED");
        assertThat(decision.path("patientData").asString()).isEqualTo("NONE");
        var audit = jdbc.sql("select * from audit.event where seq = ?").param(sequence).query().singleRow();
        assertThat(audit.toString()).contains("CHAT_REQUEST").contains("richtlijnen").contains("internal-llm")
                .contains(useConditions.sha256()).doesNotContain("eerste keus antibioticum");
    }

    @Test
    void personalDataInAGuidelineQuestionIsRefusedAndNothingReachesTheModel() {
        UUID conversation = start("richtlijnen", null);

        List<Sse.Event> events = ask(conversation,
                "Mevr. Jansen (BSN 123456782) heeft een CAP, wat is de eerste keus antibioticum?");

        assertThat(Sse.names(events)).containsExactly("refusal", "decision", "done");
        JsonNode decision = json.readTree(Sse.first(events, "decision").data());
        assertThat(decision.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(decision.path("rules").toString()).contains("FMS-");
        assertThat(json.readTree(Sse.first(events, "refusal").data()).path("allowedInstead").asString()).isNotBlank();
        assertThat(MODEL.requests()).isEmpty();
        String auditRow = jdbc.sql("select * from audit.event where seq = ?")
                .param(decision.path("auditSequence").asLong()).query().singleRow().toString();
        assertThat(auditRow).contains("REFUSED").doesNotContain("Jansen").doesNotContain("123456782");
    }

    @Test
    void aRequestForIndividualTreatmentAdviceIsRefusedWhereCdsIsOff() {
        UUID conversation = start("richtlijnen", null);

        List<Sse.Event> events = ask(conversation,
                "Welke dosis amoxicilline moet ik deze patiënt met een eGFR van 25 geven?");

        JsonNode decision = json.readTree(Sse.first(events, "decision").data());
        assertThat(decision.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(decision.path("rules").toString()).contains("FMS-4-CDS-NOT-ALLOWED");
        assertThat(MODEL.requests()).isEmpty();
    }

    @Test
    void thePatientSummaryGetsOnlyPseudonymisedDataAndTheUserSeesRealValues() {
        MODEL.answerWith(request -> {
            // Echo the first line of the patient context, as a model summarising it would.
            String user = FakeLanguageModel.message(request, "user");
            int at = user.indexOf("Patiëntcontext uit het EPD:");
            String context = at < 0 ? "" : user.substring(at + 28).strip();
            return "Samenvatting: " + context.lines().limit(3).reduce("", (a, b) -> a + " " + b) + " [1]";
        });
        UUID conversation = start("patientsamenvatting", SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG);

        List<Sse.Event> events = ask(conversation, "Maak een samenvatting van het dossier voor de overdracht.");

        JsonNode decision = json.readTree(Sse.first(events, "decision").data());
        assertThat(decision.path("outcome").asString()).isEqualTo("PSEUDONYMISED");
        assertThat(decision.path("patientData").asString()).isEqualTo("PSEUDONYMISED");
        assertThat(decision.path("fhirReferences").size()).isPositive();
        assertThat(MODEL.requests()).hasSize(1);
        String sent = FakeLanguageModel.everythingSent(MODEL.requests().getFirst());
        assertThat(sent).contains("Patiëntcontext uit het EPD:")
                .doesNotContain("van den Berg").doesNotContain("Johanna").doesNotContain("123456782")
                .doesNotContain("1956-03-14").doesNotContain("14-03-1956");
        assertThat(FakeLanguageModel.message(MODEL.requests().getFirst(), "system")).contains("gepseudonimiseerd");

        // NEN 7513: the read of the patient record is its own audit event, naming the patient.
        Long reads = jdbc.sql("select count(*) from audit.event where event_type = 'PATIENT_RECORD_READ' "
                        + "and patient_id = ? and correlation_id = ?")
                .params(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, decision.path("correlationId").asString())
                .query(Long.class).single();
        assertThat(reads).isEqualTo(1);
    }

    @Test
    void whenTheAuditRecordCannotBeWrittenNoAnswerGoesOut() {
        UUID conversation = start("richtlijnen", null);
        jdbc.sql("create or replace function audit.test_reject() returns trigger language plpgsql as "
                + "$$ begin raise exception 'audit storage failure (test)'; end $$").update();
        jdbc.sql("create trigger test_reject before insert on audit.event for each row execute function "
                + "audit.test_reject()").update();
        try {
            HttpResponse<String> response = specialist.post("/api/v1/conversations/" + conversation + "/messages",
                    "{\"text\":\"Wat is de eerste keus antibioticum bij een CAP?\"}");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json.readTree(response.body()).path("type").asString()).endsWith("/problems/audit-unavailable");
            assertThat(response.body()).doesNotContain("amoxicilline");
        } finally {
            jdbc.sql("drop trigger test_reject on audit.event").update();
        }
        // The log works again afterwards.
        assertThat(Sse.names(ask(conversation, "Wat is de eerste keus antibioticum bij een CAP?"))).contains("token");
    }

    @Test
    void aFailingModelIsAClearProblemAndNoAnswer() {
        UUID conversation = start("richtlijnen", null);
        MODEL.failNext(10);
        try {
            HttpResponse<String> response = specialist.post("/api/v1/conversations/" + conversation + "/messages",
                    "{\"text\":\"Wat is de eerste keus antibioticum bij een CAP?\"}");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(json.readTree(response.body()).path("type").asString()).endsWith("/problems/model-unavailable");
        } finally {
            MODEL.failNext(0);
        }
    }

    @Test
    void theConversationIsStoredForItsOwnerAndCanBeDeleted() {
        UUID conversation = start("richtlijnen", null);
        ask(conversation, "Wat is de eerste keus antibioticum bij een CAP?");

        JsonNode transcript = json.readTree(specialist.get("/api/v1/conversations/" + conversation).body());
        assertThat(transcript.path("messages").size()).isEqualTo(2);
        assertThat(new Http(port, "compliance").get("/api/v1/conversations/" + conversation).statusCode())
                .isEqualTo(404);

        assertThat(specialist.send("DELETE", "/api/v1/conversations/" + conversation).statusCode()).isEqualTo(204);
        assertThat(specialist.get("/api/v1/conversations/" + conversation).statusCode()).isEqualTo(404);
    }

    @Test
    void anEmptyQuestionIsAProblem() {
        UUID conversation = start("richtlijnen", null);

        HttpResponse<String> response = specialist.post("/api/v1/conversations/" + conversation + "/messages",
                "{\"text\":\"   \"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("type").asString()).endsWith("/problems/invalid-request");
        assertThat(MODEL.requests()).isEmpty();
    }

    // IT's connector switches (the IT view), on the real chat turn. Each test puts its switch back.

    @Test
    void aModelEndpointOutOfServiceIsNotCalledAndTheAnswerIsExtractiveAndSaysWhy() {
        UUID conversation = start("richtlijnen", null);
        Http it = new Http(port, "it");
        assertThat(it.put("/api/v1/admin/connectors/model-endpoints/internal-llm/service", "{\"inService\":false}")
                .statusCode()).isEqualTo(200);
        try {
            List<Sse.Event> events = ask(conversation, "Wat is de eerste keus antibioticum bij een CAP?");

            assertThat(MODEL.requests()).isEmpty();
            JsonNode sources = json.readTree(Sse.first(events, "sources").data());
            assertThat(sources.path("mode").asString()).isEqualTo("EXTRACTIVE");
            assertThat(sources.path("modelOutOfService").asBoolean()).isTrue();
            assertThat(sources.path("sources").size()).isPositive();
            JsonNode decision = json.readTree(Sse.first(events, "decision").data());
            assertThat(decision.path("modelEndpoint").isMissingNode() || decision.path("modelEndpoint").isNull())
                    .as(decision.toString()).isTrue();
            assertThat(decision.path("rules").toString()).contains(ChatTurnService.MODEL_OUT_OF_SERVICE);
            String auditRow = jdbc.sql("select * from audit.event where seq = ?")
                    .param(decision.path("auditSequence").asLong()).query().singleRow().toString();
            assertThat(auditRow).contains(ChatTurnService.MODEL_OUT_OF_SERVICE);
        } finally {
            it.put("/api/v1/admin/connectors/model-endpoints/internal-llm/service", "{\"inService\":true}");
        }
        // Back in service: the model answers again.
        ask(conversation, "Wat is de eerste keus antibioticum bij een CAP?");
        assertThat(MODEL.requests()).hasSize(1);
    }

    @Test
    void withTheEpdOutOfServiceATurnThatNeedsThePatientIsAProblemNeverAnAnswerWithoutThePatient() {
        UUID summary = start("patientsamenvatting", SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG);
        UUID guidelines = start("richtlijnen", SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG);
        Http it = new Http(port, "it");
        assertThat(it.put("/api/v1/admin/connectors/epd/service", "{\"inService\":false}").statusCode())
                .isEqualTo(200);
        try {
            HttpResponse<String> response = specialist.post("/api/v1/conversations/" + summary + "/messages",
                    "{\"text\":\"Maak een samenvatting van het dossier.\"}");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("type").asString()).endsWith("/problems/connector-out-of-service");
            assertThat(problem.path("connector").asString()).isEqualTo("epd");
            assertThat(problem.path("detail").asString()).contains("patient data is unavailable");
            assertThat(MODEL.requests()).isEmpty();
            Long refusals = jdbc.sql("select count(*) from audit.event where event_type = 'CHAT_REQUEST' "
                            + "and patient_id = ? and ? = any(rule_ids)")
                    .params(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, ChatTurnService.EPD_OUT_OF_SERVICE)
                    .query(Long.class).single();
            assertThat(refusals).isPositive();

            // The banner is an EPD read too: refused the same way.
            HttpResponse<String> banner = specialist.get("/api/v1/patients/"
                    + SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG + "/banner");
            assertThat(banner.statusCode()).isEqualTo(503);
            assertThat(json.readTree(banner.body()).path("connector").asString()).isEqualTo("epd");

            // An application that reads no patient data is not affected: its turn is decided as always (200 and a
            // decision event; ask() fails on any problem status).
            List<Sse.Event> unaffected = ask(guidelines, "Wat is het beleid bij hyperkaliëmie?");
            assertThat(Sse.names(unaffected)).contains("decision");
            assertThat(Sse.first(unaffected, "decision").data()).doesNotContain(ChatTurnService.EPD_OUT_OF_SERVICE);
        } finally {
            it.put("/api/v1/admin/connectors/epd/service", "{\"inService\":true}");
        }
        assertThat(specialist.get("/api/v1/patients/" + SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG + "/banner")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void withTheKnowledgeBaseOutOfServiceThereIsNoRetrievalAndAClearProblem() {
        UUID conversation = start("richtlijnen", null);
        Http it = new Http(port, "it");
        assertThat(it.put("/api/v1/admin/connectors/knowledge-base/service", "{\"inService\":false}").statusCode())
                .isEqualTo(200);
        try {
            HttpResponse<String> response = specialist.post("/api/v1/conversations/" + conversation + "/messages",
                    "{\"text\":\"Wat is de eerste keus antibioticum bij een CAP?\"}");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("type").asString()).endsWith("/problems/connector-out-of-service");
            assertThat(problem.path("connector").asString()).isEqualTo("knowledge-base");
            assertThat(MODEL.requests()).isEmpty();
        } finally {
            it.put("/api/v1/admin/connectors/knowledge-base/service", "{\"inService\":true}");
        }
        assertThat(Sse.names(ask(conversation, "Wat is de eerste keus antibioticum bij een CAP?"))).contains("token");
    }

    @Test
    void theSwitchIsInPostgresqlSoAnotherInstanceOnTheSameDatabaseObeysIt() {
        // A second, independent store on the same database stands in for the second instance behind the load
        // balancer: what IT switched through this instance's API holds there too, and the other way round.
        var otherInstance = new nl.consilium.app.operations.ServiceSwitches(JdbcClient.create(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        TestDatabase.url("consilium_test_chat"), TestDatabase.USER, "")));
        Http it = new Http(port, "it");
        it.put("/api/v1/admin/connectors/knowledge-base/service", "{\"inService\":false}");
        try {
            assertThat(otherInstance.inService(nl.consilium.app.operations.ServiceSwitches.Kind.KNOWLEDGE_BASE,
                    "knowledge-base")).isFalse();
        } finally {
            it.put("/api/v1/admin/connectors/knowledge-base/service", "{\"inService\":true}");
        }
        otherInstance.set(nl.consilium.app.operations.ServiceSwitches.Kind.APPLICATION, "richtlijnen", false, "it",
                java.time.Instant.now());
        try {
            UUID conversation = start("richtlijnen", null);
            JsonNode decision = json.readTree(Sse.first(ask(conversation, "Beleid bij delier?"), "decision").data());
            assertThat(decision.path("rules").toString()).contains("APP-OUT-OF-SERVICE");
        } finally {
            otherInstance.set(nl.consilium.app.operations.ServiceSwitches.Kind.APPLICATION, "richtlijnen", true,
                    "it", java.time.Instant.now());
        }
    }

    private UUID start(String application, String patient) {
        String body = patient == null ? "{\"applicationId\":\"" + application + "\"}"
                : "{\"applicationId\":\"" + application + "\",\"patientId\":\"" + patient + "\"}";
        HttpResponse<String> response = specialist.post("/api/v1/conversations", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(json.readTree(response.body()).path("id").asString());
    }

    private List<Sse.Event> ask(UUID conversation, String question) {
        HttpResponse<String> response = specialist.post("/api/v1/conversations/" + conversation + "/messages",
                json.writeValueAsString(java.util.Map.of("text", question)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Sse.parse(response.body());
    }

    private String answerText(List<Sse.Event> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("token"))
                .forEach(e -> text.append(json.readTree(e.data()).path("text").asString()));
        return text.toString();
    }
}
