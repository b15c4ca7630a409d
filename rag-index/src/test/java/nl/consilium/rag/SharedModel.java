package nl.consilium.rag;

/** One bundled model per test JVM: loading ONNX costs a second or two. */
final class SharedModel {

    private static KnowledgeEmbeddingModel model;

    private SharedModel() {
    }

    static synchronized KnowledgeEmbeddingModel bundled() {
        if (model == null) {
            model = EmbeddingModels.bundled(2);
        }
        return model;
    }
}
