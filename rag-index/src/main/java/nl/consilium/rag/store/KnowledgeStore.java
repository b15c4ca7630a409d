package nl.consilium.rag.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentFilter;
import nl.consilium.rag.IngestOutcome;
import nl.consilium.rag.KnowledgeAuditListener;
import nl.consilium.rag.KnowledgeDocument;
import nl.consilium.rag.Language;
import nl.consilium.rag.RetrievedPassage;

/** What the knowledge base needs from an engine (PostgreSQL, OpenSearch). */
public interface KnowledgeStore extends AutoCloseable {

    /** Records the embedding model on first use; refuses a different one afterwards. */
    void claimEmbeddingModel(String modelId, int dimensions);

    /** Content hash of the document with this identity, if present. */
    Optional<String> contentHash(String sourceId, String externalKey);

    /** Writes each document atomically (all of them in one transaction), raising audit events before commit. */
    List<IngestOutcome> write(List<PreparedDocument> documents, String actor, KnowledgeAuditListener listener);

    KnowledgeDocument changeState(UUID documentId, ApprovalState to, String actor, KnowledgeAuditListener listener);

    List<KnowledgeDocument> list(DocumentFilter filter);

    Optional<KnowledgeDocument> find(UUID documentId);

    List<ChunkHit> lexical(String query, int limit, Set<String> sources, Set<Language> languages);

    List<ChunkHit> dense(float[] queryVector, int limit, Set<String> sources, Set<Language> languages);

    /** Recomputes search statistics when the approved content has changed substantially; cheap otherwise. */
    void refreshStatisticsIfStale();

    /** Citation data of these chunks (approved only), keyed by chunk id. */
    Map<Long, RetrievedPassage> passages(Collection<Long> chunkIds);

    /** Releases connections the engine holds (the OpenSearch client); nothing for a pooled DataSource. */
    @Override
    default void close() {
    }
}
