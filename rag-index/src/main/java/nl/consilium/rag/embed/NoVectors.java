package nl.consilium.rag.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * For a lexical-only evaluation: the index needs a vector per passage, but lexical ranking never
 * reads them, so embedding a whole corpus with the real model (minutes for a public BEIR set on 2
 * cores) would change nothing but the time. Every vector is the same unit vector; the model id says
 * so in the report. Never for a knowledge base that answers questions.
 */
public final class NoVectors extends AbstractKnowledgeEmbeddingModel {

    public static final String MODEL_ID = "none (lexical evaluation: vectors unused)";

    private final int dimensions;

    public NoVectors(int dimensions) {
        this.dimensions = dimensions;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public float[] embedQuery(String query) {
        throw new IllegalStateException("a lexical-only evaluation index has no meaningful vectors to search");
    }

    @Override
    protected List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] v = new float[dimensions];
            v[0] = 1f;
            out.add(v);
        }
        return out;
    }
}
