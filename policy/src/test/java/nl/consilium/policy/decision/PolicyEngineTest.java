package nl.consilium.policy.decision;

import static nl.consilium.policy.DataCategory.AGE;
import static nl.consilium.policy.DataCategory.BSN;
import static nl.consilium.policy.DataCategory.PERSON;
import static nl.consilium.policy.PolicyRules.ALLOW_WITHIN_USE_CONDITIONS;
import static nl.consilium.policy.PolicyRules.APP_DISABLED;
import static nl.consilium.policy.PolicyRules.APP_OUT_OF_SERVICE;
import static nl.consilium.policy.PolicyRules.APP_UNKNOWN;
import static nl.consilium.policy.PolicyRules.EPD_NO_TREATMENT_RELATIONSHIP;
import static nl.consilium.policy.PolicyRules.FMS_1_ROLE_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_2_PATIENT_CONTEXT_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_2_PSEUDONYMISED_DATA_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_2_QUASI_IDENTIFIERS_ONLY;
import static nl.consilium.policy.PolicyRules.FMS_3_PERSONAL_DATA_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_3_PSEUDONYMISE;
import static nl.consilium.policy.PolicyRules.FMS_4_CDS_ALLOWED;
import static nl.consilium.policy.PolicyRules.FMS_4_CDS_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.MIN_FHIR_RESOURCE_TYPES_DROPPED;
import static nl.consilium.policy.PolicyRules.MIN_NO_FHIR_RESOURCE_TYPES;
import static nl.consilium.policy.PolicyRules.MODEL_ENDPOINT_NOT_ALLOWED;
import static nl.consilium.policy.PolicyRules.USE_TERMS_NOT_ACCEPTED;
import static nl.consilium.policy.PolicyRules.USE_TRAINING_NOT_ATTESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import nl.consilium.policy.Application;
import nl.consilium.policy.DataCategory;
import nl.consilium.policy.DecisionRequest;
import nl.consilium.policy.IntentAssessment;
import nl.consilium.policy.PolicyDecision;
import nl.consilium.policy.PolicyDecision.Allow;
import nl.consilium.policy.PolicyDecision.AllowAfterTransformation;
import nl.consilium.policy.PolicyDecision.Refuse;
import nl.consilium.policy.PolicyEngine;
import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision engine against engine.yaml, which has one application per combination of declarations. */
class PolicyEngineTest {

    static final UseConditions CONDITIONS = UseConditionsLoader.load(Path.of("src/test/resources/use-conditions/engine.yaml"));
    static final IntentAssessment NOT_CDS = new IntentAssessment(false, "TEST-GENERAL", "");
    static final IntentAssessment CDS = new IntentAssessment(true, "TEST-TREATMENT-ADVICE", "asks for a dose");

    final PolicyEngine engine = new PolicyEngine(CONDITIONS);

    /** A request that passes every check not under test: clinician, terms accepted, training attested, default endpoint. */
    static DecisionRequest.Builder ok(String appId) {
        Application app = CONDITIONS.application(appId).orElseThrow();
        DecisionRequest.Builder b = DecisionRequest.builder(appId)
                .roles("clinician")
                .intent(NOT_CDS)
                .acceptedTermsVersion(app.termsVersion())
                .attestedTrainings(app.requiredTraining().stream().toList());
        if (!app.modelEndpoints().isEmpty()) {
            b.modelEndpoint(app.modelEndpoints().getFirst());
        }
        return b;
    }

    static Refuse refused(PolicyDecision d, String rule) {
        assertThat(d).isInstanceOf(Refuse.class);
        Refuse r = (Refuse) d;
        assertThat(r.ruleId()).isEqualTo(rule);
        assertThat(r.firedRules().getFirst()).isEqualTo(rule);
        assertReadable(r);
        return r;
    }

    static void assertReadable(Refuse r) {
        assertThat(r.reason().nl()).isNotBlank();
        assertThat(r.reason().en()).isNotBlank().isNotEqualTo(r.reason().nl());
        assertThat(r.allowedInstead().nl()).isNotBlank();
        assertThat(r.allowedInstead().en()).isNotBlank().isNotEqualTo(r.allowedInstead().nl());
    }

    static Set<DataCategory> input(String kind) {
        return switch (kind) {
            case "none" -> Set.of();
            case "quasi" -> Set.of(AGE);
            case "identifying" -> Set.of(PERSON, BSN);
            case "mixed" -> Set.of(PERSON, AGE);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Nested
    class PatientDataDeclarations {

        /**
         * FMS 2 (pseudonymised) and FMS 3 (personal data), each on and off, against every kind of input
         * and with and without patient context from the EPD.
         */
        @ParameterizedTest(name = "{0} / input {1} / patient context {2} -> {3} {4}")
        @CsvSource({
                // application, input, patient context, outcome, deciding rule
                "no-data,  none,        false, ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
                "no-data,  quasi,       false, ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
                "no-data,  identifying, false, REFUSE,    FMS-2-PSEUDONYMISED-DATA-NOT-ALLOWED",
                "no-data,  mixed,       false, REFUSE,    FMS-2-PSEUDONYMISED-DATA-NOT-ALLOWED",
                "no-data,  none,        true,  REFUSE,    FMS-2-PATIENT-CONTEXT-NOT-ALLOWED",
                "no-data,  quasi,       true,  REFUSE,    FMS-2-PATIENT-CONTEXT-NOT-ALLOWED",
                "no-data,  identifying, true,  REFUSE,    FMS-2-PSEUDONYMISED-DATA-NOT-ALLOWED",
                "pseudo,   none,        false, ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
                "pseudo,   quasi,       false, TRANSFORM, FMS-3-PSEUDONYMISE",
                "pseudo,   identifying, false, TRANSFORM, FMS-3-PSEUDONYMISE",
                "pseudo,   mixed,       false, TRANSFORM, FMS-3-PSEUDONYMISE",
                "pseudo,   none,        true,  TRANSFORM, FMS-3-PSEUDONYMISE",
                "pseudo,   identifying, true,  TRANSFORM, FMS-3-PSEUDONYMISE",
                "personal, none,        false, ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
                "personal, quasi,       false, ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
                "personal, identifying, false, ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
                "personal, none,        true,  ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
                "personal, identifying, true,  ALLOW,     ALLOW-WITHIN-USE-CONDITIONS",
        })
        void decision(String appId, String inputKind, boolean context, String outcome, String rule) {
            DecisionRequest.Builder b = ok(appId).detected(input(inputKind));
            if (context) {
                b.patientContext(true, List.of());
            }

            PolicyDecision d = engine.decide(b.build());

            assertThat(d.firedRules().getFirst()).isEqualTo(rule);
            assertThat(d.policy()).isEqualTo(CONDITIONS.policyVersion());
            switch (outcome) {
                case "ALLOW" -> assertThat(d).isInstanceOf(Allow.class);
                case "TRANSFORM" -> {
                    assertThat(d).isInstanceOf(AllowAfterTransformation.class);
                    var t = ((AllowAfterTransformation) d).transformation();
                    assertThat(t.pseudonymise()).as("every detected category is pseudonymised").isEqualTo(input(inputKind));
                    assertThat(t.pseudonymisePatientContext()).isEqualTo(context);
                    assertThat(t.pseudonymises()).isTrue();
                    assertThat(t.dropResourceTypes()).isEmpty();
                }
                case "REFUSE" -> refused(d, rule);
                default -> throw new IllegalArgumentException(outcome);
            }
        }

        @Test
        void quasiIdentifiersAloneAreRecordedButNotRefusedWhereNoPatientDataIsAllowed() {
            PolicyDecision d = engine.decide(ok("no-data").detected(AGE).build());

            assertThat(d).isInstanceOf(Allow.class);
            assertThat(d.firedRules()).containsExactly(ALLOW_WITHIN_USE_CONDITIONS, FMS_2_QUASI_IDENTIFIERS_ONLY);
        }

        @Test
        void personalDataAllowedIsRecordedForTheAuditor() {
            PolicyDecision d = engine.decide(ok("personal").detected(PERSON).patientContext(true, List.of()).build());

            assertThat(d).isInstanceOf(Allow.class);
            assertThat(d.firedRules()).contains(FMS_3_PERSONAL_DATA_ALLOWED);
            assertThat(((Allow) d).patientContextResourceTypes()).containsExactlyInAnyOrder("Patient", "Condition");
        }

        @Test
        void identifyingDataRefusalNamesTheCategoriesButNeverTheData() {
            Refuse r = refused(engine.decide(ok("no-data").detected(PERSON, BSN).build()), FMS_2_PSEUDONYMISED_DATA_NOT_ALLOWED);

            assertThat(r.reason().nl()).contains("naam", "BSN");
            assertThat(r.reason().en()).contains("name", "citizen service number");
            assertThat(r.allowedInstead().nl()).as("names the usable applications that may process patient data")
                    .contains("'Gepseudonimiseerd'", "'Persoonsgegevens'", "'Beslisondersteuning'")
                    .doesNotContain("'Uitgeschakeld'");
        }

        @Test
        void patientContextWithoutPatientDataDeclarationIsRefusedEvenWithoutDetectedData() {
            Refuse r = refused(engine.decide(ok("no-data").patientContext(true, List.of("Patient")).build()),
                    FMS_2_PATIENT_CONTEXT_NOT_ALLOWED);

            assertThat(r.allowedInstead().en()).contains("without patient context");
        }

        @Test
        void bothRefusalsAreRecordedWhenIdentifyingDataAndPatientContextMeetANoDataApplication() {
            PolicyDecision d = engine.decide(ok("no-data").detected(BSN).patientContext(true, List.of()).build());

            assertThat(d.firedRules()).containsExactly(FMS_2_PSEUDONYMISED_DATA_NOT_ALLOWED, FMS_2_PATIENT_CONTEXT_NOT_ALLOWED);
        }

        @Test
        void pseudonymisedPatientContextListsTheResourceTypesToFetch() {
            var d = (AllowAfterTransformation) engine.decide(ok("pseudo").patientContext(true, List.of()).build());

            assertThat(d.patientContextResourceTypes()).containsExactlyInAnyOrder("Patient", "Condition", "Observation");
            assertThat(d.transformation().pseudonymise()).isEmpty();
            assertThat(d.transformation().pseudonymisePatientContext()).isTrue();
            assertThat(d.firedRules()).containsExactly(FMS_3_PSEUDONYMISE);
        }
    }

    @Nested
    class DataMinimisation {

        @Test
        void resourceTypesOutsideTheListAreDroppedAndTheRestPseudonymised() {
            var d = engine.decide(ok("pseudo").patientContext(true, List.of("Patient", "Observation", "MedicationRequest")).build());

            assertThat(d).isInstanceOf(AllowAfterTransformation.class);
            var a = (AllowAfterTransformation) d;
            assertThat(a.transformation().dropResourceTypes()).containsExactly("MedicationRequest");
            assertThat(a.patientContextResourceTypes()).containsExactlyInAnyOrder("Patient", "Observation");
            assertThat(a.transformation().pseudonymisePatientContext()).isTrue();
            assertThat(a.firedRules()).containsExactly(FMS_3_PSEUDONYMISE, MIN_FHIR_RESOURCE_TYPES_DROPPED);
        }

        @Test
        void droppingAppliesAlsoWherePersonalDataIsAllowed() {
            var d = engine.decide(ok("personal").patientContext(true, List.of("Patient", "Observation")).build());

            assertThat(d).isInstanceOf(AllowAfterTransformation.class);
            var a = (AllowAfterTransformation) d;
            assertThat(a.transformation().dropResourceTypes()).containsExactly("Observation");
            assertThat(a.transformation().pseudonymises()).isFalse();
            assertThat(a.patientContextResourceTypes()).containsExactly("Patient");
            assertThat(a.firedRules()).containsExactly(MIN_FHIR_RESOURCE_TYPES_DROPPED, FMS_3_PERSONAL_DATA_ALLOWED);
        }

        @Test
        void refusedWhenNoneOfTheRequestedTypesIsAllowed() {
            Refuse r = refused(engine.decide(ok("pseudo").patientContext(true, List.of("MedicationRequest")).build()),
                    MIN_NO_FHIR_RESOURCE_TYPES);

            assertThat(r.reason().nl()).contains("Patient, Condition, Observation");
        }

        @Test
        void refusedWhenTheApplicationListsNoResourceTypes() {
            refused(engine.decide(ok("pseudo-no-fhir").patientContext(true, List.of()).build()), MIN_NO_FHIR_RESOURCE_TYPES);
        }

        @Test
        void freeTextIsStillPseudonymisedInAnApplicationWithoutResourceTypes() {
            var d = engine.decide(ok("pseudo-no-fhir").detected(PERSON).build());

            assertThat(d).isInstanceOf(AllowAfterTransformation.class);
            assertThat(((AllowAfterTransformation) d).transformation().pseudonymise()).containsExactly(PERSON);
            assertThat(((AllowAfterTransformation) d).transformation().pseudonymisePatientContext()).isFalse();
        }

        @Test
        void patientContextNeedsAConfirmedTreatmentRelationship() {
            Refuse r = refused(engine.decide(ok("personal").patientContext(false, List.of()).build()), EPD_NO_TREATMENT_RELATIONSHIP);

            assertThat(r.allowedInstead().nl()).contains("EPD");
            refused(engine.decide(ok("pseudo").patientContext(false, List.of()).build()), EPD_NO_TREATMENT_RELATIONSHIP);
        }

        @Test
        void withoutPatientContextNothingIsFetched() {
            var d = (Allow) engine.decide(ok("personal").build());

            assertThat(d.patientContextResourceTypes()).isEmpty();
        }
    }

    @Nested
    class ClinicalDecisionSupport {

        @Test
        void cdsQuestionIsRefusedWhereCdsIsOffAndTheRefusalSaysWhatIsAllowed() {
            Refuse r = refused(engine.decide(ok("no-data").intent(CDS).build()), FMS_4_CDS_NOT_ALLOWED);

            assertThat(r.reason().nl()).contains("diagnose", "behandeladvies", "MDR");
            assertThat(r.reason().en()).contains("diagnosis", "treatment advice");
            assertThat(r.allowedInstead().nl()).contains("algemene vragen", "richtlijn")
                    .as("names the application validated for CDS").contains("'Beslisondersteuning'");
            assertThat(r.allowedInstead().en()).contains("general questions", "guideline", "'Decision support'");
        }

        @Test
        void cdsQuestionIsRefusedInEveryApplicationWithCdsOff() {
            for (String app : List.of("no-data", "pseudo", "personal", "pseudo-no-fhir")) {
                refused(engine.decide(ok(app).intent(CDS).build()), FMS_4_CDS_NOT_ALLOWED);
            }
        }

        @Test
        void cdsQuestionIsAllowedAndRecordedWhereCdsIsOnWithAnMdrBasis() {
            PolicyDecision d = engine.decide(ok("cds").intent(CDS).build());

            assertThat(d).isInstanceOf(Allow.class);
            assertThat(d.firedRules()).containsExactly(ALLOW_WITHIN_USE_CONDITIONS, FMS_4_CDS_ALLOWED);
        }

        @Test
        void cdsOnDoesNotLiftTheOtherDeclarations() {
            PolicyDecision d = engine.decide(ok("cds").intent(CDS).detected(PERSON).build());

            assertThat(d).isInstanceOf(AllowAfterTransformation.class);
            assertThat(d.firedRules()).containsExactly(FMS_3_PSEUDONYMISE, FMS_4_CDS_ALLOWED);
        }

        @Test
        void generalQuestionInACdsApplicationDoesNotRecordCds() {
            PolicyDecision d = engine.decide(ok("cds").build());

            assertThat(d).isInstanceOf(Allow.class);
            assertThat(d.firedRules()).containsExactly(ALLOW_WITHIN_USE_CONDITIONS);
        }

        @Test
        void withoutAnyCdsApplicationTheRefusalOffersOnlyTheGeneralAlternative() {
            PolicyEngine withoutCds = engine.withDisabled(Set.of("cds"));

            Refuse r = refused(withoutCds.decide(ok("no-data").intent(CDS).build()), FMS_4_CDS_NOT_ALLOWED);

            assertThat(r.allowedInstead().nl()).contains("algemene vragen").doesNotContain("Beslisondersteuning");
        }
    }

    @Nested
    class RolesAndApplications {

        @Test
        void unknownApplicationIsRefusedAndTheUsableOnesAreNamed() {
            Refuse r = refused(engine.decide(ok("no-data").build().withApplication("does-not-exist")), APP_UNKNOWN);

            assertThat(r.applicationId()).isEqualTo("does-not-exist");
            assertThat(r.firedRules()).containsExactly(APP_UNKNOWN);
            assertThat(r.policy()).isEqualTo(CONDITIONS.policyVersion());
            assertThat(r.allowedInstead().nl()).contains("'Geen gegevens'", "'Gepseudonimiseerd'").doesNotContain("'Beheer'");
        }

        @Test
        void unknownApplicationIdIsNotEchoedUnlessItLooksLikeAnId() {
            Refuse r = refused(engine.decide(ok("no-data").build().withApplication("Jan Jansen <b>")), APP_UNKNOWN);

            assertThat(r.reason().nl() + r.reason().en()).doesNotContain("Jansen", "<b>");
        }

        @Test
        void roleNotAllowedIsRefused() {
            Refuse r = refused(engine.decide(ok("pseudo").roles("compliance-officer").build()), FMS_1_ROLE_NOT_ALLOWED);

            assertThat(r.reason().en()).contains("clinician");
            assertThat(r.allowedInstead().nl()).contains("'Geen gegevens'").doesNotContain("'Gepseudonimiseerd'");
        }

        @Test
        void userWithoutRolesIsRefusedEverywhere() {
            for (Application app : CONDITIONS.applications()) {
                PolicyDecision d = engine.decide(ok(app.id()).roles(Set.of()).build());
                assertThat(d).isInstanceOf(Refuse.class);
                assertThat(d.firedRules().getFirst()).isEqualTo(FMS_1_ROLE_NOT_ALLOWED);
            }
        }

        @Test
        void anyOneAllowedRoleSuffices() {
            assertThat(engine.decide(ok("no-data").roles("compliance-officer").build())).isInstanceOf(Allow.class);
            assertThat(engine.decide(ok("no-data").roles("it-admin", "clinician").build())).isInstanceOf(Allow.class);
            assertThat(engine.decide(ok("admin-only").roles("it-admin").build())).isInstanceOf(Allow.class);
            refused(engine.decide(ok("admin-only").build()), FMS_1_ROLE_NOT_ALLOWED);
        }

        @Test
        void roleIdsAreMatchedExactly() {
            refused(engine.decide(ok("no-data").roles("Clinician").build()), FMS_1_ROLE_NOT_ALLOWED);
        }

        @Test
        void applicationDisabledInTheFileIsRefused() {
            Refuse r = refused(engine.decide(ok("switched-off").build()), APP_DISABLED);

            assertThat(r.reason().nl()).contains("niet in gebruik");
        }

        @Test
        void applicationSwitchedOffAtRunTimeIsRefusedWithoutTouchingTheOriginalEngine() {
            PolicyEngine off = engine.withDisabled(Set.of("pseudo"));

            refused(off.decide(ok("pseudo").build()), APP_OUT_OF_SERVICE);
            assertThat(off.decide(ok("no-data").build())).isInstanceOf(Allow.class);
            assertThat(engine.decide(ok("pseudo").build())).isInstanceOf(Allow.class);
            assertThat(off.isOutOfService("pseudo")).isTrue();
            assertThat(engine.isOutOfService("pseudo")).isFalse();
        }

        @Test
        void runTimeSwitchTakesEffectAtTheNextDecision() {
            AtomicReference<Set<String>> switchedOff = new AtomicReference<>(Set.of());
            PolicyEngine live = new PolicyEngine(CONDITIONS, switchedOff::get);

            assertThat(live.decide(ok("personal").build())).isInstanceOf(Allow.class);
            switchedOff.set(Set.of("personal"));
            refused(live.decide(ok("personal").build()), APP_OUT_OF_SERVICE);
            assertThat(live.applicationsFor(Set.of("clinician"))).extracting(Application::id).doesNotContain("personal");
            switchedOff.set(Set.of());
            assertThat(live.decide(ok("personal").build())).isInstanceOf(Allow.class);
        }

        @Test
        void switchingOnAtRunTimeCannotEnableWhatTheFileDisabled() {
            PolicyEngine live = new PolicyEngine(CONDITIONS, Set::of);

            refused(live.decide(ok("switched-off").build()), APP_DISABLED);
        }

        @Test
        void applicationsForListsWhatAUserCanPickInFileOrder() {
            assertThat(engine.applicationsFor(Set.of("clinician"))).extracting(Application::id)
                    .containsExactly("no-data", "pseudo", "personal", "cds", "pseudo-no-fhir");
            assertThat(engine.applicationsFor(Set.of("compliance-officer"))).extracting(Application::id).containsExactly("no-data");
            assertThat(engine.applicationsFor(Set.of("it-admin"))).extracting(Application::id).containsExactly("admin-only");
            assertThat(engine.applicationsFor(Set.of())).isEmpty();
        }
    }

    @Nested
    class TermsTrainingAndModel {

        @Test
        void termsNotAcceptedIsRefused() {
            Refuse r = refused(engine.decide(ok("no-data").acceptedTermsVersion(null).build()), USE_TERMS_NOT_ACCEPTED);

            assertThat(r.reason().nl()).contains("versie 1");
        }

        @Test
        void acceptingAnOlderVersionOfTheTermsIsNotEnough() {
            refused(engine.decide(ok("pseudo").acceptedTermsVersion("1").build()), USE_TERMS_NOT_ACCEPTED);
            assertThat(engine.decide(ok("pseudo").acceptedTermsVersion("2").build())).isInstanceOf(Allow.class);
        }

        @Test
        void requiredTrainingMustBeAttested() {
            Refuse r = refused(engine.decide(ok("pseudo").attestedTrainings(Set.of()).build()), USE_TRAINING_NOT_ATTESTED);

            assertThat(r.reason().nl()).contains("Basistraining");
            assertThat(r.reason().en()).contains("Basic training");
            assertThat(engine.decide(ok("pseudo").attestedTrainings("other", "basis").build())).isInstanceOf(Allow.class);
        }

        @Test
        void noTrainingNeededWhereNoneIsRequired() {
            assertThat(engine.decide(ok("no-data").attestedTrainings(Set.of()).build())).isInstanceOf(Allow.class);
        }

        @Test
        void modelEndpointMustBeOnTheApplicationsList() {
            refused(engine.decide(ok("no-data").modelEndpoint("second-llm").build()), MODEL_ENDPOINT_NOT_ALLOWED);
            refused(engine.decide(ok("no-data").modelEndpoint("public-cloud-llm").build()), MODEL_ENDPOINT_NOT_ALLOWED);
            assertThat(engine.decide(ok("pseudo").modelEndpoint("second-llm").build())).isInstanceOf(Allow.class);
        }

        @Test
        void extractiveAnswersNeedNoModelEndpoint() {
            assertThat(engine.decide(ok("no-data").modelEndpoint(null).build())).isInstanceOf(Allow.class);

            Refuse r = refused(engine.decide(ok("pseudo-no-fhir").modelEndpoint("internal-llm").build()), MODEL_ENDPOINT_NOT_ALLOWED);
            assertThat(r.allowedInstead().en()).contains("verbatim passages");
        }
    }

    @Nested
    class DecisionValues {

        @Test
        void allRefusalsAreRecordedAndTheFirstInPrecedenceDecides() {
            PolicyDecision d = engine.decide(DecisionRequest.builder("pseudo")
                    .roles("compliance-officer")
                    .intent(CDS)
                    .modelEndpoint("public-cloud-llm")
                    .detected(PERSON)
                    .build());

            Refuse r = refused(d, FMS_1_ROLE_NOT_ALLOWED);
            assertThat(r.firedRules()).containsExactly(FMS_1_ROLE_NOT_ALLOWED, USE_TERMS_NOT_ACCEPTED, USE_TRAINING_NOT_ATTESTED,
                    MODEL_ENDPOINT_NOT_ALLOWED, FMS_4_CDS_NOT_ALLOWED);
        }

        @Test
        void everyDecisionCarriesThePolicyVersionAndHash() {
            List<PolicyDecision> decisions = List.of(
                    engine.decide(ok("no-data").build()),
                    engine.decide(ok("pseudo").detected(BSN).build()),
                    engine.decide(ok("no-data").detected(BSN).build()),
                    engine.decide(ok("no-data").build().withApplication("nope")));
            for (PolicyDecision d : decisions) {
                assertThat(d.policy().version()).isEqualTo("engine-test-1");
                assertThat(d.policy().sha256()).isEqualTo(CONDITIONS.sha256()).matches("[0-9a-f]{64}");
                assertThat(d.firedRules()).isNotEmpty();
            }
        }

        @Test
        void decisionsAreValues() {
            DecisionRequest request = ok("pseudo").detected(PERSON).build();

            assertThat(engine.decide(request)).isEqualTo(engine.decide(request));
        }

        @Test
        void requestWithoutIntentAssessmentIsRejected() {
            assertThatThrownBy(() -> DecisionRequest.builder("no-data").roles("clinician").build())
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("intent");
        }

        @Test
        void everyOutcomeCanBeHandledExhaustively() {
            PolicyDecision d = engine.decide(ok("pseudo").detected(PERSON).build());

            String label = switch (d) {
                case Allow a -> "allowed";
                case AllowAfterTransformation t -> t.transformation().pseudonymises() ? "pseudonymised" : "transformed";
                case Refuse r -> "refused " + r.ruleId();
            };
            assertThat(label).isEqualTo("pseudonymised");
        }
    }
}
