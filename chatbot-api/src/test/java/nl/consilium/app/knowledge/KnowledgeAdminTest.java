package nl.consilium.app.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.consilium.app.support.DemoAppTest;
import nl.consilium.app.support.Http;
import nl.consilium.rag.KnowledgeBase;
import nl.consilium.rag.RetrievedPassage;
import nl.consilium.rag.SearchRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** IT's knowledge-base management over HTTP: the curation life cycle, refusals that change nothing, the audit trail. */
@DemoAppTest
class KnowledgeAdminTest {

    private static final String PATH = "/api/v1/admin/knowledge/documents";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    KnowledgeBase knowledge;

    /** A word no demo document has, so a search finds only the test's own document. */
    private final String marker = "zwavelprotocol" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");

    private String protocol(String dose) {
        return "# Testprotocol " + marker + "\n\n## Behandeling\n\nBij " + marker + " geef je " + dose
                + " eenmaal daags gedurende drie dagen.\n";
    }

    private Map<String, String> fields(String key) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", "demo-protocollen");
        fields.put("key", key);
        fields.put("owner", "Vakgroep Test");
        fields.put("version", "1.0");
        fields.put("language", "nl");
        fields.put("reviewDate", "2027-06-01");
        return fields;
    }

    private List<String> found() {
        return knowledge.search(SearchRequest.hybrid(marker, 5, Set.of("demo-protocollen"))).stream()
                .filter(p -> p.text().contains(marker)).map(RetrievedPassage::externalKey).toList();
    }

    @Test
    void onlyItManagesTheKnowledgeBase() {
        for (String user : List.of("specialist", "compliance")) {
            Http http = new Http(port, user);
            assertThat(http.get(PATH).statusCode()).as(user).isEqualTo(403);
            assertThat(http.upload(PATH, "x.md", protocol("1 mg").getBytes(StandardCharsets.UTF_8), fields("x")).statusCode())
                    .as(user).isEqualTo(403);
        }
        assertThat(new Http(port, null).get(PATH).statusCode()).isEqualTo(401);
    }

    @Test
    void uploadAsDraftApproveReplaceAndRetireEachTakeEffectAtOnceAndAreAudited() {
        Http it = new Http(port, "it");
        String key = "test-" + marker;
        HttpResponse<String> uploaded = it.upload(PATH, key + ".md", protocol("10 mg").getBytes(StandardCharsets.UTF_8), fields(key));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode added = json.readTree(uploaded.body());
        assertThat(added.path("outcome").asString()).isEqualTo("added");
        assertThat(added.path("state").asString()).isEqualTo("DRAFT");
        assertThat(added.path("document").path("owner").asString()).isEqualTo("Vakgroep Test");
        assertThat(added.path("document").path("reviewDate").asString()).isEqualTo("2027-06-01");
        String id = added.path("documentId").asString();
        assertThat(found()).as("a draft is never retrieved").isEmpty();

        JsonNode drafts = json.readTree(it.get(PATH + "?source=demo-protocollen&state=draft").body());
        assertThat(drafts.findValuesAsString("id")).contains(id);

        HttpResponse<String> approved = it.post(PATH + "/" + id + "/approve", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json.readTree(approved.body()).path("state").asString()).isEqualTo("APPROVED");
        assertThat(json.readTree(approved.body()).path("stateChangedBy").asString()).isEqualTo("it");
        assertThat(found()).containsExactly(key);

        HttpResponse<String> same = it.upload(PATH, key + ".md", protocol("10 mg").getBytes(StandardCharsets.UTF_8), fields(key));
        assertThat(json.readTree(same.body()).path("outcome").asString()).isEqualTo("unchanged");

        HttpResponse<String> changed = it.upload(PATH, key + ".md", protocol("20 mg").getBytes(StandardCharsets.UTF_8), fields(key));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).path("outcome").asString()).isEqualTo("replaced");
        assertThat(json.readTree(changed.body()).path("state").asString()).as("a re-upload keeps the approval").isEqualTo("APPROVED");
        List<RetrievedPassage> passages = knowledge.search(SearchRequest.hybrid(marker, 5, Set.of("demo-protocollen")));
        assertThat(passages.stream().filter(p -> p.text().contains(marker)).map(RetrievedPassage::text))
                .anyMatch(t -> t.contains("20 mg")).noneMatch(t -> t.contains("10 mg"));

        HttpResponse<String> retired = it.post(PATH + "/" + id + "/retire", "");
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat(found()).as("retired is gone from answers at once").isEmpty();
        HttpResponse<String> again = it.post(PATH + "/" + id + "/approve", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));

        // Each change is in the audit log under the IT user, with a rule an auditor can filter on.
        JsonNode page = json.readTree(new Http(port, "compliance").get("/api/v1/compliance/audit?user=it&limit=50").body());
        String rules = page.path("records").findValues("ruleIds").toString();
        assertThat(rules).contains("KB-DOCUMENT-ADDED", "KB-DOCUMENT-DRAFT", "KB-DOCUMENT-APPROVED", "KB-DOCUMENT-REPLACED",
                "KB-DOCUMENT-RETIRED");
        assertThat(page.toString()).contains("KnowledgeDocument/" + id);
    }

    @Test
    void badUploadsAreRefusedWithAReasonAndChangeNothing() {
        Http it = new Http(port, "it");
        int before = json.readTree(it.get(PATH).body()).size();
        record Case(String fileName, byte[] content, Map<String, String> fields, int status, String reason) {
        }
        Map<String, String> noOwner = fields("no-owner");
        noOwner.remove("owner");
        Map<String, String> unknownSource = fields("unknown-source");
        unknownSource.put("source", "niet-bestaand");
        byte[] corruptPdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".getBytes(StandardCharsets.US_ASCII);
        byte[] latin1 = ("# Koorts\n\nCafé " + marker).getBytes(StandardCharsets.ISO_8859_1);
        for (Case c : List.of(
                new Case("leeg.md", new byte[0], fields("leeg"), 422, "EMPTY"),
                new Case("programma.exe", new byte[] {1, 2, 3}, fields("exe"), 415, "UNSUPPORTED_FORMAT"),
                new Case("kapot.pdf", corruptPdf, fields("kapot"), 422, "CORRUPT"),
                new Case("latin1.md", latin1, fields("latin1"), 422, "INVALID_ENCODING"),
                new Case("zonder-eigenaar.md", protocol("1 mg").getBytes(StandardCharsets.UTF_8), noOwner, 422, "INVALID_METADATA"),
                new Case("bron.md", protocol("1 mg").getBytes(StandardCharsets.UTF_8), unknownSource, 422, "INVALID_METADATA"))) {
            HttpResponse<String> response = it.upload(PATH, c.fileName(), c.content(), c.fields());
            assertThat(response.statusCode()).as(c.fileName() + ": " + response.body()).isEqualTo(c.status());
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("reason").asString()).as(c.fileName()).isEqualTo(c.reason());
            assertThat(problem.path("type").asString()).endsWith("/knowledge-document-rejected");
            assertThat(problem.path("detail").asString()).contains("unchanged");
        }
        assertThat(json.readTree(it.get(PATH).body()).size()).isEqualTo(before);
        assertThat(found()).isEmpty();
        // Every refusal is in the audit log under the IT user, whether the controller refused the file before reading
        // it (type, metadata) or the knowledge base while parsing it (empty, corrupt, encoding).
        String rules = new Http(port, "compliance").get("/api/v1/compliance/audit?user=it&type=CONFIGURATION_CHANGED&limit=100")
                .body();
        assertThat(rules).contains("KB-DOCUMENT-REJECTED-EMPTY", "KB-DOCUMENT-REJECTED-UNSUPPORTED-FORMAT",
                "KB-DOCUMENT-REJECTED-CORRUPT", "KB-DOCUMENT-REJECTED-INVALID-ENCODING", "KB-DOCUMENT-REJECTED-INVALID-METADATA");
        assertThat(it.post(PATH + "/" + UUID.randomUUID() + "/approve", "").statusCode()).isEqualTo(404);
        assertThat(it.post(PATH + "/not-a-uuid/retire", "").statusCode()).isEqualTo(404);
        assertThat(it.get(PATH + "?state=GONE").statusCode()).isEqualTo(400);
    }
}
