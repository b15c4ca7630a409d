package nl.consilium.rag;

import java.util.List;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * A Spring AI {@link EmbeddingModel} that also knows the asymmetric query side and names itself, so
 * that an index can record which model made its vectors and refuse to mix models.
 * {@link #embed(List)} and {@link #call} embed passages; {@link #embedQuery(String)} embeds a search query.
 */
public interface KnowledgeEmbeddingModel extends EmbeddingModel, AutoCloseable {

    /** Stable identity of the model and its settings that change vectors (e.g. "bge-small-en-v1.5-q"). */
    String modelId();

    @Override
    int dimensions();

    float[] embedQuery(String query);

    @Override
    default void close() {
    }
}
