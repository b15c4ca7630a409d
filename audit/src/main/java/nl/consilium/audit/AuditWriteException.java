package nl.consilium.audit;

/**
 * The event was not confirmed as durably stored. Fail closed: the caller must not deliver the
 * answer or data the event describes. (If the database committed just before the connection was
 * lost, the record may exist after all; an extra record is the safe side of that uncertainty.)
 */
public final class AuditWriteException extends RuntimeException {
    public AuditWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditWriteException(String message) {
        super(message);
    }
}
