package nl.consilium.app.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing use-conditions file is a configuration error, not a stack trace. */
public class PolicyNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<PolicyNotConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PolicyNotConfiguredException cause) {
        return new FailureAnalysis("Consilium did not start: " + cause.getMessage(),
                "Point CONSILIUM_POLICY_FILE at the deployment's use-conditions file (template: docs/use-conditions.md).",
                cause);
    }
}
