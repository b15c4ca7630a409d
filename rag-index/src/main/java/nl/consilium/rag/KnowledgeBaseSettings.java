package nl.consilium.rag;

/**
 * @param schema            database schema of the knowledge base
 * @param maxChunkWords     chunk budget in words (heading path not counted)
 * @param maxDocumentBytes  larger files are refused
 * @param embeddingBatch    chunks embedded per batch during bulk ingestion (also the memory bound)
 * @param candidates        candidates taken from each side before fusion
 * @param efSearch          HNSW search breadth (pgvector hnsw.ef_search)
 */
public record KnowledgeBaseSettings(String schema, int maxChunkWords, long maxDocumentBytes, int embeddingBatch,
                                    int candidates, int efSearch) {

    public KnowledgeBaseSettings {
        KnowledgeSchema.requireIdentifier(schema);
        if (maxChunkWords < 10 || maxDocumentBytes < 1 || embeddingBatch < 1 || candidates < 1 || efSearch < 1) {
            throw new IllegalArgumentException("knowledge base settings must be positive (chunk words at least 10)");
        }
    }

    public static KnowledgeBaseSettings defaults() {
        return new KnowledgeBaseSettings(KnowledgeSchema.DEFAULT_SCHEMA, 80, DocumentUpload.DEFAULT_MAX_BYTES, 64, 60, 80);
    }

    public KnowledgeBaseSettings withSchema(String newSchema) {
        return new KnowledgeBaseSettings(newSchema, maxChunkWords, maxDocumentBytes, embeddingBatch, candidates, efSearch);
    }

    public KnowledgeBaseSettings withMaxChunkWords(int words) {
        return new KnowledgeBaseSettings(schema, words, maxDocumentBytes, embeddingBatch, candidates, efSearch);
    }

    public KnowledgeBaseSettings withMaxDocumentBytes(long bytes) {
        return new KnowledgeBaseSettings(schema, maxChunkWords, bytes, embeddingBatch, candidates, efSearch);
    }
}
