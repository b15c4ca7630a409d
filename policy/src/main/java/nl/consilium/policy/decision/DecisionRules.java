package nl.consilium.policy.decision;

import static nl.consilium.policy.PolicyRules.ALLOW_WITHIN_USE_CONDITIONS;
import static nl.consilium.policy.PolicyRules.FMS_2_QUASI_IDENTIFIERS_ONLY;
import static nl.consilium.policy.PolicyRules.FMS_3_PERSONAL_DATA_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_3_PSEUDONYMISE;
import static nl.consilium.policy.PolicyRules.FMS_4_CDS_ALLOWED;
import static nl.consilium.policy.PolicyRules.MIN_FHIR_RESOURCE_TYPES_DROPPED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import nl.consilium.policy.Application;
import nl.consilium.policy.DataCategory;
import nl.consilium.policy.DecisionRequest;
import nl.consilium.policy.LocalizedText;
import nl.consilium.policy.PolicyDecision;
import nl.consilium.policy.PolicyDecision.Allow;
import nl.consilium.policy.PolicyDecision.AllowAfterTransformation;
import nl.consilium.policy.PolicyDecision.Refuse;
import nl.consilium.policy.PolicyDecision.Transformation;
import nl.consilium.policy.PolicyVersion;
import nl.consilium.policy.UseConditions;

/**
 * The decision rules (semantics in docs/use-conditions.md, "How a request is decided"). Every refusal
 * rule is evaluated, not just the first, so the audit record shows all reasons; the user reads the
 * first in precedence order, which is the order of the checks below.
 */
public final class DecisionRules {

    private final UseConditions conditions;
    private final PolicyVersion version;

    public DecisionRules(UseConditions conditions) {
        this.conditions = conditions;
        this.version = conditions.policyVersion();
    }

    public PolicyDecision decide(DecisionRequest request, Set<String> outOfService) {
        Optional<Application> found = conditions.application(request.applicationId());
        if (found.isEmpty()) {
            Refusal r = Texts.unknownApplication(request.applicationId(), usableBy(request.userRoles(), outOfService));
            return new Refuse(request.applicationId(), r.ruleId(), r.reason(), r.allowedInstead(), List.of(r.ruleId()), version);
        }
        Application app = found.get();
        List<Refusal> refusals = new ArrayList<>();
        List<String> shaping = new ArrayList<>();
        List<String> recorded = new ArrayList<>();

        // Who may use it, and whether it is in service.
        if (Collections.disjoint(app.allowedRoles(), request.userRoles())) {
            refusals.add(Texts.roleNotAllowed(app, usableBy(request.userRoles(), outOfService)));
        }
        if (!app.enabled()) {
            refusals.add(Texts.disabled(app, usableBy(request.userRoles(), outOfService)));
        } else if (outOfService.contains(app.id())) {
            refusals.add(Texts.outOfService(app, usableBy(request.userRoles(), outOfService)));
        }

        // What the user must have done first.
        if (!request.acceptedTermsVersion().equals(Optional.of(app.termsVersion()))) {
            refusals.add(Texts.termsNotAccepted(app));
        }
        app.requiredTraining()
                .filter(t -> !request.attestedTrainings().contains(t))
                .ifPresent(t -> refusals.add(Texts.trainingNotAttested(app,
                        conditions.training(t).map(tr -> tr.title()).orElse(new LocalizedText(t, t)))));

        // Where the data would go.
        request.modelEndpointId()
                .filter(e -> !app.modelEndpoints().contains(e) || conditions.modelEndpoint(e).isEmpty())
                .ifPresent(e -> refusals.add(Texts.modelEndpointNotAllowed(app, e)));

        // FMS 4: clinical decision support.
        if (request.intent().cds()) {
            if (app.clinicalDecisionSupport().enabled()) {
                recorded.add(FMS_4_CDS_ALLOWED);
            } else {
                refusals.add(Texts.cdsNotAllowed(app, alternatives(request, outOfService, a -> a.clinicalDecisionSupport().enabled())));
            }
        }

        // FMS 2 and 3: patient data in the input and from the EPD.
        Set<DataCategory> detected = request.detectedCategories();
        Set<DataCategory> identifying = request.identifyingCategories();
        Set<String> contextTypes = Set.of();
        Set<String> dropped = Set.of();
        if (!app.patientDataAllowed()) {
            if (!identifying.isEmpty()) {
                refusals.add(Texts.personalDataNotAllowed(app, identifying,
                        alternatives(request, outOfService, Application::patientDataAllowed)));
            } else if (!detected.isEmpty()) {
                recorded.add(FMS_2_QUASI_IDENTIFIERS_ONLY);
            }
            if (request.patientContextRequested()) {
                refusals.add(Texts.patientContextNotAllowed(app, alternatives(request, outOfService, Application::patientContextAllowed)));
            }
        } else if (request.patientContextRequested()) {
            Set<String> wanted = request.requestedResourceTypes().isEmpty() ? app.fhirResourceTypes() : request.requestedResourceTypes();
            Set<String> allowed = new LinkedHashSet<>(wanted);
            allowed.retainAll(app.fhirResourceTypes());
            Set<String> notAllowed = new LinkedHashSet<>(wanted);
            notAllowed.removeAll(app.fhirResourceTypes());
            if (allowed.isEmpty()) {
                refusals.add(Texts.noFhirResourceTypes(app));
            } else if (!request.treatmentRelationship()) {
                refusals.add(Texts.noTreatmentRelationship(app));
            } else {
                contextTypes = allowed;
                dropped = notAllowed;
            }
        }
        boolean patientData = app.patientDataAllowed() && (!detected.isEmpty() || !contextTypes.isEmpty());
        boolean pseudonymise = patientData && !app.personalDataAllowed();
        if (patientData) {
            if (pseudonymise) {
                shaping.add(FMS_3_PSEUDONYMISE);
            } else {
                recorded.add(FMS_3_PERSONAL_DATA_ALLOWED);
            }
        }
        if (!dropped.isEmpty()) {
            shaping.add(MIN_FHIR_RESOURCE_TYPES_DROPPED);
        }

        if (!refusals.isEmpty()) {
            Refusal deciding = refusals.getFirst();
            List<String> fired = new ArrayList<>();
            refusals.forEach(r -> fired.add(r.ruleId()));
            fired.addAll(recorded);
            return new Refuse(app.id(), deciding.ruleId(), deciding.reason(), deciding.allowedInstead(), fired, version);
        }
        if (!shaping.isEmpty()) {
            List<String> fired = new ArrayList<>(shaping);
            fired.addAll(recorded);
            Transformation t = new Transformation(pseudonymise ? detected : Set.of(), pseudonymise && !contextTypes.isEmpty(), dropped);
            return new AllowAfterTransformation(app.id(), t, contextTypes, fired, version);
        }
        List<String> fired = new ArrayList<>();
        fired.add(ALLOW_WITHIN_USE_CONDITIONS);
        fired.addAll(recorded);
        return new Allow(app.id(), contextTypes, fired, version);
    }

    /** Applications the user can pick right now, in file order. */
    public List<Application> usableBy(Set<String> roles, Set<String> outOfService) {
        return conditions.applications().stream()
                .filter(Application::enabled)
                .filter(a -> !outOfService.contains(a.id()))
                .filter(a -> !Collections.disjoint(a.allowedRoles(), roles))
                .toList();
    }

    /** Other usable applications that would allow what this one refused, to name them in the refusal. */
    private List<Application> alternatives(DecisionRequest request, Set<String> outOfService, Predicate<Application> allows) {
        return usableBy(request.userRoles(), outOfService).stream()
                .filter(a -> !a.id().equals(request.applicationId()))
                .filter(allows)
                .toList();
    }
}
