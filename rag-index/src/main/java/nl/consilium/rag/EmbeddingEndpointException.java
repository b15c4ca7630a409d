package nl.consilium.rag;

/** The configured embedding endpoint failed or answered something unusable; nothing was written to the index. */
public final class EmbeddingEndpointException extends RuntimeException {
    public EmbeddingEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
