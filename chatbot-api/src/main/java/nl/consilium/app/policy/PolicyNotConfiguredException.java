package nl.consilium.app.policy;

/** The deployment names no readable use-conditions file. */
public class PolicyNotConfiguredException extends RuntimeException {
    public PolicyNotConfiguredException(String message) {
        super(message);
    }
}
