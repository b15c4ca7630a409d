package nl.consilium.policy.decision;

import static nl.consilium.policy.DataCategory.BSN;
import static nl.consilium.policy.DataCategory.DATE;
import static nl.consilium.policy.DataCategory.PERSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import nl.consilium.policy.DecisionRequest;
import nl.consilium.policy.IntentAssessment;
import nl.consilium.policy.PolicyDecision;
import nl.consilium.policy.PolicyDecision.Allow;
import nl.consilium.policy.PolicyDecision.AllowAfterTransformation;
import nl.consilium.policy.PolicyDecision.Refuse;
import nl.consilium.policy.PolicyEngine;
import nl.consilium.policy.PolicyRules;
import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsLoader;
import org.junit.jupiter.api.Test;

/** The four demo applications behave as the demo script and docs/use-conditions.md promise. */
class DemoPolicyScenariosTest {

    static final UseConditions DEMO = UseConditionsLoader.load(Path.of("..", "infra", "demo", "use-conditions.yaml"));
    static final IntentAssessment GENERAL = new IntentAssessment(false, "TEST-GENERAL", "");
    static final IntentAssessment TREATMENT = new IntentAssessment(true, "TEST-TREATMENT", "");

    final PolicyEngine engine = new PolicyEngine(DEMO);

    static DecisionRequest.Builder clinician(String app) {
        return DecisionRequest.builder(app).roles("clinician").intent(GENERAL).modelEndpoint("internal-llm")
                .attestedTrainings("e-learning-ai-basis").acceptedTermsVersion("1");
    }

    @Test
    void richtlijnenAnswersGuidelineQuestionsButRefusesTreatmentAdviceAndPatientData() {
        assertThat(engine.decide(clinician("richtlijnen").build())).isInstanceOf(Allow.class);

        PolicyDecision cds = engine.decide(clinician("richtlijnen").intent(TREATMENT).build());
        assertThat(cds).isInstanceOfSatisfying(Refuse.class, r -> {
            assertThat(r.ruleId()).isEqualTo(PolicyRules.FMS_4_CDS_NOT_ALLOWED);
            assertThat(r.allowedInstead().nl()).contains("wat de richtlijn zegt");
        });

        PolicyDecision named = engine.decide(clinician("richtlijnen").detected(PERSON, BSN).build());
        assertThat(named).isInstanceOfSatisfying(Refuse.class, r -> {
            assertThat(r.ruleId()).isEqualTo(PolicyRules.FMS_2_PSEUDONYMISED_DATA_NOT_ALLOWED);
            assertThat(r.allowedInstead().nl()).contains("'Patiëntsamenvatting'", "'Brief'");
        });
    }

    @Test
    void patientsamenvattingPseudonymisesInputAndPatientContext() {
        PolicyDecision d = engine.decide(clinician("patientsamenvatting").detected(PERSON, DATE)
                .patientContext(true, List.of("Patient", "Observation", "DocumentReference")).build());

        assertThat(d).isInstanceOfSatisfying(AllowAfterTransformation.class, t -> {
            assertThat(t.transformation().pseudonymise()).containsExactlyInAnyOrder(PERSON, DATE);
            assertThat(t.transformation().pseudonymisePatientContext()).isTrue();
            assertThat(t.transformation().dropResourceTypes()).containsExactly("DocumentReference");
            assertThat(t.patientContextResourceTypes()).containsExactlyInAnyOrder("Patient", "Observation");
        });
    }

    @Test
    void patientsamenvattingNeedsTheTraining() {
        PolicyDecision d = engine.decide(clinician("patientsamenvatting").attestedTrainings(List.of()).build());

        assertThat(d).isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.reason().nl()).contains("Verantwoord werken met Consilium"));
    }

    @Test
    void briefUsesPersonalDataAsIs() {
        PolicyDecision d = engine.decide(clinician("brief").detected(PERSON, BSN).patientContext(true, List.of()).build());

        assertThat(d).isInstanceOfSatisfying(Allow.class, a -> {
            assertThat(a.firedRules()).contains(PolicyRules.FMS_3_PERSONAL_DATA_ALLOWED);
            assertThat(a.patientContextResourceTypes()).contains("Patient", "Condition");
        });
    }

    @Test
    void folderVertalenRefusesPatientDataAndStoresNothing() {
        assertThat(engine.decide(clinician("folder-vertalen").build())).isInstanceOf(Allow.class);
        assertThat(engine.decide(clinician("folder-vertalen").detected(PERSON).build())).isInstanceOf(Refuse.class);
        assertThat(DEMO.application("folder-vertalen").orElseThrow().storesConversations()).isFalse();
    }

    @Test
    void complianceOfficerAndItCannotUseTheClinicalApplications() {
        for (String role : List.of("compliance-officer", "it-admin")) {
            assertThat(engine.applicationsFor(java.util.Set.of(role))).isEmpty();
            assertThat(engine.decide(clinician("brief").roles(role).build()))
                    .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.ruleId()).isEqualTo(PolicyRules.FMS_1_ROLE_NOT_ALLOWED));
        }
    }

    @Test
    void termsTextFollowsTheDeclarations() {
        var richtlijnen = DEMO.termsOf("richtlijnen").orElseThrow();
        assertThat(richtlijnen.nl()).contains("Gebruiksvoorwaarden Richtlijnen (versie 1)", "Niet toegestaan: voer geen patiëntgegevens in",
                "geen diagnose, prognose of behandeladvies", "30 dagen");
        assertThat(richtlijnen.en()).contains("Terms of use Guidelines (version 1)", "Medical specialist", "kept for 30 days");

        var summary = DEMO.termsOf("patientsamenvatting").orElseThrow();
        assertThat(summary.nl()).contains("worden vóór verwerking gepseudonimiseerd", "Alleen: Patient, Condition",
                "Vereiste training", "7 dagen");
        assertThat(DEMO.termsOf("folder-vertalen").orElseThrow().en()).contains("Conversations are not stored.");
        assertThat(DEMO.termsOf("brief").orElseThrow().en()).contains("1 day").contains("Identifying personal data.** Allowed");
        assertThat(DEMO.termsOf("nope")).isEmpty();
    }
}
