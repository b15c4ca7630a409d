package nl.consilium.rag;

import nl.consilium.rag.embed.BundledBgeEmbeddingModel;
import nl.consilium.rag.embed.OpenAiCompatibleEmbeddingModel;

/** Factories for the embedding models the knowledge base supports. */
public final class EmbeddingModels {

    private EmbeddingModels() {
    }

    /**
     * bge-small-en-v1.5 (quantized, 384 dimensions) from the LangChain4j ONNX jar: model, tokenizer and
     * runtime ship inside the Maven artifact, nothing is downloaded. Runs on a bounded pool of
     * {@code threads} workers (each single-threaded inside ONNX, so the pool size is the CPU budget).
     */
    public static KnowledgeEmbeddingModel bundled(int threads) {
        return new BundledBgeEmbeddingModel(threads);
    }

    /** The bundled model with one worker per available processor. */
    public static KnowledgeEmbeddingModel bundled() {
        return bundled(Runtime.getRuntime().availableProcessors());
    }

    /** A configured OpenAI-compatible endpoint (a hospital's own, e.g. multilingual, model). */
    public static KnowledgeEmbeddingModel openAiCompatible(OpenAiCompatibleEmbeddingSettings settings) {
        return new OpenAiCompatibleEmbeddingModel(settings);
    }
}
