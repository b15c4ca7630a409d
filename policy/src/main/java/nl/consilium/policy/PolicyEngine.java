package nl.consilium.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import nl.consilium.policy.decision.DecisionRules;

/**
 * Decides every request against the deployment's use conditions. Thread-safe and cheap: one instance
 * per loaded policy.
 *
 * <p>Run-time switch-off (the IT view's "out of service"): the engine asks a supplier for the ids of
 * applications that are switched off on every decision, so a switch takes effect at the next request
 * without reloading the policy. Switching off only ever restricts; it cannot enable an application
 * the file has disabled, and it does not change the policy hash (it is an operational state, audited
 * by the caller).
 */
public final class PolicyEngine {

    private final UseConditions conditions;
    private final Supplier<? extends Set<String>> outOfService;
    private final DecisionRules rules;

    public PolicyEngine(UseConditions conditions) {
        this(conditions, Set::of);
    }

    /** @param outOfService ids of applications switched off at run time; asked on every decision, must be fast */
    public PolicyEngine(UseConditions conditions, Supplier<? extends Set<String>> outOfService) {
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.outOfService = Objects.requireNonNull(outOfService, "outOfService");
        this.rules = new DecisionRules(conditions);
    }

    /** The same policy with a fixed set of applications switched off. */
    public PolicyEngine withDisabled(Set<String> applicationIds) {
        Set<String> fixed = Set.copyOf(applicationIds);
        return new PolicyEngine(conditions, () -> fixed);
    }

    public UseConditions conditions() {
        return conditions;
    }

    public PolicyDecision decide(DecisionRequest request) {
        Objects.requireNonNull(request, "request");
        Set<String> off = outOfService.get();
        return rules.decide(request, off == null ? Set.of() : off);
    }

    /** Applications a user with these roles can use right now (enabled, not switched off, role allowed), in file order. */
    public List<Application> applicationsFor(Set<String> userRoles) {
        Set<String> off = outOfService.get();
        return rules.usableBy(userRoles, off == null ? Set.of() : off);
    }

    /** Whether the application is switched off at run time (not: disabled in the file). */
    public boolean isOutOfService(String applicationId) {
        Set<String> off = outOfService.get();
        return off != null && off.contains(applicationId);
    }
}
