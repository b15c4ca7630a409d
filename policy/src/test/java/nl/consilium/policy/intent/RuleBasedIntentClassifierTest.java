package nl.consilium.policy.intent;

import static org.assertj.core.api.Assertions.assertThat;

import nl.consilium.policy.CdsIntentClassifier;
import nl.consilium.policy.Detection;
import nl.consilium.policy.IntentAssessment;
import nl.consilium.policy.phi.GoldSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedIntentClassifierTest {

    private final CdsIntentClassifier classifier = Detection.cdsIntentClassifier();

    @ParameterizedTest
    @ValueSource(strings = {GoldSet.CDS_HELDOUT, GoldSet.CDS_DEV})
    void meetsTheTargets(String set) {
        IntentEvaluation.Result r = IntentEvaluation.run(classifier, GoldSet.requests(set));
        System.out.println(r.row(set));
        assertThat(r.recall()).as("%s recall on cds=true", set).isGreaterThanOrEqualTo(0.95);
        assertThat(r.precision()).as("%s precision", set).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void explainsWhichRuleFiredWithoutQuotingThePatient() {
        IntentAssessment a = classifier.classify("Moet mevrouw Van Amerongen de apixaban stoppen voor de operatie?");
        assertThat(a.cds()).isTrue();
        assertThat(a.rule()).isEqualTo("cds.treatment");
        assertThat(a.evidence()).contains("individual patient").doesNotContain("Amerongen");
    }

    @Test
    void evidenceNeverCarriesNamesOrValuesFromTheRequest() {
        for (GoldSet.Request r : GoldSet.requests(GoldSet.CDS_DEV)) {
            IntentAssessment a = classifier.classify(r.text());
            assertThat(a.evidence()).as(r.id()).doesNotContainPattern("\\d").doesNotContain("Jansen").doesNotContain("De Jong");
        }
        IntentAssessment a = classifier.classify("Heeft Jan volgens jou een longembolie?");
        assertThat(a.evidence()).doesNotContain("Jan ").doesNotContain("longembolie");
    }

    @Test
    void writingTasksAndGeneralKnowledgeAreNotDecisionSupport() {
        assertThat(classifier.classify("Schrijf een verwijsbrief voor deze patiënt met een longembolie.").rule()).isEqualTo("cds.task");
        assertThat(classifier.classify("Wat is de dosering van amoxicilline bij otitis volgens de NHG?"))
                .extracting(IntentAssessment::cds, IntentAssessment::rule).containsExactly(false, "cds.general-knowledge");
        assertThat(classifier.classify("").cds()).isFalse();
        assertThat(classifier.classify(null).rule()).isEqualTo("cds.empty");
    }
}
