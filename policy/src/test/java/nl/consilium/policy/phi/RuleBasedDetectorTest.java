package nl.consilium.policy.phi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import nl.consilium.policy.DataCategory;
import nl.consilium.policy.Detection;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PhiSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedDetectorTest {

    private final PersonalDataDetector detector = Detection.personalDataDetector();

    private String found(String text, DataCategory category) {
        return detector.detect(text).stream().filter(s -> s.category() == category)
                .map(s -> text.substring(s.start(), s.end())).findFirst().orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Bekend met de ziekte van Parkinson en M. Crohn.",
        "Glasgow Coma Scale 14, EMV 4-5-5.",
        "Non-Hodgkinlymfoom, stadium IIB volgens Ann Arbor.",
        "Verdenking ziekte van Graves; syndroom van Cushing uitgesloten.",
        "Hb 7,2 mmol/L, kreatinine 88 µmol/L, CRP 12 mg/L, eGFR > 90.",
        "Metoprolol 50 mg 2 dd, paracetamol 1000 mg max 4x per dag, 1-2 tabletten zo nodig.",
        "ICD-10 I21.4, ATC N02BE01, LOINC 2160-0, DBC 302.11.",
        "Om 14:35 geïntubeerd, om 16.10 uur geëxtubeerd.",
        "Sinds 2009 bekend met diabetes, in 2015 een CVA.",
        "RR 150/95 mmHg, pols 72/min, saturatie 96%, temperatuur 38,4 °C.",
        "Factor V Leiden heterozygoot, Rome IV-criteria vervuld, Boston Bowel Preparation Scale 8.",
        "Murphy negatief, Lachman positief, Babinski rechts positief.",
        "Graves' disease and Barrett's oesophagus; Hodgkin lymphoma in 2018."
    })
    void hardNegativesAreNotPersonalData(String text) {
        assertThat(detector.detect(text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mevr. De Vries werd gezien.|PERSON|De Vries",
        "Dhr. J.P. van den Berg belde.|PERSON|J.P. van den Berg",
        "verwezen door huisarts Bakker.|PERSON|Bakker",
        "mw. A. de Jong-Smit, cT2N1M0|PERSON|A. de Jong-Smit",
        "Een 78-jarige vrouw.|AGE|78",
        "BSN 628194821 bekend.|BSN|628194821",
        "BSN: 252 760 189.|BSN|252 760 189",
        "Pat.nr. 4829173.|PATIENT_ID|4829173",
        "Bel 06-12345678 of later.|PHONE|06-12345678",
        "Tel +31 6 23456789.|PHONE|+31 6 23456789",
        "Woont in 3584 CX Utrecht.|POSTCODE|3584 CX",
        "Woont in 3584 CX Utrecht.|LOCATION|Utrecht",
        "Adres Kerkstraat 14, Zeist.|LOCATION|Kerkstraat 14",
        "Gezien op 12-03-2024.|DATE|12-03-2024",
        "Gezien op 3 feb. 2024.|DATE|3 feb. 2024",
        "Seen on March 3, 2024.|DATE|March 3, 2024",
        "Sinds december 2023 klachten.|DATE|december 2023",
        "Mail k.jansen@example.nl graag.|EMAIL|k.jansen@example.nl",
        "Overplaatsing naar het St. Antonius Ziekenhuis.|INSTITUTION|St. Antonius Ziekenhuis",
        "Via Huisartsenpraktijk De Linde te Zeist.|INSTITUTION|Huisartsenpraktijk De Linde"
    })
    void findsWhatASpecialistTypes(String text, DataCategory category, String expected) {
        assertThat(found(text, category)).as(text).isEqualTo(expected);
    }

    @Test
    void spansAreOrderedAndDisjoint() {
        String text = "Dhr. Jan de Graaf, Prins Hendriklaan 112, 3583 EP Utrecht, BSN 507529170, tel. 0302345678, geb. 01-02-1950.";
        List<PhiSpan> spans = detector.detect(text);
        assertThat(spans).hasSizeGreaterThanOrEqualTo(7);
        for (int k = 1; k < spans.size(); k++) {
            assertThat(spans.get(k).start()).isGreaterThanOrEqualTo(spans.get(k - 1).end());
        }
    }

    @Test
    void emptyAndOddInputGiveNoSpans() {
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
        assertThat(detector.detect("   \n\t ")).isEmpty();
        assertThat(detector.detect("@@@ ... +++ (((")).isEmpty();
    }

    @Test
    void randomTextNeverBreaksTheDetectorAndSpansStayValid() {
        java.util.Random random = new java.util.Random(7);
        String[] pieces = {"Dhr.", "mevr", "J.", "P.", "van", "de", "der", "'t", "Jansen", "Bakker", "De", "Vries", "Utrecht", "3584", "CX",
            "06-", "+31", "(0)", "12", "345", "6789", "-", "/", ".", ",", ":", "@", "www.", "http://", "a", "x", "t/m", "maart", "2024",
            "jarige", "jaar", "BSN", "628194821", "pat.nr.", "Ziekenhuis", "Huisartsenpraktijk", "straat", "Kerkstraat", "M.", "Parkinson",
            "ziekte", "\n", " ", " ", " ", "é", "Ö", "\uD83D\uDE00", "'", "\u2019", "-", "(", ")", "Persoon", "A"};
        for (int k = 0; k < 3000; k++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(40);
            for (int p = 0; p < n; p++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    sb.append(' ');
                }
            }
            String text = sb.toString();
            List<PhiSpan> spans = detector.detect(text);
            int previousEnd = 0;
            for (PhiSpan s : spans) {
                assertThat(s.start()).as(text).isGreaterThanOrEqualTo(previousEnd);
                assertThat(s.end()).as(text).isLessThanOrEqualTo(text.length());
                previousEnd = s.end();
            }
        }
    }

    @Test
    void pathologicalInputsStayLinear() {
        // A quadratic rule would take minutes on 250 kB of one repeated token; linear ones take milliseconds.
        for (String unit : List.of("van ", "a@", "J.", "0", "-Jansen", "Dhr. ", "12-", "www.x", "+31 ", "Kerkstraat ")) {
            String big = unit.repeat(250_000 / unit.length());
            long t0 = System.nanoTime();
            detector.detect(big);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("250 kB of '%s'", unit).isLessThan(5_000);
        }
    }

    @Test
    void aMegabyteOfTextIsHandledInOnePass() {
        String note = "Mevr. De Vries, 78-jarige vrouw, BSN 628194821, gezien op 12-03-2024 met M. Parkinson. Hb 7,1. ";
        String big = note.repeat(1_000_000 / note.length() + 1);
        long t0 = System.nanoTime();
        List<PhiSpan> spans = detector.detect(big);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(spans.size()).isGreaterThan(4 * (big.length() / note.length()) - 4);
        assertThat(ms).as("1 MB must not take seconds").isLessThan(5_000);
    }
}
