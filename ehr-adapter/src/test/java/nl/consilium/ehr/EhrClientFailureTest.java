package nl.consilium.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure cause of the EPD client, produced by a real server (the sandbox or a loopback stub). */
class EhrClientFailureTest {

    private static final Set<String> ALL = Set.of("Patient", "Condition", "MedicationRequest", "MedicationStatement",
            "AllergyIntolerance", "Observation", "DiagnosticReport", "Procedure", "DocumentReference", "Encounter");
    private static final TimeWindow WINDOW = new TimeWindow(java.time.LocalDate.of(2020, 1, 1), java.time.LocalDate.of(2025, 1, 1));
    private static SandboxEpd epd;

    @BeforeAll
    static void start() {
        epd = SandboxEpd.start(0);
    }

    @AfterAll
    static void stop() {
        epd.close();
    }

    @AfterEach
    void reset() {
        epd.requireTokens(null);
        epd.injectFaults(SandboxEpd.Fault.SERVER_ERROR, 0, 0);
        epd.clearRequests();
    }

    private static EhrClient client(EhrAuth auth, int retries) {
        return new EhrClient(EhrClientConfig.of(epd.baseUrl(), auth).withRetries(retries, Duration.ofMillis(10)));
    }

    private static ContextRequest request(String patient) {
        return new ContextRequest(patient, ALL, WINDOW, new PersonalDataMode.Allowed());
    }

    private static EhrFailure failureOf(Runnable call) {
        try {
            call.run();
        } catch (EhrException e) {
            return e.failure();
        }
        throw new AssertionError("expected an EhrException");
    }

    @Test
    void unreachableAfterBoundedRetries() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EhrClientConfig config = EhrClientConfig.of(URI.create("http://127.0.0.1:" + closedPort + "/fhir"), null)
                .withRetries(2, Duration.ofMillis(10)).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));
        long started = System.nanoTime();
        try (EhrClient client = new EhrClient(config)) {
            EhrFailure failure = failureOf(() -> client.patientContext(request(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG)));
            assertThat(failure).isInstanceOfSatisfying(EhrFailure.Unreachable.class, u -> assertThat(u.attempts()).isEqualTo(3));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void readTimeoutIsUnreachable() {
        epd.injectFaults(SandboxEpd.Fault.SLOW, 1, 1_500);
        EhrClientConfig config = EhrClientConfig.of(epd.baseUrl(), null).withRetries(0, Duration.ofMillis(10))
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300));
        try (EhrClient client = new EhrClient(config)) {
            EhrFailure failure = failureOf(() -> client.patientContext(
                    new ContextRequest(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, Set.of("Patient"), WINDOW, new PersonalDataMode.Allowed())));
            assertThat(failure).isInstanceOf(EhrFailure.Unreachable.class);
        }
    }

    @Test
    void missingOrUnknownTokenIs401() {
        epd.requireTokens(Map.of("good-token", ALL));
        try (EhrClient none = client(null, 2); EhrClient wrong = client(new EhrAuth.BearerToken("stolen"), 2)) {
            assertThat(failureOf(() -> none.patientContext(request(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG))))
                    .isEqualTo(new EhrFailure.Unauthorised(401, failureMessage(none)));
            assertThat(failureOf(() -> wrong.patientContext(request(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG))))
                    .isInstanceOfSatisfying(EhrFailure.Unauthorised.class, u -> assertThat(u.status()).isEqualTo(401));
        }
        try (EhrClient good = client(new EhrAuth.BearerToken("good-token"), 2)) {
            assertThat(good.patientContext(request(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG)).isEmpty()).isFalse();
        }
    }

    private static String failureMessage(EhrClient client) {
        // the 401 detail is whatever HAPI reports; compare on status only
        EhrFailure f = failureOf(() -> client.patientContext(request(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG)));
        return ((EhrFailure.Unauthorised) f).detail();
    }

    @Test
    void tokenWithoutScopeForATypeIs403() {
        epd.requireTokens(Map.of("labs-only", Set.of("Observation")));
        try (EhrClient client = client(new EhrAuth.BearerToken("labs-only"), 2)) {
            EhrFailure failure = failureOf(() -> client.patientContext(request(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG)));
            assertThat(failure).isInstanceOfSatisfying(EhrFailure.Unauthorised.class, u -> assertThat(u.status()).isEqualTo(403));
            // the same token is fine for what it covers
            LabSeries series = client.labSeries(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, "2160-0", WINDOW, ALL, 100);
            assertThat(series.points()).isNotEmpty();
        }
    }

    @Test
    void unknownPatientIsPatientNotFound() {
        try (EhrClient client = client(null, 2)) {
            assertThat(failureOf(() -> client.patientContext(request("no-such-patient"))))
                    .isEqualTo(new EhrFailure.PatientNotFound("no-such-patient"));
            // also when Patient itself may not be read: the compartment search answers 404
            assertThat(failureOf(() -> client.patientContext(new ContextRequest("no-such-patient", Set.of("Observation"),
                    WINDOW, new PersonalDataMode.Withheld())))).isEqualTo(new EhrFailure.PatientNotFound("no-such-patient"));
        }
        assertThat(epd.requests()).noneMatch(r -> r.resourceType().equals("_getpages"));
    }

    @Test
    void serverErrorAfterBoundedRetries() {
        epd.injectFaults(SandboxEpd.Fault.SERVER_ERROR, 100, 0);
        try (EhrClient client = client(null, 2)) {
            EhrFailure failure = failureOf(() -> client.patientContext(
                    new ContextRequest(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, Set.of("Patient"), WINDOW, new PersonalDataMode.Allowed())));
            assertThat(failure).isInstanceOfSatisfying(EhrFailure.ServerError.class, s -> {
                assertThat(s.status()).isEqualTo(500);
                assertThat(s.attempts()).isEqualTo(3);
            });
        }
        assertThat(epd.requests()).hasSize(3).allMatch(r -> r.resourceType().equals("Patient"));
    }

    @Test
    void transientUnavailabilityIsRetriedAway() {
        epd.injectFaults(SandboxEpd.Fault.UNAVAILABLE, 2, 0);
        try (EhrClient client = client(null, 2)) {
            PatientContext context = client.patientContext(
                    new ContextRequest(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, Set.of("Patient"), WINDOW, new PersonalDataMode.Allowed()));
            assertThat(context.text()).contains("van den Berg");
        }
        assertThat(epd.requests()).hasSize(3);
    }

    @Test
    void malformedBodyIsMalformedContentAndNotRetried() {
        epd.injectFaults(SandboxEpd.Fault.MALFORMED_BODY, 1, 0);
        try (EhrClient client = client(null, 2)) {
            EhrFailure failure = failureOf(() -> client.patientContext(
                    new ContextRequest(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, Set.of("Condition"), WINDOW, new PersonalDataMode.Allowed())));
            assertThat(failure).isInstanceOf(EhrFailure.MalformedContent.class);
        }
        assertThat(epd.requests()).hasSize(1);
    }

    @Test
    void nonFhirAnswerIsMalformedContent() throws IOException {
        HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        html.createContext("/", exchange -> {
            byte[] body = "<html><body>Welcome to the portal</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        html.start();
        try (EhrClient client = new EhrClient(EhrClientConfig.of(
                URI.create("http://127.0.0.1:" + html.getAddress().getPort() + "/fhir"), null))) {
            EhrFailure failure = failureOf(() -> client.patientContext(
                    new ContextRequest("p1", Set.of("Patient"), WINDOW, new PersonalDataMode.Allowed())));
            assertThat(failure).isInstanceOf(EhrFailure.MalformedContent.class);
        } finally {
            html.stop(0);
        }
    }

    @Test
    void smartBackendServicesGetsATokenWithASignedAssertionAndReusesIt() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
        TokenEndpoint tokenEndpoint = new TokenEndpoint((RSAPublicKey) keys.getPublic(), "consilium");
        epd.requireTokens(Map.of(TokenEndpoint.ISSUED, ALL));
        try {
            EhrAuth auth = new EhrAuth.SmartBackendServices(tokenEndpoint.url(), "consilium", pem(keys), "key-1",
                    List.of("system/Patient.rs", "system/Observation.rs"));
            try (EhrClient client = client(auth, 1)) {
                assertThat(client.patientContext(request(SandboxEpd.PATIENT_PIETER_DE_JONG)).text()).contains("de Jong");
                assertThat(client.patientContext(request(SandboxEpd.PATIENT_PIETER_DE_JONG)).text()).contains("de Jong");
            }
            assertThat(tokenEndpoint.granted.get()).isEqualTo(1);
            assertThat(tokenEndpoint.lastScope).isEqualTo("system/Patient.rs system/Observation.rs");

            KeyPair other = KeyPairGenerator.getInstance("RSA").genKeyPair();
            EhrAuth wrongKey = new EhrAuth.SmartBackendServices(tokenEndpoint.url(), "consilium", pem(other), "key-1", List.of());
            try (EhrClient client = client(wrongKey, 1)) {
                assertThat(failureOf(() -> client.patientContext(request(SandboxEpd.PATIENT_PIETER_DE_JONG))))
                        .isInstanceOfSatisfying(EhrFailure.Unauthorised.class, u -> assertThat(u.status()).isEqualTo(401));
            }
            assertThat(tokenEndpoint.refused.get()).isEqualTo(1);
        } finally {
            tokenEndpoint.stop();
        }
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** A minimal OAuth2 token endpoint that checks the SMART client assertion the way an EPD must. */
    private static final class TokenEndpoint {
        static final String ISSUED = "smart-access-token-1";
        final AtomicInteger granted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        volatile String lastScope;
        private final HttpServer server;

        TokenEndpoint(RSAPublicKey key, String clientId) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/token", exchange -> {
                Map<String, String> form = new HashMap<>();
                for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                boolean ok;
                try {
                    SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
                    var claims = jwt.getJWTClaimsSet();
                    ok = "client_credentials".equals(form.get("grant_type"))
                            && "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
                            && jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.RS384)
                            && jwt.verify(new RSASSAVerifier(key))
                            && clientId.equals(claims.getIssuer()) && clientId.equals(claims.getSubject())
                            && claims.getAudience().contains(url().toString())
                            && claims.getExpirationTime().toInstant().isBefore(Instant.now().plusSeconds(301))
                            && claims.getJWTID() != null;
                } catch (Exception e) {
                    ok = false;
                }
                byte[] body;
                if (ok) {
                    granted.incrementAndGet();
                    lastScope = form.get("scope");
                    body = ("{\"access_token\":\"" + ISSUED + "\",\"token_type\":\"bearer\",\"expires_in\":300}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                } else {
                    refused.incrementAndGet();
                    body = "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(401, body.length);
                }
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
        }

        void stop() {
            server.stop(0);
        }
    }
}
