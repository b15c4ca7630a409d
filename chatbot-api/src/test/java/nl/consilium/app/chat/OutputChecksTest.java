package nl.consilium.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import nl.consilium.policy.Application;
import nl.consilium.policy.Detection;
import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsLoader;
import org.junit.jupiter.api.Test;

class OutputChecksTest {

    static final UseConditions DEMO = UseConditionsLoader.load(Path.of("../infra/demo/use-conditions.yaml"));
    static final Application RICHTLIJNEN = DEMO.application("richtlijnen").orElseThrow();

    final OutputChecks checks = new OutputChecks(Detection.personalDataDetector());

    @Test
    void citationsToPassagesThatWereNotGivenAreRemoved() {
        var checked = checks.check("Eerste keus is amoxicilline [1]. Zie [2] en [7].", List.of("a", "b"),
                RICHTLIJNEN, false);

        assertThat(checked.text()).contains("[1]").contains("[2]").doesNotContain("[7]");
        assertThat(checked.interventions()).containsExactly(OutputChecks.CITATION_REMOVED);
    }

    @Test
    void individualTreatmentAdviceIsWithheldWhereCdsIsOffButGuidelineWordingStays() {
        var checked = checks.check("Bij CAP wordt amoxicilline geadviseerd [1]. Geef deze patiënt 750 mg "
                + "amoxicilline driemaal daags [1].", List.of("bron"), RICHTLIJNEN, false);

        assertThat(checked.text()).contains("Bij CAP wordt amoxicilline geadviseerd [1].")
                .doesNotContain("750 mg").contains("[Weggelaten:");
        assertThat(checked.interventions()).contains(OutputChecks.CDS_WITHHELD);
    }

    @Test
    void identifyingDataIsRemovedWhereTheApplicationAllowsNoneButWordsFromTheSourcesStay() {
        String source = "| Ernst | Licht | Matig | Ernstig |";
        var checked = checks.check("Volgens de tabel (Licht, Matig, Ernstig) [1]. Bel mevrouw De Vries op 06-12345678.",
                List.of(source), RICHTLIJNEN, false);

        assertThat(checked.text()).contains("Licht, Matig, Ernstig").doesNotContain("De Vries")
                .doesNotContain("06-12345678");
        assertThat(checked.interventions()).contains(OutputChecks.PERSONAL_DATA_REMOVED);
    }

    @Test
    void anExtractiveAnswerIsQuotedUnchanged() {
        String quote = "[1] Pneumonie > Ernst:\n\"Licht: CURB-65 0-1. Matig: 2. Ernstig: 3-5.\"";

        var checked = checks.checkExtractive(quote, 1);

        assertThat(checked.text()).isEqualTo(quote.strip());
        assertThat(checked.interventions()).isEmpty();
    }
}
