package nl.consilium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import nl.consilium.app.support.DemoAppTest;
import nl.consilium.app.support.Http;
import nl.consilium.app.support.Sse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Role boundaries of the compliance and IT APIs, and what they do. */
@DemoAppTest
class ComplianceAndAdminTest {


    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Test
    void onlyComplianceOfficersReachTheAuditLog() {
        assertThat(new Http(port, "specialist").get("/api/v1/compliance/audit").statusCode()).isEqualTo(403);
        assertThat(new Http(port, "it").get("/api/v1/compliance/audit").statusCode()).isEqualTo(403);
        assertThat(new Http(port, "compliance").get("/api/v1/compliance/audit").statusCode()).isEqualTo(200);
    }

    @Test
    void aComplianceOfficerFindsARefusalWithItsRuleVerifiesTheChainAndExports() {
        Http specialist = new Http(port, "specialist");
        specialist.put("/api/v1/applications/richtlijnen/terms/acceptance", "{\"termsVersion\":\"1\"}");
        String id = json.readTree(specialist.post("/api/v1/conversations", "{\"applicationId\":\"richtlijnen\"}")
                .body()).path("id").asString();
        var events = Sse.parse(specialist.post("/api/v1/conversations/" + id + "/messages",
                "{\"text\":\"Mevrouw De Vries, geboren 12-03-1950, heeft koorts. Wat is het sepsisprotocol?\"}").body());
        long sequence = json.readTree(Sse.first(events, "decision").data()).path("auditSequence").asLong();

        Http compliance = new Http(port, "compliance");
        JsonNode page = json.readTree(compliance.get("/api/v1/compliance/audit?user=specialist&decision=REFUSED&limit=20").body());
        JsonNode found = null;
        for (JsonNode record : page.path("records")) {
            if (record.path("sequence").asLong() == sequence) {
                found = record;
            }
        }
        assertThat(found).as("refused turn %s in %s", sequence, page).isNotNull();
        assertThat(found.path("event").path("ruleIds").toString()).contains("FMS-");
        assertThat(found.toString()).doesNotContain("De Vries").doesNotContain("1950");

        JsonNode verification = json.readTree(compliance.get("/api/v1/compliance/audit/verification").body());
        assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("eventsChecked").asLong()).isGreaterThanOrEqualTo(sequence);

        HttpResponse<String> csv = compliance.get("/api/v1/compliance/audit/export.csv?user=specialist");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isGreaterThan(1);
        HttpResponse<String> fhir = compliance.get("/api/v1/compliance/audit/export.fhir.json?user=specialist");
        assertThat(json.readTree(fhir.body()).path("resourceType").asString()).isEqualTo("Bundle");

        HttpResponse<String> badFilter = compliance.get("/api/v1/compliance/audit?decision=MAYBE");
        assertThat(badFilter.statusCode()).isEqualTo(400);
    }

    @Test
    void itTakesAnApplicationOutOfServiceAtOnceAndTheSwitchIsAudited() {
        Http it = new Http(port, "it");
        Http specialist = new Http(port, "specialist");
        assertThat(specialist.put("/api/v1/admin/applications/richtlijnen/service", "{\"inService\":false}").statusCode())
                .isEqualTo(403);
        specialist.put("/api/v1/applications/richtlijnen/terms/acceptance", "{\"termsVersion\":\"1\"}");
        String id = json.readTree(specialist.post("/api/v1/conversations", "{\"applicationId\":\"richtlijnen\"}")
                .body()).path("id").asString();

        HttpResponse<String> off = it.put("/api/v1/admin/applications/richtlijnen/service", "{\"inService\":false}");
        try {
            assertThat(json.readTree(off.body()).path("inService").asBoolean()).isFalse();
            var events = Sse.parse(specialist.post("/api/v1/conversations/" + id + "/messages",
                    "{\"text\":\"Wat is de eerste keus bij CAP?\"}").body());
            assertThat(json.readTree(Sse.first(events, "decision").data()).path("rules").toString())
                    .contains("APP-OUT-OF-SERVICE");
        } finally {
            it.put("/api/v1/admin/applications/richtlijnen/service", "{\"inService\":true}");
        }
        JsonNode changes = json.readTree(new Http(port, "compliance")
                .get("/api/v1/compliance/audit?user=it&type=CONFIGURATION_CHANGED").body());
        assertThat(changes.path("records").toString()).contains("IT-APPLICATION-OUT-OF-SERVICE")
                .contains("IT-APPLICATION-IN-SERVICE");
    }

    @Test
    void onlyItSwitchesConnectorsTheStateIsShownAndEveryChangeIsAudited() {
        Http it = new Http(port, "it");
        assertThat(new Http(port, "specialist").put("/api/v1/admin/connectors/epd/service", "{\"inService\":false}")
                .statusCode()).isEqualTo(403);
        assertThat(new Http(port, "compliance").get("/api/v1/admin/connectors").statusCode()).isEqualTo(403);

        JsonNode connectors = json.readTree(it.get("/api/v1/admin/connectors").body());
        assertThat(connectors.toString()).contains("\"connector\":\"epd\"").contains("\"connector\":\"knowledge-base\"")
                .contains("\"id\":\"internal-llm\"");

        HttpResponse<String> unknown = it.put("/api/v1/admin/connectors/mainframe/service", "{\"inService\":false}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("type").asString()).endsWith("/problems/unknown-connector");
        assertThat(it.put("/api/v1/admin/connectors/model-endpoints/not-allow-listed/service", "{\"inService\":false}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> noBody = it.put("/api/v1/admin/connectors/epd/service", "{}");
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noBody.body()).path("type").asString()).endsWith("/problems/invalid-request");

        try {
            JsonNode off = json.readTree(it.put("/api/v1/admin/connectors/epd/service", "{\"inService\":false}").body());
            assertThat(off.path("inService").asBoolean()).isFalse();
            assertThat(off.path("changedBy").asString()).isEqualTo("it");
            assertThat(json.readTree(it.get("/api/v1/admin/connectors").body()).get(0).path("inService").asBoolean())
                    .isFalse();
        } finally {
            JsonNode on = json.readTree(it.put("/api/v1/admin/connectors/epd/service", "{\"inService\":true}").body());
            assertThat(on.path("inService").asBoolean()).isTrue();
        }
        JsonNode changes = json.readTree(new Http(port, "compliance")
                .get("/api/v1/compliance/audit?user=it&type=CONFIGURATION_CHANGED").body());
        assertThat(changes.path("records").toString()).contains("IT-EPD-OUT-OF-SERVICE").contains("IT-EPD-IN-SERVICE");
    }
}
