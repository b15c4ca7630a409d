package nl.consilium.app.admin;

import java.time.Instant;
import java.util.List;

import nl.consilium.app.chat.AuditTrail;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.web.Problems;
import nl.consilium.app.wiring.PolicyWiring.OutOfService;
import nl.consilium.audit.AuditAction;
import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditObjectKind;
import nl.consilium.audit.AuditOutcome;
import nl.consilium.audit.PolicyReference;
import nl.consilium.policy.UseConditions;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * IT's switch that takes an application out of service at once (the next request is refused with
 * APP-OUT-OF-SERVICE) and back. It can only restrict what the use conditions allow, and every switch is audited.
 * The state is per instance: with several instances IT switches each, or changes the use-conditions file.
 */
@RestController
@RequestMapping("/api/v1/admin/applications")
public class ServiceSwitchController {

    private final UseConditions useConditions;
    private final OutOfService outOfService;
    private final AuditTrail audit;

    public ServiceSwitchController(UseConditions useConditions, OutOfService outOfService, AuditTrail audit) {
        this.useConditions = useConditions;
        this.outOfService = outOfService;
        this.audit = audit;
    }

    public record ServiceState(String applicationId, boolean enabledInPolicy, boolean inService) {
    }

    public record Switch(boolean inService) {
    }

    @GetMapping
    public List<ServiceState> states() {
        return useConditions.applications().stream()
                .map(a -> new ServiceState(a.id(), a.enabled(), a.enabled() && !outOfService.applications().contains(a.id())))
                .toList();
    }

    @PutMapping("/{id}/service")
    public ServiceState set(@PathVariable String id, @RequestBody Switch request, Authentication authentication) {
        var application = useConditions.application(id).orElseThrow(() -> Problems.UNKNOWN_APPLICATION.exception(
                "There is no application with this id in the current use conditions"));
        if (request == null) {
            throw Problems.INVALID_REQUEST.exception("Body {\"inService\": true|false} is required");
        }
        CurrentUser user = CurrentUser.of(authentication);
        // Record first: a switch that cannot be audited does not happen.
        audit.record(AuditEvent.builder(AuditEventType.CONFIGURATION_CHANGED, new AuditActor(user.id(), user.id(), "it-admin"))
                .occurredAt(Instant.now())
                .action(AuditAction.UPDATE)
                .outcome(AuditOutcome.SUCCESS)
                .applicationId(id)
                .policy(new PolicyReference(useConditions.version(), useConditions.sha256()))
                .ruleId(request.inService() ? "IT-APPLICATION-IN-SERVICE" : "IT-APPLICATION-OUT-OF-SERVICE")
                .object(new AuditObject(AuditObjectKind.POLICY, "Application/" + id))
                .build());
        if (request.inService()) {
            outOfService.applications().remove(id);
        } else {
            outOfService.applications().add(id);
        }
        return new ServiceState(id, application.enabled(), application.enabled() && !outOfService.applications().contains(id));
    }
}
