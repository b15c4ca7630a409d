package nl.consilium.rag.embed;

import java.util.ArrayList;
import java.util.List;
import nl.consilium.rag.KnowledgeEmbeddingModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/** Spring AI plumbing shared by the embedding models: requests and documents are passages. */
abstract class AbstractKnowledgeEmbeddingModel implements KnowledgeEmbeddingModel {

    /** Embeds passages (no query instruction), in input order. */
    protected abstract List<float[]> embedPassages(List<String> texts);

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<float[]> vectors = embedPassages(request.getInstructions());
        List<Embedding> embeddings = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            embeddings.add(new Embedding(vectors.get(i), i));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return embedPassages(List.of(getEmbeddingContent(document))).getFirst();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return embedPassages(texts);
    }

    @Override
    public float[] embed(String text) {
        return embedPassages(List.of(text)).getFirst();
    }
}
