package nl.consilium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import nl.consilium.app.support.DemoAppTest;
import nl.consilium.app.support.Http;
import nl.consilium.policy.UseConditions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@DemoAppTest
class ApplicationStartupTest {


    @LocalServerPort
    int port;

    @Autowired
    UseConditions useConditions;

    @Autowired
    ObjectMapper json;

    @Test
    void readinessAndLivenessAreUpWithoutSigningIn() {
        HttpResponse<String> readiness = new Http(port, null).get("/actuator/health/readiness");
        HttpResponse<String> liveness = new Http(port, null).get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("status").asString()).isEqualTo("UP");
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    @Test
    void theApiRequiresSigningIn() {
        HttpResponse<String> response = new Http(port, null).get("/api/v1/applications");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aClinicianSeesTheApplicationsForTheirRoleWithTheirTerms() {
        HttpResponse<String> response = new Http(port, "specialist").get("/api/v1/applications");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode applications = json.readTree(response.body());
        long expected = useConditions.applications().stream()
                .filter(a -> a.enabled() && a.allowedRoles().contains("clinician")).count();
        assertThat(applications.size()).isEqualTo((int) expected).isPositive();
        JsonNode richtlijnen = find(applications, "richtlijnen");
        assertThat(richtlijnen.path("declarations").path("personalData").asBoolean()).isFalse();
        assertThat(richtlijnen.path("declarations").path("clinicalDecisionSupport").asBoolean()).isFalse();
        assertThat(richtlijnen.path("intendedUse").path("nl").asString()).isNotBlank();
        assertThat(richtlijnen.path("disclaimer").path("en").asString()).isNotBlank();
    }

    @Test
    void anItAdministratorIsOfferedNoClinicalApplication() {
        HttpResponse<String> response = new Http(port, "it").get("/api/v1/applications");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).size()).isZero();
    }

    @Test
    void termsAreAcceptedOncePerVersionAndAWrongVersionIsAProblem() {
        Http specialist = new Http(port, "specialist");
        String version = useConditions.application("richtlijnen").orElseThrow().termsVersion();

        HttpResponse<String> wrong = specialist.put("/api/v1/applications/richtlijnen/terms/acceptance",
                "{\"termsVersion\":\"not-" + version + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(409);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(wrong.body()).path("type").asString())
                .isEqualTo("https://consilium.local/problems/terms-version-mismatch");

        HttpResponse<String> right = specialist.put("/api/v1/applications/richtlijnen/terms/acceptance",
                "{\"termsVersion\":\"" + version + "\"}");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(json.readTree(right.body()).path("termsAccepted").asBoolean()).isTrue();
        assertThat(json.readTree(specialist.get("/api/v1/applications/richtlijnen/terms").body())
                .path("termsAccepted").asBoolean()).isTrue();
    }

    @Test
    void anUnknownApplicationIsAProblemThatDoesNotEchoTheInput() {
        HttpResponse<String> response = new Http(port, "specialist").get("/api/v1/applications/Jansen-BSN-123/terms");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Jansen");
        assertThat(json.readTree(response.body()).path("type").asString()).endsWith("/problems/unknown-application");
    }

    @Test
    void onlyItSeesTheEffectivePolicyWithItsHash() {
        HttpResponse<String> asIt = new Http(port, "it").get("/api/v1/admin/policy");
        HttpResponse<String> asClinician = new Http(port, "specialist").get("/api/v1/admin/policy");

        assertThat(asIt.statusCode()).isEqualTo(200);
        JsonNode policy = json.readTree(asIt.body());
        assertThat(policy.path("sha256").asString()).isEqualTo(useConditions.sha256()).hasSize(64);
        assertThat(policy.path("version").asString()).isEqualTo(useConditions.version());
        assertThat(policy.path("canonical").isObject()).isTrue();
        assertThat(asClinician.statusCode()).isEqualTo(403);
    }

    private static JsonNode find(JsonNode applications, String id) {
        for (JsonNode application : applications) {
            if (application.path("id").asString().equals(id)) {
                return application;
            }
        }
        throw new AssertionError("application " + id + " not listed");
    }
}
