package nl.consilium.app.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.consilium.app.chat.TurnResult.AnswerMode;
import nl.consilium.app.chat.TurnResult.DecisionSummary;
import nl.consilium.app.conversation.ConversationStore;
import nl.consilium.app.operations.ServiceSwitches;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.terms.TermsAcceptances;
import nl.consilium.app.terms.TrainingAttestations;
import nl.consilium.app.web.Problems;
import nl.consilium.audit.AuditAction;
import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditDecision;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditLocation;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditObjectKind;
import nl.consilium.audit.AuditOutcome;
import nl.consilium.audit.AuditReceipt;
import nl.consilium.audit.PolicyReference;
import nl.consilium.ehr.ContextRequest;
import nl.consilium.ehr.EhrException;
import nl.consilium.ehr.PatientContext;
import nl.consilium.ehr.PersonalDataMode;
import nl.consilium.ehr.TimeWindow;
import nl.consilium.policy.Application;
import nl.consilium.policy.CdsIntentClassifier;
import nl.consilium.policy.DataCategory;
import nl.consilium.policy.DecisionRequest;
import nl.consilium.policy.IntentAssessment;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;
import nl.consilium.policy.PolicyDecision;
import nl.consilium.policy.PolicyEngine;
import nl.consilium.rag.KnowledgeBase;
import nl.consilium.rag.SearchRequest;
import org.springframework.stereotype.Service;

/**
 * One chat turn, following the request flow of DESIGN.md: terms → input inspection and policy decision →
 * retrieval from the application's sources → patient context when allowed → generation → output checks →
 * audit → encrypted storage. The answer is held back until the output checks and the audit record are done:
 * nothing reaches the user that was not checked and recorded (fail closed).
 */
@Service
public class ChatTurnService {

    private static final Pattern CITED = Pattern.compile("\\[(\\d{1,3})]");

    private final PolicyEngine policy;
    private final PersonalDataDetector detector;
    private final CdsIntentClassifier intentClassifier;
    private final KnowledgeBase knowledge;
    private final PatientRecords patientRecords;
    private final LanguageModels models;
    private final AuditTrail audit;
    private final ConversationStore store;
    private final TermsAcceptances terms;
    private final TrainingAttestations trainings;
    private final ChatProperties properties;
    private final Clock clock;
    private final Semaphore generationSlots;
    private final OutputChecks outputChecks;
    private final ServiceSwitches switches;

    /** Rule ids of IT's connector switches, in the decision summary and the audit record of the turn. */
    public static final String MODEL_OUT_OF_SERVICE = "IT-MODEL-ENDPOINT-OUT-OF-SERVICE";
    public static final String EPD_OUT_OF_SERVICE = "IT-EPD-OUT-OF-SERVICE";
    public static final String KNOWLEDGE_BASE_OUT_OF_SERVICE = "IT-KNOWLEDGE-BASE-OUT-OF-SERVICE";

    public ChatTurnService(PolicyEngine policy, PersonalDataDetector detector, CdsIntentClassifier intentClassifier,
            KnowledgeBase knowledge, PatientRecords patientRecords, LanguageModels models, AuditTrail audit,
            ConversationStore store, TermsAcceptances terms, TrainingAttestations trainings,
            ChatProperties properties, Clock clock, ServiceSwitches switches) {
        this.policy = policy;
        this.detector = detector;
        this.intentClassifier = intentClassifier;
        this.knowledge = knowledge;
        this.patientRecords = patientRecords;
        this.models = models;
        this.audit = audit;
        this.store = store;
        this.terms = terms;
        this.trainings = trainings;
        this.properties = properties;
        this.clock = clock;
        this.generationSlots = new Semaphore(properties.maxConcurrentGenerations(), true);
        this.outputChecks = new OutputChecks(detector);
        this.switches = switches;
    }

    /** Where the request came from, for the NEN 7513 "from where". */
    public record Origin(String clientAddress, String instance) {
    }

    public TurnResult turn(CurrentUser user, Conversations.Active conversation, String question, String language,
            Origin origin) {
        Application application = policy.conditions().application(conversation.applicationId())
                .orElseThrow(() -> new IllegalStateException("application vanished from the policy"));
        String correlationId = UUID.randomUUID().toString();
        // IT's model switch: an endpoint out of service is never called. When it leaves the application without a
        // model, the answer is extractive (verbatim cited passages) and labelled as such, rather than refused:
        // the approved knowledge is still there, and the user is told why no model answered.
        Optional<LanguageModels.Configured> model = models.forApplication(application,
                switches.outOfService(ServiceSwitches.Kind.MODEL_ENDPOINT));
        boolean modelOutOfService = model.isEmpty() && models.forApplication(application, Set.of()).isPresent();

        // Input inspection: categories and intent only; the text itself goes nowhere yet.
        List<PhiSpan> spans = detector.detect(question);
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        spans.forEach(span -> categories.add(span.category()));
        IntentAssessment intent = intentClassifier.classify(question);
        boolean accepted = terms.accepted(user.id(), application.id(), application.termsVersion());

        DecisionRequest.Builder request = DecisionRequest.builder(application.id())
                .roles(user.roles())
                .detected(categories)
                .intent(intent)
                .attestedTrainings(trainings.of(user.id()));
        if (accepted) {
            request.acceptedTermsVersion(application.termsVersion());
        }
        conversation.patientId().ifPresent(p -> request.patientContext(conversation.treatmentRelationship(), Set.of()));
        model.ifPresent(m -> request.modelEndpoint(m.endpointId()));
        PolicyDecision decision = policy.decide(request.build());

        AuditEvent.Builder event = AuditEvent.builder(AuditEventType.CHAT_REQUEST, actor(user))
                .occurredAt(clock.instant())
                .action(AuditAction.EXECUTE)
                .location(new AuditLocation("chatbot-api/api/v1/conversations", origin.clientAddress(),
                        origin.instance()))
                .applicationId(application.id())
                .policy(new PolicyReference(decision.policy().version(), decision.policy().sha256()))
                .ruleIds(decision.firedRules())
                .correlationId(correlationId)
                .messageSha256(sha256(question))
                .object(new AuditObject(AuditObjectKind.CONVERSATION, conversation.id().toString()));
        conversation.patientId().ifPresent(event::patientId);

        return switch (decision) {
            case PolicyDecision.Refuse refuse -> refused(user, conversation, question, language, refuse, event,
                    correlationId);
            case PolicyDecision.Allow allow -> answer(user, conversation, application, question, language, question,
                    allow.patientContextResourceTypes(), false, false, decision, event, correlationId, model,
                    modelOutOfService, origin);
            case PolicyDecision.AllowAfterTransformation transform -> {
                boolean pseudonymiseInput = !transform.transformation().pseudonymise().isEmpty();
                String modelInput = pseudonymiseInput ? conversation.pseudonyms().pseudonymise(question) : question;
                yield answer(user, conversation, application, question, language, modelInput,
                        transform.patientContextResourceTypes(), transform.transformation().pseudonymisePatientContext(),
                        pseudonymiseInput, decision, event, correlationId, model, modelOutOfService, origin);
            }
        };
    }

    private TurnResult refused(CurrentUser user, Conversations.Active conversation, String question, String language,
            PolicyDecision.Refuse refuse, AuditEvent.Builder event, String correlationId) {
        AuditReceipt receipt = audit.record(event.decision(AuditDecision.REFUSED).outcome(AuditOutcome.MINOR_FAILURE)
                .build());
        DecisionSummary summary = new DecisionSummary("REFUSED", refuse.firedRules(), refuse.policy().shortForm(),
                "NONE", List.of(), null, correlationId, receipt.sequence());
        if (conversation.stored()) {
            store.append(user.id(), conversation.id(), "user", question);
            store.append(user.id(), conversation.id(), "assistant", refuse.reason().in(language) + "\n"
                    + refuse.allowedInstead().in(language));
        }
        return new TurnResult.Refused(refuse.reason(), refuse.allowedInstead(), summary);
    }

    private TurnResult answer(CurrentUser user, Conversations.Active conversation, Application application,
            String question, String language, String modelInput, Set<String> resourceTypes,
            boolean pseudonymiseContext, boolean pseudonymisedInput, PolicyDecision decision, AuditEvent.Builder event,
            String correlationId, Optional<LanguageModels.Configured> model, boolean modelOutOfService,
            Origin origin) {
        boolean needsPatientContext = conversation.patientId().isPresent() && !resourceTypes.isEmpty();
        // IT's connector switches, checked before anything is fetched. Fail closed and say so: without the EPD a
        // turn that needs the patient is not answered as if there were no patient, and without the knowledge base
        // an application that answers from sources is not answered from nothing.
        if (needsPatientContext && !switches.inService(ServiceSwitches.Kind.EPD, ServiceSwitches.EPD)) {
            audit.record(event.decision(AuditDecision.REFUSED).outcome(AuditOutcome.MINOR_FAILURE)
                    .ruleId(EPD_OUT_OF_SERVICE).build());
            throw Problems.connectorOutOfService("epd", "The EPD connection is out of service (switched off by "
                    + "hospital IT): patient data is unavailable, so this question is not answered");
        }
        if (!application.knowledgeSources().isEmpty()
                && !switches.inService(ServiceSwitches.Kind.KNOWLEDGE_BASE, ServiceSwitches.KNOWLEDGE_BASE)) {
            audit.record(event.decision(AuditDecision.REFUSED).outcome(AuditOutcome.MINOR_FAILURE)
                    .ruleId(KNOWLEDGE_BASE_OUT_OF_SERVICE).build());
            throw Problems.connectorOutOfService("knowledge-base", "The knowledge base is out of service (switched "
                    + "off by hospital IT): no sources can be searched, so this question is not answered");
        }
        List<Source> sources = retrieve(modelInput, application);

        Optional<PatientContext> patient = Optional.empty();
        if (needsPatientContext) {
            patient = Optional.of(patientContext(user, conversation, application, resourceTypes, pseudonymiseContext,
                    decision, correlationId, origin));
        }
        boolean pseudonymised = pseudonymisedInput || (patient.isPresent() && pseudonymiseContext);
        String patientData = patient.isEmpty() ? "NONE" : pseudonymiseContext ? "PSEUDONYMISED" : "REAL";

        String raw;
        AnswerMode mode;
        if (model.isPresent()) {
            raw = generate(model.get(), application, language, pseudonymised, modelInput, sources,
                    patient.map(PatientContext::text).orElse(null));
            mode = AnswerMode.MODEL;
        } else {
            raw = Prompts.extractive(sources, language);
            mode = AnswerMode.EXTRACTIVE;
        }

        OutputChecks.Checked checked = mode == AnswerMode.EXTRACTIVE
                ? outputChecks.checkExtractive(raw, sources.size())
                : outputChecks.check(raw, sources.stream().map(Source::text).toList(), application, pseudonymised);
        String shown = pseudonymised ? conversation.pseudonyms().reidentify(checked.text()) : checked.text();
        shown = shown + "\n\n" + application.disclaimer().in(language);

        List<String> cited = citedReferences(checked.text(), sources, mode);
        List<String> fhirReferences = patient.map(p -> List.copyOf(p.references())).orElse(List.of());
        List<String> rules = new ArrayList<>(decision.firedRules());
        rules.addAll(checked.interventions());
        if (modelOutOfService) {
            rules.add(MODEL_OUT_OF_SERVICE);
            event.ruleId(MODEL_OUT_OF_SERVICE);
        }
        AuditDecision auditDecision = decision instanceof PolicyDecision.AllowAfterTransformation
                ? AuditDecision.PSEUDONYMISED : AuditDecision.ALLOWED;
        sources.forEach(s -> event.object(AuditObject.document(s.reference())));
        fhirReferences.forEach(r -> event.object(AuditObject.fhir(r)));
        AuditReceipt receipt = audit.record(event
                .decision(auditDecision)
                .outcome(AuditOutcome.SUCCESS)
                .ruleIds(checked.interventions())
                .modelEndpoint(model.map(LanguageModels.Configured::endpointId).orElse(null))
                .sourcesCited(cited)
                .build());

        if (conversation.stored()) {
            store.append(user.id(), conversation.id(), "user", question);
            store.append(user.id(), conversation.id(), "assistant", shown);
        }
        DecisionSummary summary = new DecisionSummary(auditDecision.name(), List.copyOf(rules),
                decision.policy().shortForm(), patientData, fhirReferences,
                model.map(LanguageModels.Configured::endpointId).orElse(null), correlationId, receipt.sequence());
        return new TurnResult.Answered(shown, mode, sources, checked.interventions(), summary, modelOutOfService);
    }

    private List<Source> retrieve(String query, Application application) {
        if (application.knowledgeSources().isEmpty()) {
            return List.of();
        }
        var passages = knowledge.search(SearchRequest.hybrid(query, properties.passages(),
                Set.copyOf(application.knowledgeSources())));
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            sources.add(Source.of(i + 1, passages.get(i)));
        }
        return sources;
    }

    private PatientContext patientContext(CurrentUser user, Conversations.Active conversation, Application application,
            Set<String> resourceTypes, boolean pseudonymise, PolicyDecision decision, String correlationId,
            Origin origin) {
        PersonalDataMode mode = pseudonymise
                ? new PersonalDataMode.Pseudonymised(conversation.pseudonyms())
                : application.personalDataAllowed() ? new PersonalDataMode.Allowed() : new PersonalDataMode.Withheld();
        String patientId = conversation.patientId().orElseThrow();
        PatientContext context;
        try {
            context = patientRecords.context(new ContextRequest(patientId, resourceTypes, TimeWindow.lastYears(5, clock),
                    mode));
        } catch (EhrException e) {
            // The kind of failure only: its description can name the patient, which stays out of logs and problems.
            throw new ChatExceptions.PatientContextUnavailable(e.failure().getClass().getSimpleName());
        }
        // NEN 7513: the read of the patient record is logged as its own event, before the data is used.
        AuditEvent.Builder read = AuditEvent.builder(AuditEventType.PATIENT_RECORD_READ, actor(user))
                .occurredAt(clock.instant())
                .action(AuditAction.READ)
                .outcome(AuditOutcome.SUCCESS)
                .location(new AuditLocation("chatbot-api/patient-context", origin.clientAddress(), origin.instance()))
                .patientId(patientId)
                .applicationId(application.id())
                .policy(new PolicyReference(decision.policy().version(), decision.policy().sha256()))
                .ruleIds(decision.firedRules())
                .decision(pseudonymise ? AuditDecision.PSEUDONYMISED : AuditDecision.ALLOWED)
                .correlationId(correlationId);
        context.references().forEach(r -> read.object(AuditObject.fhir(r)));
        audit.record(read.build());
        return context;
    }

    private String generate(LanguageModels.Configured model, Application application, String language,
            boolean pseudonymised, String question, List<Source> sources, String patientContext) {
        boolean acquired;
        try {
            acquired = generationSlots.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatExceptions.Busy();
        }
        if (!acquired) {
            throw new ChatExceptions.Busy();
        }
        try {
            String content = model.chatClient().prompt()
                    .system(Prompts.system(application, language, pseudonymised))
                    .user(Prompts.user(question, sources, patientContext))
                    .call()
                    .content();
            if (content == null) {
                throw new ChatExceptions.ModelUnavailable(new IllegalStateException("empty answer"));
            }
            return content;
        } catch (ChatExceptions.ModelUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ChatExceptions.ModelUnavailable(e);
        } finally {
            generationSlots.release();
        }
    }

    private static List<String> citedReferences(String answer, List<Source> sources, AnswerMode mode) {
        if (mode == AnswerMode.EXTRACTIVE) {
            return sources.stream().map(Source::reference).toList();
        }
        Set<String> cited = new LinkedHashSet<>();
        Matcher matcher = CITED.matcher(answer);
        while (matcher.find()) {
            int n = Integer.parseInt(matcher.group(1));
            if (n >= 1 && n <= sources.size()) {
                cited.add(sources.get(n - 1).reference());
            }
        }
        return List.copyOf(cited);
    }

    private static AuditActor actor(CurrentUser user) {
        String role = user.roles().stream().sorted().findFirst().orElse("none");
        return new AuditActor(user.id(), user.id(), role);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
