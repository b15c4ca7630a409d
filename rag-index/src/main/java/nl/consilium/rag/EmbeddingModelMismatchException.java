package nl.consilium.rag;

/** The index was built with another embedding model; mixing vectors of two models would make search meaningless. */
public final class EmbeddingModelMismatchException extends IllegalStateException {
    public EmbeddingModelMismatchException(String message) {
        super(message);
    }
}
