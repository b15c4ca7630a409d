package nl.consilium.rag.store.opensearch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentFilter;
import nl.consilium.rag.DocumentFormat;
import nl.consilium.rag.DocumentMetadata;
import nl.consilium.rag.EmbeddingModelMismatchException;
import nl.consilium.rag.IngestOutcome;
import nl.consilium.rag.KnowledgeAuditListener;
import nl.consilium.rag.KnowledgeDocument;
import nl.consilium.rag.KnowledgeEvent;
import nl.consilium.rag.KnowledgeStoreException;
import nl.consilium.rag.Language;
import nl.consilium.rag.OpenSearchConnection;
import nl.consilium.rag.RetrievedPassage;
import nl.consilium.rag.chunk.Chunk;
import nl.consilium.rag.store.ChunkHit;
import nl.consilium.rag.store.KnowledgeStore;
import nl.consilium.rag.store.PreparedDocument;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenSearch engine: BM25 over per-language text fields (Dutch and English analysers, heading path
 * boosted), HNSW k-NN ({@code lucene} engine, cosine) for the dense side.
 *
 * <p><b>Atomic replace without transactions.</b> OpenSearch writes one document atomically, never
 * several. So the knowledge base is two indexes: {@code PREFIX-documents} holds one record per
 * curated document (state, content hash, <i>current generation</i>), {@code PREFIX-chunks} holds the
 * chunks, each tagged with its document id and the generation it belongs to. A reader takes a chunk
 * only when the document record (read with a real-time multi-get, not a search) says the document is
 * approved and at that chunk's generation. A replace therefore goes: write the new generation's
 * chunks (invisible: the record still points at the old generation) → refresh → audit → flip the
 * record to the new generation in one single-document write (from that moment readers see the new
 * chunks and drop the old ones) → delete the old generation. There is no moment with both or
 * neither. If the audit listener throws, the new generation is deleted before the record was ever
 * flipped, so the change never became visible. Retire flips the record's state, so it takes effect
 * for the very next search. Chunks also carry an {@code approved} flag, used as a filter inside the
 * query so that drafts cannot crowd approved passages out of the top k; the record stays the truth,
 * the flag is only an optimisation and may lag by one refresh.
 *
 * <p><b>Refresh.</b> Searches see only refreshed segments, while GET/mget are real-time. Every write
 * refreshes before it returns (an explicit {@code _refresh}, or {@code refresh=true} on delete/update
 * by query), so what a call wrote is visible to the next search and to {@link #list}; without it a
 * just-approved document could be missing from answers for up to a second. Not {@code refresh=wait_for}:
 * it idles until the next scheduled refresh (up to 1 s) on every call, which made bulk ingestion crawl.
 *
 * <p>All calls go through opensearch-java's transport and generic client with JSON bodies: the
 * k-NN plugin's mapping and query ({@code knn_vector}, {@code knn} with {@code filter}) are written
 * exactly as the OpenSearch documentation shows them, in one code path for every call.
 */
public final class OpenSearchKnowledgeStore implements KnowledgeStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Heading path counts about twice the body, as in the PostgreSQL engine's weights. */
    private static final double HEADING_BOOST = 2.0;
    private static final int PAGE = 1000;

    private final OpenSearchConnection connection;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchGenericClient client;
    private final String documents;
    private final String chunks;
    private final String meta;
    private final int efSearch;

    public OpenSearchKnowledgeStore(OpenSearchConnection connection, int efSearch) {
        this.connection = connection;
        this.efSearch = efSearch;
        this.documents = connection.indexPrefix() + "-documents";
        this.chunks = connection.indexPrefix() + "-chunks";
        this.meta = connection.indexPrefix() + "-meta";
        HttpHost[] hosts = connection.urls().stream()
                .map(u -> new HttpHost(u.getScheme(), u.getHost(), u.getPort() > 0 ? u.getPort() : 9200))
                .toArray(HttpHost[]::new);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(hosts)
                // Uncompressed replies: with gzip, error replies (404, 409) arrived with a gzip header but a
                // body the generic client could not decode ("Not in GZIP format").
                .setDefaultHeaders(new org.apache.hc.core5.http.Header[] {
                        new org.apache.hc.core5.http.message.BasicHeader("Accept-Encoding", "identity")})
                // Fail fast with a clear message when the cluster is down; bulk writes may take a while.
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(Timeout.ofSeconds(5)).setResponseTimeout(Timeout.ofMinutes(2)));
        if (connection.username() != null) {
            builder.setHttpClientConfigCallback(http -> {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                for (HttpHost host : hosts) {
                    credentials.setCredentials(new AuthScope(host),
                            new UsernamePasswordCredentials(connection.username(), connection.password().toCharArray()));
                }
                return http.setDefaultCredentialsProvider(credentials);
            });
        }
        this.transport = builder.build();
        this.client = new OpenSearchGenericClient(transport);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // Closing idle connections; nothing to undo.
        }
    }

    // ---- index management -------------------------------------------------------------------------

    /** Creates the three indexes if missing; chunks get a k-NN field of the model's dimension. */
    private void ensureIndexes(int dimensions) {
        createIfMissing(meta, """
                {"settings":{"index":{"number_of_shards":1,"auto_expand_replicas":"0-1"}},
                 "mappings":{"dynamic":false,"properties":{"embedding_model":{"type":"keyword"},"dimensions":{"type":"integer"},
                   "next":{"type":"long"}}}}""");
        createIfMissing(documents, """
                {"settings":{"index":{"number_of_shards":1,"auto_expand_replicas":"0-1"}},
                 "mappings":{"dynamic":false,"properties":{
                   "id":{"type":"keyword"},"source_id":{"type":"keyword"},"external_key":{"type":"keyword"},
                   "title":{"type":"keyword"},"state":{"type":"keyword"},"generation":{"type":"long"}}}}""");
        createIfMissing(chunks, """
                {"settings":{"index":{"knn":true,"number_of_shards":1,"auto_expand_replicas":"0-1"}},
                 "mappings":{"dynamic":false,"properties":{
                   "chunk_id":{"type":"long"},"document_id":{"type":"keyword"},"generation":{"type":"long"},
                   "source_id":{"type":"keyword"},"language":{"type":"keyword"},"approved":{"type":"boolean"},
                   "position":{"type":"integer"},"page":{"type":"integer"},
                   "heading_path":{"type":"text","index":false},"text":{"type":"text","index":false},
                   "text_nl":{"type":"text","analyzer":"dutch"},"heading_nl":{"type":"text","analyzer":"dutch"},
                   "text_en":{"type":"text","analyzer":"english"},"heading_en":{"type":"text","analyzer":"english"},
                   "embedding":{"type":"knn_vector","dimension":%d,
                     "method":{"name":"hnsw","engine":"lucene","space_type":"cosinesimil",
                               "parameters":{"m":16,"ef_construction":64}}}}}}""".formatted(dimensions));
    }

    private void createIfMissing(String index, String body) {
        // GET, not HEAD: a HEAD reply announces gzip without a body, which the client then fails to decode.
        if (call("GET", "/" + index + "/_settings", null).status() == 200) {
            return;
        }
        Reply r = call("PUT", "/" + index, body);
        // Another instance may have created it in the meantime.
        if (r.status() >= 300 && !r.text().contains("resource_already_exists_exception")) {
            throw failure("cannot create index " + index, r);
        }
    }

    /** Deletes this knowledge base's indexes (evaluations and tests). Refuses the production prefix. */
    public static void drop(OpenSearchConnection connection) {
        if (connection.indexPrefix().equals(OpenSearchConnection.DEFAULT_INDEX_PREFIX)) {
            throw new IllegalArgumentException("refusing to drop the production knowledge indexes");
        }
        try (OpenSearchKnowledgeStore store = new OpenSearchKnowledgeStore(connection, 1)) {
            for (String index : List.of(store.chunks, store.documents, store.meta)) {
                Reply r = store.call("DELETE", "/" + index, null);
                if (r.status() >= 300 && r.status() != 404) {
                    throw store.failure("cannot delete index " + index, r);
                }
            }
        }
    }

    @Override
    public void claimEmbeddingModel(String modelId, int dimensions) {
        ensureIndexes(dimensions);
        Reply mapping = call("GET", "/" + chunks + "/_mapping", null);
        int indexed = mapping.json().path(chunks).path("mappings").path("properties").path("embedding").path("dimension").asInt(0);
        if (indexed != dimensions) {
            throw new EmbeddingModelMismatchException("knowledge index " + chunks + " holds " + indexed
                    + "-dimensional vectors; embedding model " + modelId + " makes " + dimensions);
        }
        ObjectNode settings = JSON.createObjectNode().put("embedding_model", modelId).put("dimensions", dimensions);
        // op_type=create: the first model wins, atomically, even with two instances starting together.
        Reply created = call("PUT", "/" + meta + "/_create/settings?refresh=wait_for", settings.toString());
        if (created.status() >= 300 && created.status() != 409) {
            throw failure("cannot record the embedding model", created);
        }
        String recorded = call("GET", "/" + meta + "/_doc/settings", null).json().path("_source").path("embedding_model").asString();
        if (!recorded.equals(modelId)) {
            throw new EmbeddingModelMismatchException("knowledge index " + connection.indexPrefix() + " was built with embedding model '"
                    + recorded + "', not '" + modelId + "': re-index under a new prefix to change models");
        }
    }

    // ---- writes -----------------------------------------------------------------------------------

    /** A document identity maps to one id for ever, so identity look-ups are real-time GETs, not searches. */
    static UUID documentId(String sourceId, String externalKey) {
        return UUID.nameUUIDFromBytes((sourceId + "\u0000" + externalKey).getBytes(StandardCharsets.UTF_8));
    }

    private record Record(JsonNode source, long seqNo, long primaryTerm) {
        long generation() {
            return source.path("generation").asLong(0);
        }

        ApprovalState state() {
            return ApprovalState.valueOf(source.path("state").asString());
        }
    }

    private Optional<Record> record(UUID id) {
        Reply r = call("GET", "/" + documents + "/_doc/" + id, null);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() >= 300) {
            throw failure("cannot read knowledge document " + id, r);
        }
        JsonNode j = r.json();
        return j.path("found").asBoolean(false) ? Optional.of(new Record(j.path("_source"), j.path("_seq_no").asLong(0),
                j.path("_primary_term").asLong(0))) : Optional.empty();
    }

    @Override
    public Optional<String> contentHash(String sourceId, String externalKey) {
        return record(documentId(sourceId, externalKey)).filter(r -> r.state() != ApprovalState.RETIRED)
                .map(r -> r.source().path("content_hash").asString());
    }

    /** One document's pending change: its new record, and the generation written for it. */
    private record Pending(UUID id, ObjectNode newRecord, Record previous, long generation) {
    }

    @Override
    public List<IngestOutcome> write(List<PreparedDocument> docs, String actor, KnowledgeAuditListener listener) {
        List<IngestOutcome> outcomes = new ArrayList<>(docs.size());
        List<KnowledgeEvent> events = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        int chunkCount = docs.stream().mapToInt(d -> d.chunks().size()).sum();
        long nextChunkId = chunkCount == 0 ? 0 : reserveChunkIds(chunkCount);
        for (PreparedDocument doc : docs) {
            DocumentMetadata m = doc.metadata();
            Instant now = Instant.now();
            UUID id = documentId(m.sourceId(), m.externalKey());
            Optional<Record> previous = record(id);
            String previousHash = previous.map(p -> p.source().path("content_hash").asString()).orElse(null);
            if (previous.isPresent() && doc.leavesUnchanged(previousHash, previous.get().state())) {
                events.add(new KnowledgeEvent.DocumentUnchanged(id, m.sourceId(), m.externalKey(), previousHash, actor, now));
                outcomes.add(new IngestOutcome.Unchanged(id));
                continue;
            }
            if (doc.isUnchangedCheck()) {
                throw new ConcurrentModificationException("document " + m.sourceId() + "/" + m.externalKey()
                        + " changed while it was being uploaded again; retry the upload");
            }
            ApprovalState previousState = previous.map(Record::state).orElse(null);
            ApprovalState state = doc.stateAfterWrite(previousState);
            long generation = previous.map(Record::generation).orElse(0L) + 1;
            ObjectNode rec = JSON.createObjectNode();
            rec.put("id", id.toString()).put("source_id", m.sourceId()).put("external_key", m.externalKey())
                    .put("title", doc.title()).put("owner", m.owner()).put("version", m.version())
                    .put("language", m.language().code()).put("state", state.name())
                    .put("review_date", m.reviewDate() == null ? null : m.reviewDate().toString())
                    .put("licence_note", m.licenceNote()).put("url", m.url()).put("format", doc.format().name())
                    .put("content_hash", doc.contentHash()).put("chunk_count", doc.chunks().size())
                    .put("generation", generation)
                    .put("created_at", previous.map(p -> p.source().path("created_at").asString()).orElse(now.toString()))
                    .put("updated_at", now.toString());
            boolean stateChanged = previousState != state;
            rec.put("state_changed_by", stateChanged ? actor : previous.get().source().path("state_changed_by").asString());
            rec.put("state_changed_at", stateChanged ? now.toString() : previous.get().source().path("state_changed_at").asString());
            pending.add(new Pending(id, rec, previous.orElse(null), generation));
            String lang = m.language().code();
            for (int k = 0; k < doc.chunks().size(); k++) {
                Chunk chunk = doc.chunks().get(k);
                long chunkId = nextChunkId++;
                ObjectNode c = JSON.createObjectNode();
                c.put("chunk_id", chunkId).put("document_id", id.toString()).put("generation", generation)
                        .put("source_id", m.sourceId()).put("language", lang).put("approved", state == ApprovalState.APPROVED)
                        .put("position", chunk.position()).put("page", chunk.page())
                        .put("heading_path", chunk.headingPathText()).put("text", chunk.text())
                        // Citation data travels with the chunk: a chunk id never changes content, so a
                        // passage read from a search response stays valid (see passageCache).
                        .put("external_key", m.externalKey()).put("title", doc.title()).put("version", m.version())
                        .put("url", m.url())
                        .put("text_" + lang, chunk.text()).put("heading_" + lang, chunk.headingPathText());
                ArrayNode vector = c.putArray("embedding");
                for (float f : doc.vectors().get(k)) {
                    vector.add(f);
                }
                bulk.append("{\"index\":{\"_id\":\"").append(chunkId).append("\"}}\n").append(c).append('\n');
            }
            if (previous.isPresent()) {
                events.add(new KnowledgeEvent.DocumentReplaced(id, m.sourceId(), m.externalKey(), doc.title(), m.version(),
                        previousHash, doc.contentHash(), doc.chunks().size(), state, actor, now));
                outcomes.add(new IngestOutcome.Replaced(id, doc.chunks().size(), state));
            } else {
                events.add(new KnowledgeEvent.DocumentAdded(id, m.sourceId(), m.externalKey(), doc.title(), m.version(),
                        doc.contentHash(), doc.chunks().size(), state, actor, now));
                outcomes.add(new IngestOutcome.Added(id, doc.chunks().size(), state));
            }
        }
        try {
            if (!bulk.isEmpty()) {
                // New generations go in first; nobody sees them until their record is flipped below.
                Reply r = call("POST", "/" + chunks + "/_bulk", bulk.toString(), "application/x-ndjson");
                if (r.status() >= 300 || r.json().path("errors").asBoolean(false)) {
                    throw failure("cannot write chunks", r);
                }
                // An explicit refresh rather than refresh=wait_for: wait_for idles up to the refresh
                // interval (1 s) per call, which made bulk ingestion crawl; the chunks must be searchable
                // before their record flips, or a just-approved document would briefly have no passages.
                refresh(chunks);
            }
            // Audit before anything becomes visible: if the listener throws, the new chunks are removed below.
            for (KnowledgeEvent event : events) {
                listener.onEvent(event);
            }
        } catch (RuntimeException e) {
            deleteGenerations(pending, true);
            throw e;
        }
        List<Pending> flipped = new ArrayList<>(pending.size());
        try {
            for (Pending p : pending) {
                flip(p);
                flipped.add(p);
            }
        } finally {
            // Readers check records with real-time GETs; the refresh is for list(), which searches.
            if (!flipped.isEmpty()) {
                refresh(documents);
            }
            // Old generations are invisible now (their records point elsewhere); remove them, also when a
            // later flip of this batch failed (that document was undone in flip()).
            deleteGenerations(flipped, false);
        }
        return outcomes;
    }

    /**
     * The moment of truth: one single-document write makes the new generation the current one.
     * Optimistic concurrency (seq_no / primary term, or create-only for a new document) refuses to
     * overwrite a record that another writer changed since we read it.
     */
    private void flip(Pending p) {
        String endpoint = p.previous() == null
                ? "/" + documents + "/_create/" + p.id()
                : "/" + documents + "/_doc/" + p.id() + "?if_seq_no=" + p.previous().seqNo()
                        + "&if_primary_term=" + p.previous().primaryTerm();
        Reply r = call("PUT", endpoint, p.newRecord().toString());
        if (r.status() == 409) {
            deleteGenerations(List.of(p), true);
            throw new ConcurrentModificationException("knowledge document " + p.id() + " was changed by another writer; retry");
        }
        if (r.status() >= 300) {
            deleteGenerations(List.of(p), true);
            throw failure("cannot update knowledge document " + p.id(), r);
        }
    }

    private void refresh(String index) {
        Reply r = call("POST", "/" + index + "/_refresh", null);
        if (r.status() >= 300) {
            throw failure("cannot refresh " + index, r);
        }
    }

    /** Deletes either the new generation (undo) or everything older than it (clean-up). */
    private void deleteGenerations(List<Pending> pending, boolean newGeneration) {
        if (pending.isEmpty()) {
            return;
        }
        ArrayNode should = JSON.createArrayNode();
        for (Pending p : pending) {
            ObjectNode bool = should.addObject().putObject("bool");
            ArrayNode filter = bool.putArray("filter");
            filter.addObject().putObject("term").put("document_id", p.id().toString());
            if (newGeneration) {
                filter.addObject().putObject("term").put("generation", p.generation());
            } else {
                filter.addObject().putObject("range").putObject("generation").put("lt", p.generation());
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("query").putObject("bool").set("should", should);
        Reply r = call("POST", "/" + chunks + "/_delete_by_query?refresh=true&conflicts=proceed", body.toString());
        if (r.status() >= 300) {
            throw failure("cannot delete old chunks", r);
        }
    }

    /**
     * Chunk ids are longs (as in PostgreSQL); a counter document hands out blocks of them. The
     * compare-and-set on the counter's sequence number makes blocks unique across instances.
     */
    private long reserveChunkIds(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Reply current = call("GET", "/" + meta + "/_doc/chunk_ids", null);
            long next;
            String endpoint;
            if (current.status() == 404 || !current.json().path("found").asBoolean(false)) {
                next = 1;
                endpoint = "/" + meta + "/_create/chunk_ids";
            } else if (current.status() < 300) {
                next = current.json().path("_source").path("next").asLong(0);
                endpoint = "/" + meta + "/_doc/chunk_ids?if_seq_no=" + current.json().path("_seq_no").asLong(0)
                        + "&if_primary_term=" + current.json().path("_primary_term").asLong(0);
            } else {
                throw failure("cannot read the chunk id counter", current);
            }
            Reply r = call("PUT", endpoint, JSON.createObjectNode().put("next", next + count).toString());
            if (r.status() < 300) {
                return next;
            }
            if (r.status() != 409) {
                throw failure("cannot reserve chunk ids", r);
            }
        }
        throw new ConcurrentModificationException("could not reserve chunk ids: too many concurrent writers");
    }

    @Override
    public KnowledgeDocument changeState(UUID documentId, ApprovalState to, String actor, KnowledgeAuditListener listener) {
        Record before = record(documentId).orElseThrow(() -> new NoSuchElementException("no knowledge document " + documentId));
        if (before.state() == to) {
            return toDocument(before.source());
        }
        if (before.state() == ApprovalState.RETIRED && to == ApprovalState.APPROVED) {
            throw new IllegalStateException("document " + documentId + " is retired; upload it again to bring it back");
        }
        Instant now = Instant.now();
        boolean approving = to == ApprovalState.APPROVED;
        if (approving) {
            // The chunks' filter flag first (still invisible: the record says not approved), so that
            // they are searchable the moment the record flips.
            setApprovedFlag(documentId, before.generation(), true);
        }
        try {
            listener.onEvent(new KnowledgeEvent.DocumentStateChanged(documentId, before.source().path("source_id").asString(),
                    text(before.source(), "title"), before.state(), to, actor, now));
            ObjectNode updated = ((ObjectNode) before.source()).deepCopy();
            updated.put("state", to.name()).put("state_changed_by", actor).put("state_changed_at", now.toString());
            Reply r = call("PUT", "/" + documents + "/_doc/" + documentId + "?refresh=true&if_seq_no=" + before.seqNo()
                    + "&if_primary_term=" + before.primaryTerm(), updated.toString());
            if (r.status() == 409) {
                throw new ConcurrentModificationException("knowledge document " + documentId + " was changed by another writer; retry");
            }
            if (r.status() >= 300) {
                throw failure("cannot change the state of document " + documentId, r);
            }
        } catch (RuntimeException e) {
            if (approving) {
                setApprovedFlag(documentId, before.generation(), false);
            }
            throw e;
        }
        if (!approving && before.state() == ApprovalState.APPROVED) {
            // Already invisible through the record; the flag only keeps the filter tight.
            setApprovedFlag(documentId, before.generation(), false);
        }
        return find(documentId).orElseThrow();
    }

    private void setApprovedFlag(UUID documentId, long generation, boolean approved) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("document_id", documentId.toString());
        filter.addObject().putObject("term").put("generation", generation);
        body.putObject("script").put("lang", "painless").put("source", "ctx._source.approved = params.approved")
                .putObject("params").put("approved", approved);
        Reply r = call("POST", "/" + chunks + "/_update_by_query?refresh=true&conflicts=proceed", body.toString());
        if (r.status() >= 300) {
            throw failure("cannot update the chunks of document " + documentId, r);
        }
    }

    // ---- management reads -------------------------------------------------------------------------

    @Override
    public List<KnowledgeDocument> list(DocumentFilter filter) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", PAGE);
        ArrayNode must = body.putObject("query").putObject("bool").putArray("filter");
        if (filter.sourceId() != null) {
            must.addObject().putObject("term").put("source_id", filter.sourceId());
        }
        if (filter.state() != null) {
            must.addObject().putObject("term").put("state", filter.state().name());
        }
        ArrayNode sort = body.putArray("sort");
        for (String field : List.of("source_id", "title", "external_key", "id")) {
            sort.addObject().put(field, "asc");
        }
        List<KnowledgeDocument> out = new ArrayList<>();
        while (true) {
            Reply r = call("POST", "/" + documents + "/_search", body.toString());
            if (r.status() >= 300) {
                throw failure("cannot list knowledge documents", r);
            }
            JsonNode hits = r.json().path("hits").path("hits");
            for (JsonNode hit : hits) {
                out.add(toDocument(hit.path("_source")));
            }
            if (hits.size() < PAGE) {
                return out;
            }
            body.set("search_after", hits.get(hits.size() - 1).path("sort"));
        }
    }

    @Override
    public Optional<KnowledgeDocument> find(UUID documentId) {
        return record(documentId).map(r -> toDocument(r.source()));
    }

    private static KnowledgeDocument toDocument(JsonNode s) {
        String review = text(s, "review_date");
        return new KnowledgeDocument(UUID.fromString(s.path("id").asString()), s.path("source_id").asString(),
                s.path("external_key").asString(), text(s, "title"), text(s, "owner"), text(s, "version"),
                Language.fromCode(s.path("language").asString()), ApprovalState.valueOf(s.path("state").asString()),
                review == null ? null : LocalDate.parse(review), text(s, "licence_note"), text(s, "url"),
                DocumentFormat.valueOf(s.path("format").asString()), s.path("content_hash").asString(),
                s.path("chunk_count").asInt(0), Instant.parse(s.path("created_at").asString()),
                Instant.parse(s.path("updated_at").asString()), text(s, "state_changed_by"),
                Instant.parse(s.path("state_changed_at").asString()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    // ---- search -----------------------------------------------------------------------------------

    /**
     * BM25 over the fields of the allowed languages: each chunk has only its own language's fields,
     * and each field is analysed with its language's analyser, so a Dutch chunk is matched with
     * Dutch stemming and an English one with English stemming. {@code most_fields} adds the heading
     * score to the body score (OR semantics, as natural questions need).
     */
    @Override
    public List<ChunkHit> lexical(String query, int limit, Set<String> sources, Set<Language> languages) {
        if ((sources != null && sources.isEmpty()) || query == null || query.isBlank()) {
            return List.of();
        }
        ObjectNode multiMatch = JSON.createObjectNode();
        ObjectNode mm = multiMatch.putObject("multi_match");
        mm.put("query", query).put("type", "most_fields").put("operator", "or");
        ArrayNode fields = mm.putArray("fields");
        for (Language lang : languages == null ? Set.of(Language.values()) : languages) {
            fields.add("text_" + lang.code()).add("heading_" + lang.code() + "^" + HEADING_BOOST);
        }
        if (fields.isEmpty()) {
            return List.of();
        }
        return search(limit, size -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", size).set("_source", SOURCE_FIELDS);
            ObjectNode bool = body.putObject("query").putObject("bool");
            bool.putArray("must").add(multiMatch);
            bool.set("filter", filters(sources, languages));
            return body;
        }, score -> score);
    }

    /**
     * HNSW k-NN with the filters inside the k-NN query (Lucene's filtered search keeps walking the
     * graph until enough chunks pass them, so filters never starve the result).
     */
    @Override
    public List<ChunkHit> dense(float[] queryVector, int limit, Set<String> sources, Set<Language> languages) {
        if (sources != null && sources.isEmpty()) {
            return List.of();
        }
        return search(limit, size -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", size).set("_source", SOURCE_FIELDS);
            ObjectNode knn = body.putObject("query").putObject("knn").putObject("embedding");
            ArrayNode vector = knn.putArray("vector");
            for (float f : queryVector) {
                vector.add(f);
            }
            knn.put("k", Math.max(size, efSearch));
            knn.set("filter", JSON.createObjectNode().set("bool", JSON.createObjectNode().set("filter", filters(sources, languages))));
            return body;
        }, score -> 2 * score - 1); // Lucene cosinesimil scores are (1 + cos) / 2; report the cosine as PostgreSQL does.
    }

    private static ArrayNode filters(Set<String> sources, Set<Language> languages) {
        ArrayNode filter = JSON.createArrayNode();
        filter.addObject().putObject("term").put("approved", true);
        if (sources != null) {
            ArrayNode terms = filter.addObject().putObject("terms").putArray("source_id");
            sources.forEach(terms::add);
        }
        if (languages != null) {
            ArrayNode terms = filter.addObject().putObject("terms").putArray("language");
            languages.forEach(l -> terms.add(l.code()));
        }
        return filter;
    }

    /**
     * Runs a search, keeps only hits whose document is approved and at the hit's generation (the
     * record is the truth, read real-time), and over-fetches a little for what that drops; if still
     * short while more hits exist, fetches again with a larger size.
     */
    private List<ChunkHit> search(int limit, java.util.function.IntFunction<ObjectNode> bodyOfSize,
                                  java.util.function.DoubleUnaryOperator toScore) {
        int size = limit + Math.max(10, limit / 4);
        int staleRetries = 0;
        while (true) {
            Reply r = call("POST", "/" + chunks + "/_search", bodyOfSize.apply(size).toString());
            if (r.status() >= 300) {
                throw failure("search failed", r);
            }
            JsonNode hits = r.json().path("hits").path("hits");
            Map<String, Long> current = currentGenerations(hitDocumentIds(hits));
            // The search saw the index at one moment, the records are read a moment later. If a record
            // flipped in between, the search may hold only the old generation of that document (the new
            // one was not yet refreshed when it ran): dropping those hits would show neither version, so
            // search again; the new generation was refreshed before the flip and will be there.
            if (staleRetries < 3 && behindTheirRecord(hits, current)) {
                staleRetries++;
                continue;
            }
            List<ChunkHit> out = new ArrayList<>();
            for (JsonNode hit : hits) {
                JsonNode c = hit.path("_source");
                Long generation = current.get(c.path("document_id").asString());
                if (generation != null && generation == c.path("generation").asLong(0)) {
                    long chunkId = c.path("chunk_id").asLong(0);
                    passageCache.put(chunkId, new CachedPassage(c.path("document_id").asString(), c.path("generation").asLong(0),
                            passage(c)));
                    out.add(new ChunkHit(chunkId, toScore.applyAsDouble(hit.path("_score").asDouble(0))));
                    if (out.size() == limit) {
                        return out;
                    }
                }
            }
            if (hits.size() < size || size >= 10_000) {
                return out;
            }
            size = Math.min(10_000, size * 2);
        }
    }

    /** True when some document has hits only of a generation older than its record's. */
    private static boolean behindTheirRecord(JsonNode hits, Map<String, Long> current) {
        Set<String> behind = new LinkedHashSet<>();
        Set<String> atCurrent = new LinkedHashSet<>();
        for (JsonNode hit : hits) {
            String documentId = hit.path("_source").path("document_id").asString();
            Long generation = current.get(documentId);
            long hitGeneration = hit.path("_source").path("generation").asLong(0);
            if (generation != null && hitGeneration < generation) {
                behind.add(documentId);
            } else if (generation != null && hitGeneration == generation) {
                atCurrent.add(documentId);
            }
        }
        behind.removeAll(atCurrent);
        return !behind.isEmpty();
    }

    private static Set<String> hitDocumentIds(JsonNode hits) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode hit : hits) {
            ids.add(hit.path("_source").path("document_id").asString());
        }
        return ids;
    }

    /** Current generation of each approved document among these ids (real-time multi-get). */
    private Map<String, Long> currentGenerations(Collection<String> documentIds) {
        Map<String, Long> out = new HashMap<>();
        for (JsonNode doc : mget(documents, documentIds, "state,generation")) {
            JsonNode s = doc.path("_source");
            if ("APPROVED".equals(s.path("state").asString())) {
                out.put(doc.path("_id").asString(), s.path("generation").asLong(0));
            }
        }
        return out;
    }

    private List<JsonNode> mget(String index, Collection<String> ids, String sourceIncludes) {
        if (ids.isEmpty()) {
            return List.of();
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode idArray = body.putArray("ids");
        ids.forEach(idArray::add);
        Reply r = call("POST", "/" + index + "/_mget" + (sourceIncludes == null ? "" : "?_source_includes=" + sourceIncludes),
                body.toString());
        if (r.status() >= 300) {
            throw failure("cannot read " + index, r);
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode doc : r.json().path("docs")) {
            if (doc.path("found").asBoolean(false)) {
                out.add(doc);
            }
        }
        return out;
    }

    @Override
    public void refreshStatisticsIfStale() {
        // BM25 keeps its own term statistics per segment: nothing to maintain.
    }

    /**
     * Citation data of these chunks, for documents that are approved right now (a retire is honoured
     * at once). A chunk id never changes content, so passages seen in the search response are taken
     * from {@link #passageCache}: if the document was replaced between the search and this call, its
     * old generation may already be deleted, and reading it again would show neither version. A chunk
     * of a generation newer than the record's is never returned (not yet flipped).
     */
    @Override
    public Map<Long, RetrievedPassage> passages(Collection<Long> chunkIds) {
        if (chunkIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, CachedPassage> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Long id : chunkIds) {
            CachedPassage cached = passageCache.get(id);
            if (cached != null) {
                found.put(id, cached);
            } else {
                missing.add(String.valueOf(id));
            }
        }
        for (JsonNode doc : mget(chunks, missing, String.join(",", SOURCE_FIELD_NAMES))) {
            JsonNode c = doc.path("_source");
            found.put(c.path("chunk_id").asLong(0), new CachedPassage(c.path("document_id").asString(), c.path("generation").asLong(0),
                    passage(c)));
        }
        Set<String> documentIds = new LinkedHashSet<>();
        found.values().forEach(p -> documentIds.add(p.documentId()));
        Map<String, Long> current = currentGenerations(documentIds);
        Map<Long, RetrievedPassage> out = new LinkedHashMap<>();
        for (var e : found.entrySet()) {
            Long generation = current.get(e.getValue().documentId());
            // Only the current generation: hybrid ranks with two searches, and one may have seen the old
            // version while the other saw the new. A chunk left out here makes the knowledge base search
            // again (KnowledgeBase#search), so a reader never gets both versions, nor neither.
            if (generation != null && e.getValue().generation() == generation) {
                out.put(e.getKey(), e.getValue().passage());
            }
        }
        return out;
    }

    private record CachedPassage(String documentId, long generation, RetrievedPassage passage) {
    }

    private static final List<String> SOURCE_FIELD_NAMES = List.of("chunk_id", "document_id", "generation", "source_id",
            "external_key", "title", "version", "url", "language", "heading_path", "text", "page");
    private static final ArrayNode SOURCE_FIELDS = JSON.createArrayNode();

    static {
        SOURCE_FIELD_NAMES.forEach(SOURCE_FIELDS::add);
    }

    /** Recently searched passages by chunk id; chunk content is immutable, so entries never go stale. */
    private final Map<Long, CachedPassage> passageCache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, CachedPassage> eldest) {
                    return size() > 5_000;
                }
            });

    private static RetrievedPassage passage(JsonNode c) {
        String url = text(c, "url");
        int page = c.path("page").asInt(0);
        String location = page > 0 ? (url == null ? "" : url) + "#page=" + page : url;
        return new RetrievedPassage(UUID.fromString(c.path("document_id").asString()), c.path("chunk_id").asLong(0),
                c.path("source_id").asString(), c.path("external_key").asString(), text(c, "title"),
                c.path("heading_path").asString(), text(c, "version"), location, Language.fromCode(c.path("language").asString()),
                c.path("text").asString(), 0);
    }

    // ---- HTTP -------------------------------------------------------------------------------------

    private record Reply(int status, String text) {
        JsonNode json() {
            try {
                return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (RuntimeException notJson) {
                return JSON.createObjectNode();
            }
        }
    }

    private Reply call(String method, String endpoint, String jsonBody) {
        return call(method, endpoint, jsonBody, "application/json");
    }

    private Reply call(String method, String endpoint, String body, String contentType) {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.body(Body.from(body.getBytes(StandardCharsets.UTF_8), contentType));
        }
        try (Response response = client.execute(request.build())) {
            return new Reply(response.getStatus(), response.getBody().map(Body::bodyAsString).orElse(""));
        } catch (ResponseException e) {
            // Some statuses (5xx) come back as exceptions from the transport rather than as a response.
            return new Reply(e.status(), e.getMessage() == null ? "" : e.getMessage());
        } catch (IOException e) {
            throw new KnowledgeStoreException("OpenSearch at " + connection.urls() + " is unreachable or failed ("
                    + method + " " + endpoint.replaceAll("\\?.*", "") + ")", e);
        }
    }

    private KnowledgeStoreException failure(String what, Reply reply) {
        String detail = reply.text().length() > 500 ? reply.text().substring(0, 500) + "..." : reply.text();
        return new KnowledgeStoreException(what + " in OpenSearch " + connection.urls(),
                new IOException("HTTP " + reply.status() + ": " + detail));
    }

    /** For tests and diagnostics: the node URLs this store talks to. */
    public List<URI> urls() {
        return connection.urls();
    }
}
