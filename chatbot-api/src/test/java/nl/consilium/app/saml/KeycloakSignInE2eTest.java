package nl.consilium.app.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import nl.consilium.app.ConsiliumApplication;
import nl.consilium.app.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * End to end, the way a hospital user meets it: a real Keycloak as the SAML IdP, Consilium in the hospital profile
 * (SAML2, no local accounts), and headless Chromium signing in through Keycloak's own login form.
 *
 * <p>Runs in the default test run. It is skipped only on request: {@code -Dconsilium.e2e.keycloak.skip=true} or
 * {@code -DexcludedGroups=keycloak-e2e}.
 */
@Tag("keycloak-e2e")
@DisabledIfSystemProperty(named = "consilium.e2e.keycloak.skip", matches = "true",
        disabledReason = "skipped on request with -Dconsilium.e2e.keycloak.skip=true")
class KeycloakSignInE2eTest {

    private static final String SP_ENTITY_ID = "urn:consilium:e2e:sp";
    private static final List<KeycloakIdp.User> USERS = List.of(
            new KeycloakIdp.User("dr.visser", "Anna Visser", "consilium-arts"),
            new KeycloakIdp.User("c.bakker", "Carla", "consilium-compliance"),
            new KeycloakIdp.User("i.smit", "Ivo", "consilium-ict"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeycloakIdp keycloak;
    private static ConfigurableApplicationContext app;
    private static int appPort;
    private static Path work;
    private static CompletableFuture<KeycloakIdp> starting;

    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Path build = buildDirectory();
        work = build.resolve("saml-e2e");
        Files.createDirectories(work);
        TestKeys spKeys = TestKeys.generate(work, "consilium-sp");
        appPort = KeycloakIdp.freePort();
        String base = "http://127.0.0.1:" + appPort;
        String acs = base + "/login/saml2/sso/consilium";
        long started = System.nanoTime();
        // Keycloak and Consilium start side by side (both take about a minute on two cores); Consilium reads the
        // IdP metadata at the first sign-in (consilium.saml.idp.required-at-start-up=false).
        int keycloakPort = KeycloakIdp.freePort();
        String realm = KeycloakIdp.newRealmName();
        starting = CompletableFuture.supplyAsync(() -> {
            try {
                KeycloakIdp idp = KeycloakIdp.start(build, keycloakPort, realm, SP_ENTITY_ID, acs,
                        KeycloakIdp.base64(spKeys.certificate()), USERS, Duration.ofMinutes(4));
                System.out.printf("Keycloak ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
                return idp;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SpringApplication application = new SpringApplication(ConsiliumApplication.class);
        application.setAdditionalProfiles("hospital");
        app = application.run(
                "--server.port=" + appPort,
                "--spring.datasource.url=" + freshDatabase("consilium_test_saml"),
                "--consilium.policy.file=../infra/demo/use-conditions.yaml",
                "--consilium.knowledge.load-directory=../infra/demo/knowledge",
                "--consilium.epd.sandbox=true",
                "--consilium.audit.checkpoint-key=ZGVtby1vbmx5LWNoZWNrcG9pbnQta2V5LW5vdC1mb3ItdXNlISE=",
                "--consilium.conversations.keystore=" + work.resolve("kek.p12"),
                "--consilium.conversations.keystore-password=test-only-kek",
                "--consilium.conversations.create-keystore=true",
                "--consilium.saml.base-url=" + base,
                "--consilium.saml.entity-id=" + SP_ENTITY_ID,
                "--consilium.saml.idp.metadata-location=" + KeycloakIdp.metadataUrl(keycloakPort, realm),
                "--consilium.saml.idp.required-at-start-up=false",
                "--consilium.saml.signing.keystore=" + spKeys.keystore(),
                "--consilium.saml.signing.password=" + spKeys.password(),
                "--consilium.saml.role-attribute=Role",
                "--consilium.security.frame-ancestors=https://epd.ziekenhuis.test",
                "--consilium.saml.role-mapping[consilium-arts]=clinician",
                "--consilium.saml.role-mapping[consilium-compliance]=compliance-officer",
                "--consilium.saml.role-mapping[consilium-ict]=it-admin",
                // plain http on loopback in the test; a hospital keeps the Secure flag
                "--server.servlet.session.cookie.secure=false");
        System.out.printf("Consilium ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
        keycloak = starting.join();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (keycloak != null) {
            keycloak.close();
        } else if (starting != null) {
            // Consilium failed to start while Keycloak was still starting: stop Keycloak once it is up.
            starting.thenAccept(KeycloakIdp::close);
            try {
                starting.join();
            } catch (RuntimeException e) {
                // its start failed too; nothing left to stop
            }
        }
    }

    @BeforeEach
    void browser() throws Exception {
        openBrowser();
    }

    /** A fresh Chromium with an empty profile: no cookies of Consilium or Keycloak from an earlier user. */
    private void openBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        Path profile = Files.createTempDirectory(work, "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + profile);
        // Debian's chromedriver, given explicitly, so Selenium Manager never downloads anything.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + appPort;
    }

    /** Opens Consilium, is sent to Keycloak, signs in on Keycloak's own form, and comes back signed in. */
    private void signInThroughKeycloak(String username) {
        browser.get(base() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(keycloak.realmUrl() + "/protocol/saml");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(KeycloakIdp.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(base()));
    }

    /** Runs fetch() inside the signed-in browser page, so the request carries the browser's session cookie. */
    private Map<String, Object> fetch(String method, String path, String body, String csrfHeader, String csrfToken) {
        String script = """
                const [method, path, body, header, token, done] = arguments;
                const headers = {'Accept': 'application/json, text/event-stream'};
                if (body) headers['Content-Type'] = 'application/json';
                if (header) headers[header] = token;
                fetch(path, {method, headers, body: body || undefined, credentials: 'same-origin'})
                  .then(r => r.text().then(t => done({status: r.status, body: t})))
                  .catch(e => done({status: -1, body: String(e)}));
                """;
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeAsyncScript(script, method, path, body, csrfHeader, csrfToken);
        return result;
    }

    private static int status(Map<String, Object> response) {
        return ((Number) response.get("status")).intValue();
    }

    private static JsonNode json(Map<String, Object> response) {
        return JSON.readTree((String) response.get("body"));
    }

    @Test
    void aClinicianSignsInAtKeycloakAndGetsACitedAnswer() {
        signInThroughKeycloak("dr.visser");

        JsonNode me = json(fetch("GET", "/api/v1/me", null, null, null));
        assertThat(me.path("user").asString()).isEqualTo("dr.visser");
        // The display name from the IdP's displayName attribute, shown in the header; the id stays the NameID.
        assertThat(me.path("displayName").asString()).isEqualTo("Anna Visser");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("who"),
                "Anna Visser"));
        assertThat(me.path("roles").toString()).isEqualTo("[\"clinician\"]");
        Map<String, Object> applications = fetch("GET", "/api/v1/applications", null, null, null);
        assertThat(status(applications)).isEqualTo(200);
        assertThat((String) applications.get("body")).contains("richtlijnen");

        String header = me.path("csrf").path("headerName").asString();
        String token = me.path("csrf").path("token").asString();
        String termsVersion = "1";
        for (JsonNode application : json(applications)) {
            if (application.path("id").asString().equals("richtlijnen")) {
                termsVersion = application.path("termsVersion").asString(termsVersion);
            }
        }
        Map<String, Object> accepted = fetch("PUT", "/api/v1/applications/richtlijnen/terms/acceptance",
                "{\"termsVersion\":\"" + termsVersion + "\"}", header, token);
        assertThat(status(accepted)).as((String) accepted.get("body")).isBetween(200, 299);
        Map<String, Object> conversation = fetch("POST", "/api/v1/conversations",
                "{\"applicationId\":\"richtlijnen\"}", header, token);
        assertThat(status(conversation)).as((String) conversation.get("body")).isBetween(200, 299);
        String id = json(conversation).path("id").asString();

        Map<String, Object> answer = fetch("POST", "/api/v1/conversations/" + id + "/messages",
                "{\"text\":\"Hoe snel moet antibiotica gegeven worden bij sepsis?\"}", header, token);

        assertThat(status(answer)).as((String) answer.get("body")).isEqualTo(200);
        String stream = (String) answer.get("body");
        assertThat(stream).contains("event:sources").contains("[1]");
        assertThat(stream.toLowerCase()).contains("sepsis");
    }

    @Test
    void eachRoleComesFromTheIdpAndTheRoleBoundariesHold() throws Exception {
        List<String> seen = new ArrayList<>();
        signInThroughKeycloak("c.bakker");
        assertThat(json(fetch("GET", "/api/v1/me", null, null, null)).path("roles").toString())
                .isEqualTo("[\"compliance-officer\"]");
        assertThat(status(fetch("GET", "/api/v1/compliance/audit/verification", null, null, null))).isEqualTo(200);
        assertThat(status(fetch("GET", "/api/v1/admin/policy", null, null, null))).isEqualTo(403);
        seen.add("compliance-officer");
        openBrowser();

        signInThroughKeycloak("i.smit");
        assertThat(json(fetch("GET", "/api/v1/me", null, null, null)).path("roles").toString())
                .isEqualTo("[\"it-admin\"]");
        assertThat(status(fetch("GET", "/api/v1/admin/policy", null, null, null))).isEqualTo(200);
        assertThat(status(fetch("GET", "/api/v1/compliance/audit", null, null, null))).isEqualTo(403);
        seen.add("it-admin");
        assertThat(seen).hasSize(2);
    }

    @Test
    void thereIsNoLocalSignInAndTheMetadataIsPublic() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpResponse<String> basic = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/applications"))
                    .header("Authorization", "Basic ZHIudmlzc2VyOlRlc3Qtb25seS13YWNodHdvb3JkLTE=").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(basic.statusCode()).isEqualTo(401);

            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=dr.visser&password=x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isNotIn(200, 302);

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/saml2/authenticate/consilium");

            HttpResponse<String> metadata = client.send(HttpRequest.newBuilder(
                    URI.create(base() + "/saml2/service-provider-metadata/consilium")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.statusCode()).isEqualTo(200);
            // The EPD may frame Consilium, nobody else.
            assertThat(metadata.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .isEqualTo("frame-ancestors 'self' https://epd.ziekenhuis.test");
            assertThat(metadata.headers().firstValue("X-Frame-Options")).isEmpty();
            assertThat(metadata.body()).contains("entityID=\"" + SP_ENTITY_ID + "\"")
                    .contains("AuthnRequestsSigned=\"true\"")
                    .contains(base() + "/login/saml2/sso/consilium")
                    .contains("SingleLogoutService").contains(base() + "/logout/saml2/slo");
        }
    }

    @Test
    void signingOutEndsTheSessionAtKeycloakTooThroughSingleLogout() {
        signInThroughKeycloak("dr.visser");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form[action='/logout'] button"))).click();

        // Consilium → Keycloak (signed LogoutRequest) → Consilium (Keycloak's signed LogoutResponse).
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("slo-complete")));
        assertThat(browser.getCurrentUrl()).startsWith(base() + "/logout/saml2/slo");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("en bij de identity provider");

        // The Keycloak session is gone: opening Consilium again asks for the password at Keycloak instead of
        // signing in silently, and the old Consilium session no longer opens the API.
        browser.get(base() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(keycloak.realmUrl() + "/protocol/saml");
    }

    /**
     * This test's own database, dropped and created again: the modules' migrations still change during
     * development, and a schema left by an older build would fail Flyway's validation.
     */
    private static String freshDatabase(String name) throws java.sql.SQLException {
        String server = System.getenv().getOrDefault("CONSILIUM_TEST_DB_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
        try (var admin = java.sql.DriverManager.getConnection(server + "postgres", TestDatabase.USER, "");
                var statement = admin.createStatement()) {
            statement.execute("drop database if exists \"" + name + "\" with (force)");
        }
        return TestDatabase.url(name);
    }

    private static Path buildDirectory() {
        try {
            // .../<build dir>/test-classes: keeps Keycloak inside this build's own output directory
            return Path.of(KeycloakSignInE2eTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
