package nl.consilium.ehr;

import java.util.Objects;

/** Thrown by the EPD client; {@link #failure()} tells the cause as a value to switch on. */
public final class EhrException extends RuntimeException {

    private final transient EhrFailure failure;

    public EhrException(EhrFailure failure, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").describe(), cause);
        this.failure = failure;
    }

    public EhrFailure failure() {
        return failure;
    }
}
