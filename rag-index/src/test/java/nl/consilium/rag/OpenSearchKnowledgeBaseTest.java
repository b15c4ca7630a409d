package nl.consilium.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link KnowledgeBaseContract} on OpenSearch (a real in-process node with the k-NN plugin), plus
 * what is specific to an engine without transactions: generations flip atomically for readers, and
 * a failing audit hook undoes a half-made change.
 */
class OpenSearchKnowledgeBaseTest extends KnowledgeBaseContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<OpenSearchConnection> connections = new ArrayList<>();

    @Override
    protected KnowledgeBase openFresh(KnowledgeEmbeddingModel model, KnowledgeAuditListener audit) {
        OpenSearchConnection connection = OpenSearchTestNode.freshConnection(connections.isEmpty() ? "kb-test" : "kb-extra");
        connections.add(connection);
        return KnowledgeBase.opensearch(connection, model, audit, KnowledgeBaseSettings.defaults());
    }

    @Override
    protected KnowledgeBase reopenMain(KnowledgeEmbeddingModel model) {
        return KnowledgeBase.opensearch(connections.getFirst(), model, KnowledgeAuditListener.NONE, KnowledgeBaseSettings.defaults());
    }

    @Override
    protected String chunkIds(UUID documentId) throws Exception {
        JsonNode r = post("/" + connections.getFirst().indexPrefix() + "-chunks/_search", """
                {"size":1000,"_source":false,"docvalue_fields":["chunk_id"],"query":{"term":{"document_id":"%s"}},
                 "sort":[{"chunk_id":"asc"}]}""".formatted(documentId));
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : r.path("hits").path("hits")) {
            ids.add(hit.path("fields").path("chunk_id").path(0).asString());
        }
        return String.join(",", ids);
    }

    @Override
    protected long chunkCount() throws Exception {
        return post("/" + connections.getFirst().indexPrefix() + "-chunks/_count", "{}").path("count").asLong();
    }

    @Override
    protected void dropAll() {
        connections.forEach(KnowledgeBase::dropOpenSearchIndexes);
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(OpenSearchTestNode.url().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    @Test
    void aFailingAuditHookLeavesTheOldVersionAndTheOldStateInPlace() throws Exception {
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean auditDown = new AtomicBoolean(false);
        try (KnowledgeBase other = openFresh(SharedModel.bundled(), e -> {
            if (auditDown.get()) {
                throw new IllegalStateException("audit log unavailable");
            }
            seen.add(e);
        })) {
            IngestOutcome v1 = other.ingest(md("richtlijnen", "hypo.md", "1", HYPO, ApprovalState.APPROVED), "it");
            IngestOutcome draft = other.ingest(md("richtlijnen", "cap.md", "1", CAP, ApprovalState.DRAFT), "it");
            auditDown.set(true);
            assertThatThrownBy(() -> other.ingest(md("richtlijnen", "hypo.md", "2", HYPO.replace("twintig", "vijftien"), null), "it"))
                    .hasMessageContaining("audit log unavailable");
            assertThatThrownBy(() -> other.approve(draft.documentId(), "apotheker")).hasMessageContaining("audit log unavailable");
            assertThatThrownBy(() -> other.retire(v1.documentId(), "apotheker")).hasMessageContaining("audit log unavailable");
            auditDown.set(false);

            for (SearchMode mode : SearchMode.values()) {
                List<RetrievedPassage> hits = other.search(new SearchRequest("snelle koolhydraten twintig gram amoxicilline", 10, mode, null, null));
                assertThat(hits).as(mode.name()).isNotEmpty().allMatch(p -> p.externalKey().equals("hypo.md") && p.version().equals("1"));
            }
            assertThat(other.find(v1.documentId()).orElseThrow().version()).isEqualTo("1");
            assertThat(other.find(v1.documentId()).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
            assertThat(other.find(draft.documentId()).orElseThrow().state()).isEqualTo(ApprovalState.DRAFT);
            // Nothing of the refused version 2 is left in storage.
            long stored = post("/" + connections.getLast().indexPrefix() + "-chunks/_count",
                    "{\"query\":{\"term\":{\"document_id\":\"" + v1.documentId() + "\"}}}").path("count").asLong();
            assertThat(stored).isEqualTo(other.find(v1.documentId()).orElseThrow().chunkCount());
            assertThat(seen).noneMatch(e -> e instanceof KnowledgeEvent.DocumentReplaced);
        }
    }

    @Test
    void anUnreachableClusterIsAClearKnowledgeStoreException() {
        OpenSearchConnection nowhere = new OpenSearchConnection(List.of(URI.create("http://127.0.0.1:1")), null, null, "kb-nowhere");
        assertThatThrownBy(() -> KnowledgeBase.opensearch(nowhere, SharedModel.bundled(), KnowledgeAuditListener.NONE,
                KnowledgeBaseSettings.defaults()))
                .isInstanceOf(KnowledgeStoreException.class).hasMessageContaining("unreachable").hasMessageContaining("127.0.0.1:1");
        assertThatThrownBy(() -> new OpenSearchConnection(List.of(URI.create("ftp://x")), null, null, "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KnowledgeBase.dropOpenSearchIndexes(nowhere.withIndexPrefix(OpenSearchConnection.DEFAULT_INDEX_PREFIX)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
