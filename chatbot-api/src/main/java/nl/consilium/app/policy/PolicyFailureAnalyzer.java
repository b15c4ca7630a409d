package nl.consilium.app.policy;

import nl.consilium.policy.UseConditionsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid use-conditions file into the start-up message hospital IT reads: every key and its fix. */
public class PolicyFailureAnalyzer extends AbstractFailureAnalyzer<UseConditionsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UseConditionsException cause) {
        return new FailureAnalysis(
                "Consilium did not start: the use-conditions file is invalid.\n" + cause.getMessage(),
                "Correct the keys listed above (docs/use-conditions.md explains each key), then start again.",
                cause);
    }
}
