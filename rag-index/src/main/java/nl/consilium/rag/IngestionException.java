package nl.consilium.rag;

/**
 * A document that cannot be ingested. The index is left exactly as it was; {@link #reason()} says
 * why in terms IT can act on.
 */
public final class IngestionException extends RuntimeException {

    public enum Reason {
        EMPTY,
        TOO_LARGE,
        CORRUPT,
        INVALID_ENCODING,
        UNSUPPORTED_FORMAT,
        INVALID_METADATA
    }

    private final Reason reason;

    public IngestionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public IngestionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
