package nl.consilium.rag;

/** A storage failure; the operation did not take effect. */
public final class KnowledgeStoreException extends RuntimeException {
    public KnowledgeStoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
