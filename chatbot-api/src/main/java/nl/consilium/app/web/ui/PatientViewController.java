package nl.consilium.app.web.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import nl.consilium.app.terms.ApplicationAccess;
import nl.consilium.app.chat.AuditTrail;
import nl.consilium.app.chat.Conversations;
import nl.consilium.app.chat.TreatmentRelationships;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.security.Roles;
import nl.consilium.app.web.Problems;
import nl.consilium.app.operations.ServiceSwitches;
import nl.consilium.audit.AuditAction;
import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditDecision;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditLocation;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditOutcome;
import nl.consilium.audit.PolicyReference;
import nl.consilium.ehr.ContextFact;
import nl.consilium.ehr.ContextRequest;
import nl.consilium.ehr.ContextSection;
import nl.consilium.ehr.EhrClient;
import nl.consilium.ehr.EhrException;
import nl.consilium.ehr.LabSeries;
import nl.consilium.ehr.PatientContext;
import nl.consilium.ehr.PersonalDataMode;
import nl.consilium.ehr.TimeWindow;
import nl.consilium.policy.Application;
import nl.consilium.policy.UseConditions;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the specialist's screen shows of the patient, next to the chat: the patient banner and a lab trend.
 * Neither goes to a language model; both are EPD reads by the signed-in user, so both need a confirmed
 * behandelrelatie and each is a NEN 7513 PATIENT_RECORD_READ event. The lab trend is only there for a
 * conversation of the user whose application's use conditions allow Observation (data minimisation).
 */
@RestController
public class PatientViewController {

    private static final int MAX_POINTS = 200;

    private final EhrClient ehr;
    private final TreatmentRelationships treatmentRelationships;
    private final Conversations conversations;
    private final UseConditions useConditions;
    private final ServiceSwitches switches;
    private final AuditTrail audit;
    private final ApplicationAccess access;
    private final Clock clock = Clock.systemDefaultZone();

    public PatientViewController(EhrClient ehr, TreatmentRelationships treatmentRelationships,
            Conversations conversations, UseConditions useConditions, ServiceSwitches switches, AuditTrail audit,
            ApplicationAccess access) {
        this.ehr = ehr;
        this.treatmentRelationships = treatmentRelationships;
        this.conversations = conversations;
        this.useConditions = useConditions;
        this.switches = switches;
        this.audit = audit;
        this.access = access;
    }

    /**
     * @param name shown only to the signed-in user, in the banner; never sent to a model from here
     * @param gender FHIR administrative gender code, lower case
     */
    public record Banner(String patientId, String name, String gender, String birthDate, Integer age) {
    }

    @GetMapping("/api/v1/patients/{patientId}/banner")
    public Banner banner(@PathVariable String patientId, Authentication authentication, HttpServletRequest http) {
        CurrentUser user = CurrentUser.of(authentication);
        if (!user.roles().contains(Roles.CLINICIAN)) {
            throw Problems.APPLICATION_NOT_PERMITTED.exception("The patient banner is for clinicians");
        }
        requireTreatmentRelationship(user, patientId);
        requireEpdInService();
        PatientContext context;
        try {
            context = ehr.patientContext(new ContextRequest(patientId, Set.of("Patient"), TimeWindow.lastYears(1, clock),
                    new PersonalDataMode.Allowed()));
        } catch (IllegalArgumentException e) {
            throw Problems.INVALID_REQUEST.exception("Not a patient id of the EPD");
        } catch (EhrException e) {
            throw Problems.PATIENT_CONTEXT_UNAVAILABLE.exception("The EPD did not deliver the patient ("
                    + e.failure().getClass().getSimpleName() + ")");
        }
        record(user, patientId, null, "chatbot-api/patient-banner", List.of("Patient/" + patientId), http);
        String fact = context.sections().stream().filter(s -> s.kind() == ContextSection.Kind.PATIENT)
                .flatMap(s -> s.facts().stream()).map(ContextFact::text).findFirst().orElse("");
        // The EPD adapter renders the patient as "name, gender, born date, N years, BSN …, address …"; the banner
        // takes name, gender, birth date and age, and leaves the identifiers and address out.
        String name = patientId;
        String gender = null;
        String birthDate = null;
        Integer age = null;
        List<String> parts = List.of(fact.split(", "));
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i == 0 && !part.isBlank()) {
                name = part;
            } else if (part.matches("female|male|other|unknown|gender unknown")) {
                gender = part;
            } else if (part.startsWith("born ")) {
                birthDate = part.substring(5);
            } else if (part.matches("\\d+ years")) {
                age = Integer.valueOf(part.substring(0, part.indexOf(' ')));
            }
        }
        return new Banner(patientId, name, gender, birthDate, age);
    }

    @GetMapping("/api/v1/conversations/{id}/labs/{loinc}")
    public LabSeries labs(@PathVariable UUID id, @PathVariable String loinc, Authentication authentication,
            HttpServletRequest http) {
        CurrentUser user = CurrentUser.of(authentication);
        Conversations.Active conversation = conversations.get(user.id(), id);
        Application application = useConditions.application(conversation.applicationId())
                .filter(Application::enabled)
                .filter(a -> switches.inService(ServiceSwitches.Kind.APPLICATION, a.id()))
                .orElseThrow(() -> Problems.UNKNOWN_APPLICATION.exception(
                        "The conversation's application is not in service"));
        access.requireRole(application, user);
        if (!application.fhirResourceTypes().contains("Observation")) {
            throw Problems.APPLICATION_NOT_PERMITTED.exception("The use conditions of '" + application.id()
                    + "' do not allow laboratory results (Observation)");
        }
        String patientId = conversation.patientId().orElseThrow(() -> Problems.INVALID_REQUEST.exception(
                "This conversation has no patient context"));
        requireTreatmentRelationship(user, patientId);
        requireEpdInService();
        LabSeries series;
        try {
            series = ehr.labSeries(patientId, loinc, TimeWindow.lastYears(5, clock), application.fhirResourceTypes(),
                    MAX_POINTS);
        } catch (IllegalArgumentException e) {
            throw Problems.INVALID_REQUEST.exception("Not a LOINC code or patient id");
        } catch (EhrException e) {
            throw Problems.PATIENT_CONTEXT_UNAVAILABLE.exception("The EPD did not deliver the results ("
                    + e.failure().getClass().getSimpleName() + ")");
        }
        record(user, patientId, application, "chatbot-api/lab-trend",
                series.points().stream().map(LabSeries.Point::reference).toList(), http);
        return series;
    }

    /** IT switched the EPD connection off: no read at all, and the UI says patient data is unavailable. */
    private void requireEpdInService() {
        if (!switches.inService(ServiceSwitches.Kind.EPD, ServiceSwitches.EPD)) {
            throw Problems.connectorOutOfService("epd", "The EPD connection is out of service (switched off by "
                    + "hospital IT): patient data is unavailable");
        }
    }

    private void requireTreatmentRelationship(CurrentUser user, String patientId) {
        if (!treatmentRelationships.confirmed(user.id(), patientId)) {
            throw Problems.APPLICATION_NOT_PERMITTED.exception(
                    "No confirmed treatment relationship (behandelrelatie) with this patient");
        }
    }

    private void record(CurrentUser user, String patientId, Application application, String site,
            List<String> references, HttpServletRequest http) {
        String role = user.roles().stream().sorted().findFirst().orElse("none");
        AuditEvent.Builder event = AuditEvent.builder(AuditEventType.PATIENT_RECORD_READ,
                        new AuditActor(user.id(), user.id(), role))
                .occurredAt(Instant.now())
                .action(AuditAction.READ)
                .outcome(AuditOutcome.SUCCESS)
                .decision(AuditDecision.ALLOWED)
                .location(new AuditLocation(site, http.getRemoteAddr(), null))
                .patientId(patientId)
                .policy(new PolicyReference(useConditions.version(), useConditions.sha256()));
        if (application != null) {
            event.applicationId(application.id());
        }
        references.stream().filter(r -> r != null && !r.isBlank()).forEach(r -> event.object(AuditObject.fhir(r)));
        audit.record(event.build());
    }
}
