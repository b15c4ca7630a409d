package nl.consilium.app.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.consilium.app.chat.AuditTrail;
import nl.consilium.app.operations.ServiceSwitches;
import nl.consilium.app.operations.ServiceSwitches.Kind;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.web.Problems;
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
 * IT's switches that take an application or a connector (the EPD connection, one language-model endpoint, the
 * knowledge base) out of service at once and back. They can only restrict what the use conditions allow; every
 * switch is audited before it takes effect, and the state is in PostgreSQL, so it holds for every instance and
 * survives a restart. What a chat turn does while a connector is off: docs/ui.md ("IT view").
 */
@RestController
@RequestMapping("/api/v1/admin")
public class ServiceSwitchController {

    private final UseConditions useConditions;
    private final ServiceSwitches switches;
    private final AuditTrail audit;
    private final Clock clock;

    public ServiceSwitchController(UseConditions useConditions, ServiceSwitches switches, AuditTrail audit,
            Clock clock) {
        this.useConditions = useConditions;
        this.switches = switches;
        this.audit = audit;
        this.clock = clock;
    }

    public record ServiceState(String applicationId, boolean enabledInPolicy, boolean inService) {
    }

    public record Switch(Boolean inService) {
    }

    /**
     * @param connector {@code epd}, {@code knowledge-base} or {@code model-endpoint}
     * @param id        the endpoint id for a model endpoint; {@code epd} / {@code knowledge-base} otherwise
     * @param changedBy who switched it last (null: never switched, in service)
     */
    public record ConnectorState(String connector, String id, boolean inService, String changedBy,
            Instant changedAt) {
    }

    @GetMapping("/applications")
    public List<ServiceState> states() {
        var out = switches.outOfService(Kind.APPLICATION);
        return useConditions.applications().stream()
                .map(a -> new ServiceState(a.id(), a.enabled(), a.enabled() && !out.contains(a.id())))
                .toList();
    }

    @PutMapping("/applications/{id}/service")
    public ServiceState set(@PathVariable String id, @RequestBody(required = false) Switch request,
            Authentication authentication) {
        var application = useConditions.application(id).orElseThrow(() -> Problems.UNKNOWN_APPLICATION.exception(
                "There is no application with this id in the current use conditions"));
        boolean inService = required(request);
        switchTo(Kind.APPLICATION, id, inService, authentication, id,
                inService ? "IT-APPLICATION-IN-SERVICE" : "IT-APPLICATION-OUT-OF-SERVICE", "Application/" + id);
        return new ServiceState(id, application.enabled(),
                application.enabled() && switches.inService(Kind.APPLICATION, id));
    }

    @GetMapping("/connectors")
    public List<ConnectorState> connectors() {
        Map<String, ServiceSwitches.Switch> changed = new HashMap<>();
        switches.all().forEach(s -> changed.put(s.kind() + "/" + s.target(), s));
        List<ConnectorState> states = new ArrayList<>();
        states.add(state("epd", Kind.EPD, ServiceSwitches.EPD, changed));
        states.add(state("knowledge-base", Kind.KNOWLEDGE_BASE, ServiceSwitches.KNOWLEDGE_BASE, changed));
        useConditions.modelEndpoints().forEach(e -> states.add(state("model-endpoint", Kind.MODEL_ENDPOINT, e.id(),
                changed)));
        return states;
    }

    @PutMapping("/connectors/{connector}/service")
    public ConnectorState setConnector(@PathVariable String connector, @RequestBody(required = false) Switch request,
            Authentication authentication) {
        Kind kind = switch (connector) {
            case "epd" -> Kind.EPD;
            case "knowledge-base" -> Kind.KNOWLEDGE_BASE;
            default -> throw Problems.UNKNOWN_CONNECTOR.exception("Connectors are 'epd', 'knowledge-base' and "
                    + "'model-endpoints/{id}'");
        };
        return setConnector(connector, kind, connector, request, authentication);
    }

    @PutMapping("/connectors/model-endpoints/{id}/service")
    public ConnectorState setModelEndpoint(@PathVariable String id, @RequestBody(required = false) Switch request,
            Authentication authentication) {
        useConditions.modelEndpoint(id).orElseThrow(() -> Problems.UNKNOWN_CONNECTOR.exception(
                "There is no model endpoint with this id on the use conditions' allow-list"));
        return setConnector("model-endpoint", Kind.MODEL_ENDPOINT, id, request, authentication);
    }

    private ConnectorState setConnector(String connector, Kind kind, String target, Switch request,
            Authentication authentication) {
        boolean inService = required(request);
        String rule = "IT-" + kind.name().replace('_', '-') + (inService ? "-IN-SERVICE" : "-OUT-OF-SERVICE");
        switchTo(kind, target, inService, authentication, null, rule, "Connector/" + connector
                + (kind == Kind.MODEL_ENDPOINT ? "/" + target : ""));
        Map<String, ServiceSwitches.Switch> changed = new HashMap<>();
        switches.all().forEach(s -> changed.put(s.kind() + "/" + s.target(), s));
        return state(connector, kind, target, changed);
    }

    private static boolean required(Switch request) {
        if (request == null || request.inService() == null) {
            throw Problems.INVALID_REQUEST.exception("Body {\"inService\": true|false} is required");
        }
        return request.inService();
    }

    private void switchTo(Kind kind, String target, boolean inService, Authentication authentication,
            String applicationId, String rule, String object) {
        CurrentUser user = CurrentUser.of(authentication);
        Instant now = clock.instant();
        // Record first: a switch that cannot be audited does not happen.
        AuditEvent.Builder event = AuditEvent.builder(AuditEventType.CONFIGURATION_CHANGED,
                        new AuditActor(user.id(), user.id(), "it-admin"))
                .occurredAt(now)
                .action(AuditAction.UPDATE)
                .outcome(AuditOutcome.SUCCESS)
                .policy(new PolicyReference(useConditions.version(), useConditions.sha256()))
                .ruleId(rule)
                .object(new AuditObject(AuditObjectKind.POLICY, object));
        if (applicationId != null) {
            event.applicationId(applicationId);
        }
        audit.record(event.build());
        switches.set(kind, target, inService, user.id(), now);
    }

    private static ConnectorState state(String connector, Kind kind, String target,
            Map<String, ServiceSwitches.Switch> changed) {
        ServiceSwitches.Switch s = changed.get(kind + "/" + target);
        return s == null ? new ConnectorState(connector, target, true, null, null)
                : new ConnectorState(connector, target, s.inService(), s.changedBy(), s.changedAt());
    }
}
