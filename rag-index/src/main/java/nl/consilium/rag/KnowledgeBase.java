package nl.consilium.rag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import nl.consilium.rag.chunk.Chunk;
import nl.consilium.rag.chunk.SectionChunker;
import nl.consilium.rag.ingest.DocumentParsers;
import nl.consilium.rag.ingest.ParsedDocument;
import nl.consilium.rag.retrieve.ReciprocalRankFusion;
import nl.consilium.rag.store.ChunkHit;
import nl.consilium.rag.store.KnowledgeStore;
import nl.consilium.rag.store.PreparedDocument;
import nl.consilium.rag.store.opensearch.OpenSearchKnowledgeStore;
import nl.consilium.rag.store.postgres.PostgresKnowledgeStore;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * The curated knowledge base: management (ingest, approve, retire, list) for IT, and hybrid search
 * with citations for the chat pipeline. Thread-safe.
 */
public final class KnowledgeBase implements AutoCloseable {

    private final KnowledgeStore store;
    private final KnowledgeEmbeddingModel embeddings;
    private final KnowledgeAuditListener audit;
    private final KnowledgeBaseSettings settings;
    private final SectionChunker chunker;
    private final ExecutorService searchThreads = Executors.newVirtualThreadPerTaskExecutor();

    private KnowledgeBase(KnowledgeStore store, KnowledgeEmbeddingModel embeddings, KnowledgeAuditListener audit,
                          KnowledgeBaseSettings settings) {
        this.store = store;
        this.embeddings = embeddings;
        this.audit = Objects.requireNonNull(audit, "audit listener (use KnowledgeAuditListener.NONE explicitly)");
        this.settings = settings;
        this.chunker = new SectionChunker(settings.maxChunkWords());
        store.claimEmbeddingModel(embeddings.modelId(), embeddings.dimensions());
    }

    /**
     * A knowledge base on PostgreSQL. The schema must have been migrated with
     * {@link KnowledgeSchema#migrate(DataSource, String, int)}; the embedding model is recorded on
     * first use and a different one is refused with {@link EmbeddingModelMismatchException}.
     */
    public static KnowledgeBase postgres(DataSource dataSource, KnowledgeEmbeddingModel embeddings,
                                         KnowledgeAuditListener audit, KnowledgeBaseSettings settings) {
        return new KnowledgeBase(new PostgresKnowledgeStore(dataSource, settings.schema(), settings.efSearch()),
                embeddings, audit, settings);
    }

    /**
     * A knowledge base on OpenSearch (BM25 with Dutch/English analysers, k-NN HNSW with the
     * {@code lucene} engine; needs the k-NN plugin on the cluster). The indexes
     * {@code PREFIX-documents}, {@code PREFIX-chunks} and {@code PREFIX-meta} are created if missing;
     * the embedding model is recorded on first use and a different one is refused with
     * {@link EmbeddingModelMismatchException}. {@link KnowledgeBaseSettings#schema()} is not used.
     *
     * @throws KnowledgeStoreException when the cluster cannot be reached
     */
    public static KnowledgeBase opensearch(OpenSearchConnection connection, KnowledgeEmbeddingModel embeddings,
                                           KnowledgeAuditListener audit, KnowledgeBaseSettings settings) {
        OpenSearchKnowledgeStore store = new OpenSearchKnowledgeStore(connection, settings.efSearch());
        try {
            return new KnowledgeBase(store, embeddings, audit, settings);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Deletes the indexes of an OpenSearch knowledge base (evaluations, tests). Refuses the default
     * production prefix {@link OpenSearchConnection#DEFAULT_INDEX_PREFIX}.
     */
    public static void dropOpenSearchIndexes(OpenSearchConnection connection) {
        OpenSearchKnowledgeStore.drop(connection);
    }

    public KnowledgeBaseSettings settings() {
        return settings;
    }

    // ---- management -------------------------------------------------------------------------------

    /**
     * Ingests one document: unchanged content is a no-op, changed content replaces the old chunks in
     * one transaction. A bad file throws {@link IngestionException} and leaves the index unchanged.
     */
    public IngestOutcome ingest(DocumentUpload upload, String actor) {
        Prepared prepared = prepare(upload, actor);
        if (prepared.unchanged != null) {
            return store.write(List.of(prepared.unchanged), actor, audit).getFirst();
        }
        embed(List.of(prepared.document));
        IngestOutcome outcome = store.write(List.of(prepared.document.toPrepared()), actor, audit).getFirst();
        store.refreshStatisticsIfStale();
        return outcome;
    }

    /**
     * Streams many documents in bounded batches (memory stays flat however large the corpus): refused
     * files are reported and skipped, every other document goes in.
     */
    public BulkIngestReport ingestAll(Iterator<DocumentUpload> uploads, String actor) {
        long start = System.nanoTime();
        int[] counts = new int[3];
        long chunks = 0;
        List<BulkIngestReport.Rejection> rejected = new ArrayList<>();
        List<Pending> batch = new ArrayList<>();
        List<PreparedDocument> unchanged = new ArrayList<>();
        Set<String> keysInBatch = new HashSet<>();
        int batchChunks = 0;
        while (uploads.hasNext()) {
            DocumentUpload upload = uploads.next();
            String key = upload.metadata().sourceId() + "\u0000" + upload.metadata().externalKey();
            if (keysInBatch.contains(key)) {
                chunks += flush(batch, unchanged, actor, counts);
                keysInBatch.clear();
                batchChunks = 0;
            }
            Prepared prepared;
            try {
                prepared = prepare(upload, actor);
            } catch (IngestionException e) {
                rejected.add(new BulkIngestReport.Rejection(upload.metadata().sourceId(), upload.metadata().externalKey(),
                        e.reason(), e.getMessage()));
                continue;
            }
            keysInBatch.add(key);
            if (prepared.unchanged != null) {
                unchanged.add(prepared.unchanged);
            } else {
                batch.add(prepared.document);
                batchChunks += prepared.document.chunks.size();
            }
            // Several embedding batches per flush keep the whole pool busy; one flush is the memory bound.
            if (batchChunks >= settings.embeddingBatch() * 4 || unchanged.size() >= 1000) {
                chunks += flush(batch, unchanged, actor, counts);
                keysInBatch.clear();
                batchChunks = 0;
            }
        }
        chunks += flush(batch, unchanged, actor, counts);
        store.refreshStatisticsIfStale();
        return new BulkIngestReport(counts[0], counts[1], counts[2], chunks, rejected, (System.nanoTime() - start) / 1e9);
    }

    private long flush(List<Pending> batch, List<PreparedDocument> unchanged, String actor, int[] counts) {
        long chunks = 0;
        List<PreparedDocument> writes = new ArrayList<>(unchanged);
        if (!batch.isEmpty()) {
            embed(batch);
            for (Pending p : batch) {
                writes.add(p.toPrepared());
                chunks += p.chunks.size();
            }
        }
        if (!writes.isEmpty()) {
            for (IngestOutcome outcome : store.write(writes, actor, audit)) {
                switch (outcome) {
                    case IngestOutcome.Added a -> counts[0]++;
                    case IngestOutcome.Replaced r -> counts[1]++;
                    case IngestOutcome.Unchanged u -> counts[2]++;
                }
            }
        }
        batch.clear();
        unchanged.clear();
        return chunks;
    }

    public KnowledgeDocument approve(UUID documentId, String actor) {
        KnowledgeDocument document = store.changeState(documentId, ApprovalState.APPROVED, actor, audit);
        store.refreshStatisticsIfStale();
        return document;
    }

    /** Takes a document out of every answer from the moment this returns. */
    public KnowledgeDocument retire(UUID documentId, String actor) {
        KnowledgeDocument document = store.changeState(documentId, ApprovalState.RETIRED, actor, audit);
        store.refreshStatisticsIfStale();
        return document;
    }

    /**
     * Recomputes lexical statistics if approved content changed by more than 10 % since the last time.
     * Ingest, approve and retire call this themselves; call it after writing to the schema by other means.
     */
    public void refreshSearchStatistics() {
        store.refreshStatisticsIfStale();
    }

    public List<KnowledgeDocument> list(DocumentFilter filter) {
        return store.list(filter);
    }

    public Optional<KnowledgeDocument> find(UUID documentId) {
        return store.find(documentId);
    }

    // ---- retrieval --------------------------------------------------------------------------------

    /** Best passages of approved documents, best first, with citation data. */
    public List<RetrievedPassage> search(SearchRequest request) {
        // The query is embedded once, however often the search runs.
        java.util.function.Supplier<float[]> vector = new java.util.function.Supplier<>() {
            private float[] v;

            @Override
            public synchronized float[] get() {
                if (v == null) {
                    v = embeddings.embedQuery(request.query());
                }
                return v;
            }
        };
        for (int attempt = 1; ; attempt++) {
            List<ChunkHit> ranked = rank(request, vector);
            Map<Long, RetrievedPassage> passages = store.passages(ranked.stream().map(ChunkHit::chunkId).toList());
            // A ranked chunk that can no longer be read was replaced or retired after it was ranked. Its
            // replacement may not be in this ranking (the search saw the old version, the read sees the new),
            // so the document would vanish from the answer: search again, on the new state.
            if (passages.size() < ranked.size() && attempt < SEARCH_ATTEMPTS) {
                continue;
            }
            List<RetrievedPassage> out = new ArrayList<>(ranked.size());
            for (ChunkHit hit : ranked) {
                RetrievedPassage p = passages.get(hit.chunkId());
                if (p != null) {
                    out.add(p.withScore(hit.score()));
                }
            }
            return out;
        }
    }

    /** A search sees the knowledge base change under it at most this often before it answers with what it read. */
    private static final int SEARCH_ATTEMPTS = 3;

    private List<ChunkHit> rank(SearchRequest request, java.util.function.Supplier<float[]> vector) {
        return switch (request.mode()) {
            case LEXICAL -> store.lexical(request.query(), request.topK(), request.allowedSources(), request.languages());
            case DENSE -> store.dense(vector.get(), request.topK(), request.allowedSources(), request.languages());
            case HYBRID -> {
                int candidates = Math.max(settings.candidates(), request.topK());
                // The lexical query runs in the database while the query is being embedded here.
                CompletableFuture<List<ChunkHit>> lexical = CompletableFuture.supplyAsync(() -> store.lexical(
                        request.query(), candidates, request.allowedSources(), request.languages()), searchThreads);
                List<ChunkHit> dense = store.dense(vector.get(), candidates, request.allowedSources(), request.languages());
                try {
                    yield ReciprocalRankFusion.fuse(request.topK(), lexical.join(), dense);
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        };
    }

    /**
     * Spring AI retriever for the chat pipeline, restricted to the application's allowed knowledge
     * sources (from the policy).
     */
    public DocumentRetriever retriever(Set<String> allowedSources, int topK) {
        return new KnowledgeRetriever(this, allowedSources, topK);
    }

    @Override
    public void close() {
        searchThreads.close();
        store.close();
    }

    // ---- preparation ------------------------------------------------------------------------------

    private record Prepared(Pending document, PreparedDocument unchanged) {
    }

    private static final class Pending {
        final DocumentUpload upload;
        final String title;
        final String hash;
        final List<Chunk> chunks;
        List<float[]> vectors;

        Pending(DocumentUpload upload, String title, String hash, List<Chunk> chunks) {
            this.upload = upload;
            this.title = title;
            this.hash = hash;
            this.chunks = chunks;
        }

        PreparedDocument toPrepared() {
            return new PreparedDocument(upload.metadata(), title, upload.format(), hash, upload.requestedState(), chunks, vectors);
        }
    }

    private Prepared prepare(DocumentUpload upload, String actor) {
        DocumentMetadata m = upload.metadata();
        try {
            String hash = hash(upload);
            if (store.contentHash(m.sourceId(), m.externalKey()).filter(hash::equals).isPresent()) {
                // Let the store confirm under lock and raise the audit event.
                return new Prepared(null, PreparedDocument.unchangedCheck(m, upload.format(), hash));
            }
            ParsedDocument parsed = DocumentParsers.parse(upload.format(), upload.content(), m.externalKey(), settings.maxDocumentBytes());
            String title = m.title() != null ? m.title() : parsed.title() != null ? parsed.title() : m.externalKey();
            List<Chunk> chunks = chunker.chunk(parsed, title);
            return new Prepared(new Pending(upload, title, hash, chunks), null);
        } catch (IngestionException e) {
            audit.onEvent(new KnowledgeEvent.DocumentRejected(m.sourceId(), m.externalKey(), e.reason(), e.getMessage(), actor, Instant.now()));
            throw e;
        }
    }

    private void embed(List<Pending> documents) {
        List<String> texts = new ArrayList<>();
        for (Pending p : documents) {
            p.chunks.forEach(c -> texts.add(c.embeddingText()));
        }
        List<float[]> vectors = embeddings.embed(texts);
        if (vectors.size() != texts.size()) {
            throw new EmbeddingEndpointException("embedding model returned " + vectors.size() + " vectors for " + texts.size() + " passages", null);
        }
        int i = 0;
        for (Pending p : documents) {
            p.vectors = new ArrayList<>(vectors.subList(i, i + p.chunks.size()));
            i += p.chunks.size();
        }
    }

    /** Hash of content and the metadata shown in citations: a correction of either is applied, nothing else is. */
    private static String hash(DocumentUpload upload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            DocumentMetadata m = upload.metadata();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("format", upload.format());
            fields.put("title", m.title());
            fields.put("owner", m.owner());
            fields.put("version", m.version());
            fields.put("language", m.language());
            fields.put("review", m.reviewDate());
            fields.put("licence", m.licenceNote());
            fields.put("url", m.url());
            sha.update(fields.toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(upload.content());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
