package nl.consilium.policy.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import nl.consilium.policy.DataCategory;
import nl.consilium.policy.Detection;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;
import nl.consilium.policy.PseudonymisationSession;
import nl.consilium.policy.phi.GoldSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property-style checks over every annotated note plus generated dates. */
class SurrogateSessionTest {

    private final PersonalDataDetector detector = Detection.personalDataDetector();

    private static List<GoldSet.Note> allNotes() {
        return java.util.stream.Stream.of(GoldSet.DEV, GoldSet.HELDOUT, GoldSet.HELDOUT2, GoldSet.HELDOUT3)
                .flatMap(s -> GoldSet.load(s).notes().stream()).toList();
    }

    @Test
    void reidentifyRestoresEveryNoteExactly() {
        // One conversation per note: within a conversation, one surname written two ways is one person,
        // and reidentify shows the spelling first seen (see the class comment of SurrogateSession).
        for (GoldSet.Note note : allNotes()) {
            PseudonymisationSession session = Detection.newPseudonymisationSession(detector);
            String pseudo = session.pseudonymise(note.text());
            assertThat(session.reidentify(pseudo)).as(note.id()).isEqualTo(note.text());
        }
    }

    @Test
    void noDetectedIdentifyingValueSurvivesPseudonymisation() {
        PseudonymisationSession session = Detection.newPseudonymisationSession(detector);
        for (GoldSet.Note note : allNotes()) {
            String pseudo = session.pseudonymise(note.text());
            for (PhiSpan span : detector.detect(note.text())) {
                if (span.category().identifying() && span.length() >= 4) {
                    String real = note.text().substring(span.start(), span.end());
                    assertThat(pseudo).as("%s leaks %s", note.id(), span.category()).doesNotContain(real);
                }
            }
        }
    }

    @Test
    void theSamePersonGetsTheSameSurrogateAcrossMessagesAndDifferentPeopleDifferentOnes() {
        PseudonymisationSession session = Detection.newPseudonymisationSession(detector);
        String first = session.pseudonymise("Mevr. A. de Vries belde over dhr. Jansen.");
        String second = session.pseudonymise("Later kwam mevr. De Vries terug; dhr. Jansen niet.");
        assertThat(first).contains("Persoon A").contains("Persoon B").doesNotContain("Vries").doesNotContain("Jansen");
        assertThat(second).contains("mevr. Persoon A").contains("dhr. Persoon B");
        assertThat(session.surrogate(DataCategory.PERSON, "Jansen")).isEqualTo("Persoon B");
        assertThat(session.surrogate(DataCategory.PERSON, "Pietersen")).isEqualTo("Persoon C");
        assertThat(session.reidentify("Persoon B en Persoon A")).isEqualTo("Jansen en A. de Vries");
    }

    @Test
    void identifiersBecomeNumberedPlaceholdersConsistently() {
        PseudonymisationSession session = Detection.newPseudonymisationSession(detector);
        String a = session.pseudonymise("BSN 628194821, tel 06-12345678.");
        String b = session.pseudonymise("Nogmaals BSN 628 194 821 en +31 6 12345678.");
        assertThat(a).isEqualTo("BSN [BSN-1], tel [TELEFOON-1].");
        assertThat(b).isEqualTo("Nogmaals BSN [BSN-1] en [TELEFOON-1].");
    }

    @Test
    void datesShiftByOneOffsetSoIntervalsStayTrue() {
        PseudonymisationSession session = Detection.newPseudonymisationSession(detector, 40);
        String pseudo = session.pseudonymise("Opname 12-03-2024, ontslag 19-03-2024, controle 2 april 2024, sinds december 2023.");
        assertThat(pseudo).isEqualTo("Opname 21-04-2024, ontslag 28-04-2024, controle 12 mei 2024, sinds januari 2024.");
        assertThat(session.reidentify(pseudo)).isEqualTo("Opname 12-03-2024, ontslag 19-03-2024, controle 2 april 2024, sinds december 2023.");
    }

    @Test
    void weekdaysFollowTheShiftedDate() {
        PseudonymisationSession session = Detection.newPseudonymisationSession(detector, 1);
        assertThat(session.pseudonymise("Gezien op vrijdag 8 maart 2024.")).isEqualTo("Gezien op zaterdag 9 maart 2024.");
        assertThat(session.pseudonymise("Seen on Monday 4 March 2024.")).isEqualTo("Seen on Tuesday 5 March 2024.");
    }

    @ParameterizedTest
    @ValueSource(ints = {-365, -200, -31, 30, 59, 365})
    void shiftedRenderingsParseBackToTheShiftedDate(int shift) {
        Random random = new Random(shift);
        String[] notations = {"%1$02d-%2$02d-%3$d", "%1$d/%2$d/%3$d", "%1$02d.%2$02d.%3$d", "%3$d-%2$02d-%1$02d", "%1$d %4$s %3$d"};
        String[] months = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"};
        for (int k = 0; k < 500; k++) {
            LocalDate real = LocalDate.of(1930 + random.nextInt(95), 1, 1).plusDays(random.nextInt(365));
            String text = String.format(notations[k % notations.length], real.getDayOfMonth(), real.getMonthValue(), real.getYear(),
                    months[real.getMonthValue() - 1]);
            Optional<ClinicalDate> parsed = ClinicalDate.parse(text, 2024);
            assertThat(parsed).as(text).isPresent();
            assertThat(parsed.get().date()).isEqualTo(real);
            String rendered = parsed.get().render(real.plusDays(shift));
            Optional<ClinicalDate> back = ClinicalDate.parse(rendered, 2024);
            assertThat(back).as(rendered).isPresent();
            assertThat(ChronoUnit.DAYS.between(real, back.get().date())).as(text + " -> " + rendered).isEqualTo(shift);
        }
    }

    @Test
    void randomSessionsShiftDatesAndNeverByZero() {
        for (int k = 0; k < 200; k++) {
            PseudonymisationSession s = Detection.newPseudonymisationSession(detector);
            long days = ChronoUnit.DAYS.between(LocalDate.of(2024, 1, 1), s.shift(LocalDate.of(2024, 1, 1)));
            assertThat(Math.abs(days)).isBetween(30L, 365L);
        }
    }

    @Test
    void theReverseMappingBelongsToOneSessionOnly() {
        PseudonymisationSession one = Detection.newPseudonymisationSession(detector);
        PseudonymisationSession other = Detection.newPseudonymisationSession(detector);
        String pseudo = one.pseudonymise("Dhr. Hoekstra, BSN 628194821.");
        assertThat(other.reidentify(pseudo)).isEqualTo(pseudo).doesNotContain("Hoekstra");
        assertThat(one.reidentify(pseudo)).isEqualTo("Dhr. Hoekstra, BSN 628194821.");
    }

    @Test
    void youngAgesStayOldAgesArePlaceholders() {
        PseudonymisationSession s = Detection.newPseudonymisationSession(detector);
        assertThat(s.pseudonymise("Een 78-jarige vrouw.")).isEqualTo("Een 78-jarige vrouw.");
        assertThat(s.pseudonymise("Een 97-jarige vrouw.")).isEqualTo("Een [LEEFTIJD-1]-jarige vrouw.");
    }

    @Test
    void pseudonymisingTwiceChangesNothingAndSurrogatesAreNotPersonalData() {
        PseudonymisationSession session = Detection.newPseudonymisationSession(detector, 12);
        for (GoldSet.Note note : allNotes()) {
            if (detector.detect(note.text()).stream().anyMatch(s -> s.category() == DataCategory.DATE)) {
                continue; // dates shift again by design: a real date may equal a shifted one (see realDateEqualToASurrogateIsStillShifted)
            }
            String once = session.pseudonymise(note.text());
            assertThat(session.pseudonymise(once)).as(note.id()).isEqualTo(once);
        }
        assertThat(detector.detect("Mevr. Persoon A woont in Locatie B en is bekend bij Instelling C.")).isEmpty();
    }

    @Test
    void realDateEqualToASurrogateIsStillShifted() {
        PseudonymisationSession session = Detection.newPseudonymisationSession(detector, 1);
        assertThat(session.pseudonymise("Opname 04-02-2024.")).isEqualTo("Opname 05-02-2024.");
        String second = session.pseudonymise("Ontslag 05-02-2024.");
        assertThat(second).isEqualTo("Ontslag 06-02-2024.");
        assertThat(session.reidentify("Opname 05-02-2024, ontslag 06-02-2024.")).isEqualTo("Opname 04-02-2024, ontslag 05-02-2024.");
    }

    @Test
    void lettersCountLikeSpreadsheetColumns() {
        assertThat(SurrogateSession.letters(1)).isEqualTo("A");
        assertThat(SurrogateSession.letters(26)).isEqualTo("Z");
        assertThat(SurrogateSession.letters(27)).isEqualTo("AA");
        assertThat(SurrogateSession.letters(53)).isEqualTo("BA");
    }
}
