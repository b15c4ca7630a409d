package nl.consilium.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import nl.consilium.app.support.DemoAppTest;
import nl.consilium.app.support.Http;
import nl.consilium.app.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The three screens as their users meet them: real sign-in form, real application on a random port, real
 * PostgreSQL, the demo knowledge base and sandbox EPD, headless Chromium. No language model is configured, so
 * answers are extractive (verbatim cited passages), which is what the demo does out of the box.
 */
@DemoAppTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    // TestDatabase drops and recreates it at the start of a run: a second run at the same time (another checkout, CI)
    // needs a database of its own, or each drops the other's.
    private static final String DATABASE = System.getProperty("consilium.browser.database", "consilium_test_browser");
    private static final String KNOWLEDGE = "/api/v1/admin/knowledge/documents";
    private static Browser browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // The screens under test (terms to accept, an empty history) need a clean application state; the
        // knowledge base stays, so a second run does not embed the demo documents again.
        String url = TestDatabase.url(DATABASE);
        resetApplicationState(url);
        registry.add("spring.datasource.url", () -> url);
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = new Browser(port);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void specialistSignsInAcceptsTheTermsAndGetsACitedAnswer() {
        browser.signIn("specialist", "/");
        assertThat(browser.url()).doesNotContain("/login");
        browser.clickable("#apps button[data-app=richtlijnen]").click();

        WebElement terms = browser.visible("#terms");
        assertThat(terms.getText())
                .contains("Gebruiksvoorwaarden: Richtlijnen (versie 1)")
                .contains("Gepseudonimiseerde patiëntgegevens mogen worden verwerkt")
                .contains("Persoonsgegevens (herleidbare patiëntgegevens) mogen worden verwerkt")
                .contains("Klinische beslisondersteuning")
                .contains("Niet van toepassing: geen beslisondersteuning")
                .contains("demo-richtlijnen");
        assertThat(browser.all("#declarations dd .no")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.all("#chat").getFirst().isDisplayed()).isFalse();
        browser.clickable("#accept-terms").click();

        browser.visible("#chat");
        browser.visible("#question").sendKeys("Hoe snel moet antibiotica gegeven worden bij sepsis?");
        browser.clickable("#send").click();

        WebElement cite = browser.clickable("#log .msg.assistant .text button.cite");
        WebElement answer = browser.driver.findElement(By.cssSelector("#log .msg.assistant"));
        assertThat(answer.getText()).contains("Extractief antwoord").containsIgnoringCase("sepsis");
        assertThat(answer.findElement(By.cssSelector(".mode")).getText()).contains("geen taalmodel");
        assertThat(answer.findElements(By.cssSelector("ol.sources li"))).isNotEmpty();

        String number = cite.getAttribute("data-source");
        cite.click();
        WebElement passage = browser.visible("dialog#passage");
        assertThat(browser.driver.findElement(By.id("passage-title")).getText()).startsWith("[" + number + "] ");
        assertThat(browser.driver.findElement(By.id("passage-meta")).getText()).contains("versie");
        assertThat(browser.driver.findElement(By.id("passage-text")).getText()).isNotBlank();
        passage.findElement(By.cssSelector("button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.invisibilityOf(passage));

        answer.findElement(By.cssSelector("details.decision summary")).click();
        String decision = answer.findElement(By.cssSelector("details.decision")).getText();
        assertThat(decision).contains("Besluit: toegestaan").contains("2026.11-1").contains("Auditregel");

        browser.textAppears("#history", "Richtlijnen");
    }

    @Test
    @Order(2)
    void aQuestionWithABsnIsRefusedWithAReadableReason() {
        browser.signIn("specialist", "/");
        browser.clickable("#apps button[data-app=richtlijnen]").click();
        browser.visible("#question").sendKeys("Mevrouw met BSN 111222333 heeft koorts, wat is het beleid?");
        browser.clickable("#send").click();

        WebElement refusal = browser.visible("#log .msg.refusal");
        assertThat(refusal.getText()).startsWith("Consilium").contains("Geweigerd:").contains("Wat wel kan:")
                .doesNotContain("111222333");
        refusal.findElement(By.cssSelector("details.decision summary")).click();
        assertThat(refusal.findElement(By.cssSelector("details.decision")).getText()).contains("geweigerd");
    }

    @Test
    @Order(3)
    void withAPatientTheBannerShowsTheNameAndWhatTheModelReceivedAndTheLabTrend() {
        browser.signIn("specialist", "/");
        new Select(browser.visible("#patient")).selectByValue("nl-0001");
        browser.clickable("#apps button[data-app=patientsamenvatting]").click();

        // This application requires the training before its terms can be accepted.
        assertThat(browser.visible("#accept-terms").isEnabled()).isFalse();
        assertThat(browser.driver.findElement(By.id("declarations")).getText()).contains("Observation");
        browser.clickable("#attest-check").click();
        browser.clickable("#attest").click();
        browser.clickable("#accept-terms").click();

        browser.visible("#patient-banner");
        browser.textAppears("#patient-name", "Berg");
        assertThat(browser.text("#patient-banner")).contains("nl-0001").contains("vrouw").contains("geboren").contains("nog niets")
                .doesNotContain("BSN");

        browser.visible("#labs");
        new Select(browser.visible("#loinc")).selectByValue("2160-0");
        browser.clickable("#labs-form button[type=submit]").click();
        WebElement chart = browser.visible("#labs-out svg.chart");
        assertThat(chart.getAttribute("aria-label")).contains("Kreatinine");
        assertThat(chart.findElements(By.cssSelector("circle"))).hasSizeGreaterThan(3);

        browser.visible("#question").sendKeys("Vat de actuele problemen en medicatie samen.");
        browser.clickable("#send").click();
        browser.textAppears("#patient-marker", "gepseudonimiseerd");
        WebElement answer = browser.visible("#log .msg.assistant details.decision");
        answer.findElement(By.cssSelector("summary")).click();
        assertThat(answer.getText()).contains("toegestaan na pseudonimisering");

        // The same patient stays in context for a guideline question; that application receives no patient data.
        browser.clickable("#apps button[data-app=richtlijnen]").click();
        browser.textAppears("#patient-marker", "nog niets");
        browser.visible("#question").sendKeys("Wat is het beleid bij hyperkaliëmie?");
        browser.clickable("#send").click();
        browser.clickable("#log .msg.assistant .text button.cite");
        browser.textAppears("#patient-marker", "geen patiëntgegevens");

        browser.screenshot("specialist.png", 1250);
        assertThat(browser.accessibilityViolations()).as("axe-core: specialist screen").isEmpty();
    }

    @Test
    @Order(4)
    void theOwnHistoryCanBeOpenedAndDeletedOneByOneAndAll() {
        browser.signIn("specialist", "/");
        browser.visible("#history li[data-conversation]");
        int before = browser.all("#history li[data-conversation]").size();
        assertThat(before).isGreaterThanOrEqualTo(2);

        browser.all("#history li[data-conversation] button.secondary").getFirst().click();
        WebElement transcript = browser.visible("dialog#transcript");
        assertThat(transcript.findElements(By.cssSelector(".msg"))).isNotEmpty();
        transcript.findElement(By.cssSelector("button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.invisibilityOf(transcript));

        browser.all("#history li[data-conversation] button.danger").getFirst().click();
        browser.acceptConfirm();
        browser.textAppears("#history-status", "Gesprek verwijderd");
        browser.wait.until(d -> browser.all("#history li[data-conversation]").size() == before - 1);

        browser.clickable("#delete-all").click();
        browser.acceptConfirm();
        browser.textAppears("#history", "Geen bewaarde gesprekken");
        assertThat(new Http(port, "specialist").get("/api/v1/conversations").body()).isEqualTo("[]");
    }

    @Test
    @Order(5)
    void aClinicianCannotReachTheComplianceConsoleOrTheItView() {
        browser.signIn("specialist", "/");
        assertThat(browser.visible("header.top nav").getText()).contains("Assistent").doesNotContain("Compliance")
                .doesNotContain("IT-beheer");

        browser.open("/compliance.html");
        assertThat(browser.visible("#forbidden").getText()).contains("Geen toegang");
        assertThat(browser.all("#filters")).isEmpty();
        assertThat(browser.fetch("GET", "/api/v1/compliance/audit")).startsWith("403");

        browser.open("/it.html");
        assertThat(browser.visible("#forbidden").getText()).contains("Geen toegang");
        assertThat(browser.fetch("GET", "/api/v1/admin/policy")).startsWith("403");
    }

    @Test
    @Order(6)
    void theComplianceOfficerFiltersSeesTheDecisionChainVerifiesAndCannotReadConversations() {
        // Activity to look at: an allowed and a refused request, made through the API as the specialist would.
        Http specialist = new Http(port, "specialist");
        specialist.put("/api/v1/applications/richtlijnen/terms/acceptance", "{\"termsVersion\":\"1\"}");
        String conversation = json.readTree(specialist.post("/api/v1/conversations",
                "{\"applicationId\":\"richtlijnen\"}").body()).path("id").asString();
        specialist.post("/api/v1/conversations/" + conversation + "/messages",
                "{\"text\":\"Wat is het beleid bij hyperkaliëmie?\"}");
        // More than one page of 10 records of the specialist, whatever ran before (the database is fresh).
        for (int i = 0; i < 11; i++) {
            specialist.post("/api/v1/conversations/" + conversation + "/messages",
                    "{\"text\":\"Patiënt met BSN 111222333 heeft hyperkaliëmie\"}");
        }

        browser.signIn("compliance", "/compliance.html");
        browser.visible("#results tbody tr");
        assertThat(browser.visible("header.top nav").getText()).contains("Compliance").doesNotContain("Assistent");

        // Paging: the specialist's activity is more than one page of 10; older records are appended, newest first.
        browser.visible("#f-user").sendKeys("specialist");
        new Select(browser.visible("#f-limit")).selectByValue("10");
        browser.clickable("#search").click();
        browser.wait.until(d -> browser.all("#results tbody tr").size() == 10
                && browser.all("#results tbody tr").stream().allMatch(r -> r.getText().contains("specialist")));
        long tenth = Long.parseLong(browser.all("#results tbody tr").get(9).getAttribute("data-seq"));
        browser.clickable("#more").click();
        browser.wait.until(d -> browser.all("#results tbody tr").size() > 10);
        assertThat(Long.parseLong(browser.all("#results tbody tr").get(10).getAttribute("data-seq"))).isLessThan(tenth);
        browser.driver.findElement(By.id("f-user")).clear();

        new Select(browser.visible("#f-decision")).selectByValue("REFUSED");
        browser.visible("#f-application").sendKeys("richtlijnen");
        browser.clickable("#search").click();
        browser.wait.until(d -> {
            List<WebElement> rows = browser.all("#results tbody tr");
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.getText().contains("REFUSED"));
        });
        assertThat(browser.all("#results tbody tr")).hasSizeLessThanOrEqualTo(10);
        assertThat(browser.driver.findElement(By.id("export-csv")).getAttribute("href"))
                .contains("decision=REFUSED").contains("application=richtlijnen");
        assertThat(browser.driver.findElement(By.id("export-fhir")).getAttribute("href"))
                .contains("export.fhir.json").contains("decision=REFUSED");

        browser.all("#results tbody tr button").getFirst().click();
        WebElement detail = browser.visible("#detail");
        browser.textAppears("#chain", "Beslisketen");
        assertThat(detail.getText()).contains("CHAT_REQUEST").contains("REFUSED").contains("2026.11-1")
                .contains("FMS-2-").contains("specialist (clinician)").doesNotContain("111222333");
        assertThat(browser.driver.findElement(By.id("chain")).getText()).contains("CHAT_REQUEST");

        browser.clickable("#verify").click();
        browser.textAppears("#verify-result", "Keten intact");

        browser.visible("#usage figure[data-app=richtlijnen]");
        assertThat(browser.driver.findElement(By.cssSelector("#usage figure[data-app=richtlijnen] figcaption")).getText())
                .contains("geweigerd");

        // The compliance officer reads the log, never conversation content.
        assertThat(browser.fetch("GET", "/api/v1/conversations/" + conversation)).startsWith("404");
        assertThat(browser.fetch("GET", "/api/v1/conversations")).isEqualTo("200 []");

        browser.screenshot("compliance.png", 2300);
        assertThat(browser.accessibilityViolations()).as("axe-core: compliance console").isEmpty();
    }

    @Test
    @Order(7)
    void itSeesTheEffectivePolicyAndSwitchesAnApplicationOutOfServiceAndBack() {
        Http it = new Http(port, "it");
        JsonNode policy = json.readTree(it.get("/api/v1/admin/policy").body());

        browser.signIn("it", "/it.html");
        browser.textAppears("#policy-hash", policy.path("sha256").asString());
        assertThat(browser.driver.findElement(By.id("policy-version")).getText()).isEqualTo("2026.11-1");
        browser.visible("#apps article[data-app=richtlijnen]");
        assertThat(browser.text("#apps article[data-app=richtlijnen]")).contains("In dienst").contains("demo-richtlijnen").contains("clinician");
        browser.textAppears("#knowledge", "demo-richtlijnen");
        assertThat(browser.text("#epd-status")).contains("Bereikbaar: HTTP 200");

        browser.clickable("button[data-switch=richtlijnen]").click();
        browser.acceptConfirm();
        browser.textAppears("span[data-state=richtlijnen]", "Uit dienst");
        assertThat(serviceState(it, "richtlijnen")).isFalse();
        HttpResponse<String> refused = askAsSpecialist();
        assertThat(refused.body()).contains("event:refusal").contains("APP-OUT-OF-SERVICE");

        assertThat(browser.accessibilityViolations()).as("axe-core: IT view").isEmpty();

        browser.clickable("button[data-switch=richtlijnen]").click();
        browser.acceptConfirm();
        browser.textAppears("span[data-state=richtlijnen]", "In dienst");
        assertThat(serviceState(it, "richtlijnen")).isTrue();
        assertThat(browser.visible("#switch-status").getText()).contains("gelogd");
    }

    @Test
    @Order(8)
    void theScreensSwitchToEnglish() {
        browser.signIn("specialist", "/");
        browser.clickable("#lang-toggle").click();
        browser.textAppears("#apps-heading", "Application");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.clickable("#apps button[data-app=richtlijnen]").click();
        browser.textAppears("#chat-heading", "Guidelines");
        browser.clickable("#lang-toggle").click();
        browser.textAppears("#apps-heading", "Toepassing");
    }

    @Test
    @Order(9)
    void thePatientViewsKeepToTheUseConditionsAndTheRoles() {
        Http specialist = new Http(port, "specialist");
        specialist.put("/api/v1/applications/richtlijnen/terms/acceptance", "{\"termsVersion\":\"1\"}");
        String guidelines = json.readTree(specialist.post("/api/v1/conversations",
                "{\"applicationId\":\"richtlijnen\",\"patientId\":\"nl-0001\"}").body()).path("id").asString();
        HttpResponse<String> labs = specialist.get("/api/v1/conversations/" + guidelines + "/labs/2160-0");
        assertThat(labs.statusCode()).as(labs.body()).isEqualTo(403);
        assertThat(labs.body()).contains("Observation").doesNotContain("umol");

        HttpResponse<String> banner = specialist.get("/api/v1/patients/nl-0001/banner");
        assertThat(banner.statusCode()).isEqualTo(200);
        assertThat(banner.body()).contains("van den Berg").doesNotContain("BSN").doesNotContain("\"bsn");
        assertThat(new Http(port, "compliance").get("/api/v1/patients/nl-0001/banner").statusCode()).isEqualTo(403);
        assertThat(new Http(port, "compliance").get("/api/v1/conversations/" + guidelines + "/labs/2160-0")
                .statusCode()).isEqualTo(404);
        assertThat(new Http(port, "specialist").get("/api/v1/admin/connections").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(10)
    void itTakesTheEpdOutOfServiceAndTheSpecialistIsToldPatientDataIsUnavailable() {
        Http it = new Http(port, "it");
        try {
            browser.signIn("it", "/it.html");
            browser.textAppears("span[data-connector-state=epd]", "In dienst");
            assertThat(browser.text("#connectors")).contains("Kennisbank").contains("Taalmodel-endpoint internal-llm")
                    .contains("nooit");
            browser.clickable("button[data-connector-switch=epd]").click();
            browser.acceptConfirm();
            browser.textAppears("span[data-connector-state=epd]", "Uit dienst");
            assertThat(browser.visible("#connector-status").getText()).contains("EPD (FHIR)").contains("gelogd");
            assertThat(browser.text("#connectors")).contains("it, ");
            assertThat(connectorInService(it, "epd")).isFalse();
            assertThat(browser.accessibilityViolations()).as("axe-core: IT view, connector switched").isEmpty();

            // The specialist: the banner says patient data is unavailable, and a question that needs the patient
            // gets a readable problem, never an answer as if there were no patient.
            browser.signIn("specialist", "/");
            new Select(browser.visible("#patient")).selectByValue("nl-0001");
            browser.clickable("#apps button[data-app=patientsamenvatting]").click();
            browser.textAppears("#patient-banner", "koppeling met het EPD is door ICT uit dienst genomen");
            assertThat(browser.text("#patient-marker")).contains("niet beschikbaar");
            browser.visible("#question").sendKeys("Vat de actuele problemen samen.");
            browser.clickable("#send").click();
            browser.textAppears("#log .msg.assistant .problem", "Patiëntgegevens zijn nu niet beschikbaar");
            assertThat(browser.text("#log .msg.assistant")).doesNotContain("Extractief antwoord");
            assertThat(browser.accessibilityViolations()).as("axe-core: specialist screen, EPD off").isEmpty();

            browser.signIn("it", "/it.html");
            browser.clickable("button[data-connector-switch=epd]").click();
            browser.acceptConfirm();
            browser.textAppears("span[data-connector-state=epd]", "In dienst");
            assertThat(connectorInService(it, "epd")).isTrue();
        } finally {
            it.put("/api/v1/admin/connectors/epd/service", "{\"inService\":true}");
        }
    }

    @Test
    @Order(11)
    void itUploadsADraftApprovesItAndRetiresItAndABadFileIsRefusedWithTheReason(@TempDir Path files) throws IOException {
        Http it = new Http(port, "it");
        // A word no other document has, so the chat finds this document and only this one; a new key each run, so
        // the upload is always "added" although the knowledge base is kept between runs.
        String marker = "browserprotocol" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String title = "Testprotocol " + marker;
        // Owner, language and title come from the file's own front matter; source, version and review date from the
        // form (the review date in the past, so the table flags it).
        Path protocol = files.resolve("bt-" + marker + ".md");
        Files.writeString(protocol, "---\ntitle: \"" + title + "\"\nowner: \"Vakgroep Browsertest\"\nlanguage: nl\n---\n\n# "
                + title + "\n\n## Behandeling\n\nBij " + marker + " geef je 5 mg eenmaal daags gedurende drie dagen.\n");

        browser.signIn("it", "/it.html");
        browser.visible("#kb-table tbody tr[data-document]");
        browser.visible("#kb-file").sendKeys(protocol.toString());
        new Select(browser.visible("#kb-source")).selectByValue("demo-protocollen");
        browser.visible("#kb-version").sendKeys("0.9");
        browser.setValue("#kb-review", "2025-01-31");
        assertThat(browser.driver.findElement(By.id("kb-approve")).isSelected()).isFalse();
        browser.clickable("#kb-submit").click();

        WebElement outcome = browser.visible("#kb-outcome");
        assertThat(outcome.getAttribute("data-outcome")).isEqualTo("added");
        assertThat(outcome.getText()).startsWith("Toegevoegd").contains(title).contains("demo-protocollen")
                .contains("passage").contains("status Concept");
        String id = outcome.getAttribute("data-document");
        String row = "#kb-table tr[data-document='" + id + "']";
        browser.textAppears(row + " [data-document-state]", "Concept");
        assertThat(browser.text(row)).contains(title).contains("Ziekenhuisprotocollen (demo)").contains("0.9").contains("Nederlands");
        assertThat(browser.driver.findElement(By.cssSelector(row + " td[data-review]")).getAttribute("data-overdue"))
                .isEqualTo("true");
        assertThat(browser.text(row + " td[data-review]")).contains("verlopen");
        JsonNode draft = json.readTree(it.get(KNOWLEDGE + "/" + id).body());
        assertThat(draft.path("state").asString()).isEqualTo("DRAFT");
        assertThat(draft.path("owner").asString()).as("from the front matter").isEqualTo("Vakgroep Browsertest");
        assertThat(draft.path("reviewDate").asString()).isEqualTo("2025-01-31");
        assertThat(askAsSpecialist("Wat geef je bij " + marker + "?").body()).as("a draft is never cited").doesNotContain(title);

        browser.clickable(row + " button[data-approve]").click();
        browser.textAppears(row + " [data-document-state]", "Goedgekeurd");
        assertThat(browser.text("#kb-status")).contains(title).contains("goedgekeurd").contains("gelogd");
        assertThat(browser.text(row)).contains("it, ");
        assertThat(json.readTree(it.get(KNOWLEDGE + "/" + id).body()).path("stateChangedBy").asString()).isEqualTo("it");
        assertThat(askAsSpecialist("Wat geef je bij " + marker + "?").body()).as("approved: cited at once")
                .contains("event:sources").contains(title);

        // Retiring asks first; "cancel" changes nothing.
        browser.clickable(row + " button[data-retire]").click();
        assertThat(browser.dismissConfirm()).contains(title).contains("direct uit alle antwoorden");
        assertThat(browser.text(row + " [data-document-state]")).isEqualTo("Goedgekeurd");
        browser.clickable(row + " button[data-retire]").click();
        browser.acceptConfirm();
        browser.textAppears(row + " [data-document-state]", "Ingetrokken");
        assertThat(browser.text("#kb-status")).contains("ingetrokken");
        assertThat(browser.all(row + " button")).as("a retired document has no action").isEmpty();
        assertThat(json.readTree(it.get(KNOWLEDGE + "/" + id).body()).path("state").asString()).isEqualTo("RETIRED");
        assertThat(askAsSpecialist("Wat geef je bij " + marker + "?").body()).as("retired: gone from answers at once")
                .doesNotContain(title);

        // The filter: drafts only hides it, retired only shows it.
        new Select(browser.visible("#kb-f-state")).selectByValue("DRAFT");
        browser.wait.until(d -> browser.all(row).isEmpty()
                && browser.all("#kb-table tbody tr[data-document]").stream().allMatch(r -> "DRAFT".equals(r.getAttribute("data-state"))));
        new Select(browser.visible("#kb-f-state")).selectByValue("RETIRED");
        new Select(browser.visible("#kb-f-source")).selectByValue("demo-protocollen");
        browser.wait.until(d -> !browser.all(row).isEmpty() && browser.all("#kb-table tbody tr[data-document]").stream()
                .allMatch(r -> "RETIRED".equals(r.getAttribute("data-state")) && r.getText().contains("Ziekenhuisprotocollen")));

        // Refusals: the reason in words, the API's detail, and nothing added.
        int before = json.readTree(it.get(KNOWLEDGE).body()).size();
        Path empty = Files.write(files.resolve("leeg.md"), new byte[0]);
        browser.visible("#kb-file").sendKeys(empty.toString());
        new Select(browser.visible("#kb-source")).selectByValue("demo-protocollen");
        browser.visible("#kb-owner").sendKeys("Vakgroep Browsertest");
        browser.visible("#kb-version").sendKeys("1");
        new Select(browser.visible("#kb-language")).selectByValue("nl");
        browser.clickable("#kb-submit").click();
        WebElement refusal = browser.visible("#kb-refusal[data-reason=EMPTY]");
        assertThat(refusal.getText()).startsWith("Geweigerd: het bestand is leeg").contains("unchanged");
        assertThat(refusal.getAttribute("role")).isEqualTo("alert");

        Path exe = Files.write(files.resolve("programma.exe"), new byte[] {0x4d, 0x5a, 1, 2});
        browser.driver.findElement(By.id("kb-file")).sendKeys(exe.toString());
        browser.clickable("#kb-submit").click();
        browser.textAppears("#kb-refusal[data-reason=UNSUPPORTED_FORMAT]", "wordt niet ondersteund");
        assertThat(browser.text("#kb-refusal")).contains(".exe");
        assertThat(json.readTree(it.get(KNOWLEDGE).body()).size()).isEqualTo(before);

        // Every change is in the audit log under the IT user, with the rule ids the operations guide names.
        JsonNode audit = json.readTree(new Http(port, "compliance")
                .get("/api/v1/compliance/audit?user=it&type=CONFIGURATION_CHANGED&limit=50").body());
        assertThat(audit.path("records").findValues("ruleIds").toString())
                .contains("KB-DOCUMENT-ADDED", "KB-DOCUMENT-APPROVED", "KB-DOCUMENT-RETIRED", "KB-DOCUMENT-REJECTED-EMPTY",
                        "KB-DOCUMENT-REJECTED-UNSUPPORTED-FORMAT");
        assertThat(audit.toString()).contains("KnowledgeDocument/" + id);

        browser.screenshot("it.png", 3600);
        assertThat(browser.accessibilityViolations()).as("axe-core: IT view, knowledge base with a refusal").isEmpty();
    }

    private boolean connectorInService(Http it, String connector) {
        for (JsonNode state : json.readTree(it.get("/api/v1/admin/connectors").body())) {
            if (state.path("connector").asString().equals(connector)) {
                return state.path("inService").asBoolean();
            }
        }
        throw new AssertionError("no state for " + connector);
    }

    private boolean serviceState(Http it, String application) {
        for (JsonNode state : json.readTree(it.get("/api/v1/admin/applications").body())) {
            if (state.path("applicationId").asString().equals(application)) {
                return state.path("inService").asBoolean();
            }
        }
        throw new AssertionError("no state for " + application);
    }

    private HttpResponse<String> askAsSpecialist() {
        return askAsSpecialist("Beleid bij delier?");
    }

    /** A question in Richtlijnen (sources demo-richtlijnen and demo-protocollen) as the specialist, by API. */
    private HttpResponse<String> askAsSpecialist(String question) {
        Http specialist = new Http(port, "specialist");
        specialist.put("/api/v1/applications/richtlijnen/terms/acceptance", "{\"termsVersion\":\"1\"}");
        String id = json.readTree(specialist.post("/api/v1/conversations", "{\"applicationId\":\"richtlijnen\"}").body())
                .path("id").asString();
        return specialist.post("/api/v1/conversations/" + id + "/messages", "{\"text\":\"" + question + "\"}");
    }

    private static void resetApplicationState(String url) {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.USER, "");
                var statement = connection.createStatement()) {
            statement.execute("""
                    do $$
                    declare t text;
                    begin
                      for t in select tablename from pg_tables
                               where schemaname = 'consilium_app' and tablename not like 'flyway%'
                      loop
                        execute format('truncate table consilium_app.%I cascade', t);
                      end loop;
                    end $$""");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable (run infra/bin/provision-postgres)", e);
        }
    }
}
