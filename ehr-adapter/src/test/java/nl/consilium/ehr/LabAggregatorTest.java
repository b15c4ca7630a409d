package nl.consilium.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import nl.consilium.ehr.trend.LabAggregator;
import nl.consilium.ehr.trend.Trend;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/** The lab fold keeps a fixed amount of memory however many results stream through it. */
class LabAggregatorTest {

    private static Observation obs(String id, String code, double value, Instant at) {
        Observation o = new Observation();
        o.setId("Observation/" + id);
        o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", code, code)));
        o.setEffective(new DateTimeType(Date.from(at)));
        o.setValue(new Quantity().setValue(value).setUnit("mmol/L"));
        return o;
    }

    @Test
    void keepsOnlyTheNewestPointsPerCodeAndBoundsTheNumberOfCodes() {
        LabAggregator aggregator = new LabAggregator(5, 3);
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        // newest first, as the EPD delivers with _sort=-date; 4 codes, 100 000 results
        for (int i = 100_000; i > 0; i--) {
            aggregator.accept(obs("o" + i, "code-" + (i % 4), i, start.plusSeconds(60L * i)));
        }
        assertThat(aggregator.summaries()).hasSize(3);
        assertThat(aggregator.summaries()).allSatisfy(s -> {
            assertThat(s.pointsOldestFirst()).hasSize(5);
            assertThat(s.count()).isEqualTo(25_000);
            // the kept points are the five newest of that code, four results apart
            assertThat(s.pointsOldestFirst().getLast().value().intValue() - s.pointsOldestFirst().getFirst().value().intValue())
                    .isEqualTo(16);
        });
        assertThat(aggregator.ignored()).isEqualTo(25_000); // the fourth code did not fit
        assertThat(aggregator.summaries().getFirst().latest().value().intValue()).isEqualTo(100_000);
    }

    @Test
    void trendIsJudgedAgainstTheReferenceRangeWidth() {
        LabAggregator aggregator = new LabAggregator(12, 10);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 6; i++) {
            aggregator.accept(obs("r" + i, "rising", 4.0 + 0.2 * i, t.plusSeconds(86_400L * 30 * i)));
            aggregator.accept(obs("f" + i, "flat", 140 + (i % 2), t.plusSeconds(86_400L * 30 * i)));
        }
        assertThat(aggregator.summaries()).allSatisfy(s -> assertThat(s.trend().direction())
                .isEqualTo(s.code().equals("rising") ? Trend.Direction.RISING : Trend.Direction.STABLE));
    }

    @Test
    void outOfOrderResultsStillEndNewestLast() {
        LabAggregator aggregator = new LabAggregator(3, 10);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        aggregator.accept(obs("a", "k", 1, t.plusSeconds(100)));
        aggregator.accept(obs("b", "k", 2, t.plusSeconds(300)));
        aggregator.accept(obs("c", "k", 3, t.plusSeconds(200)));
        aggregator.accept(obs("d", "k", 4, t));
        var summary = aggregator.summaries().getFirst();
        assertThat(summary.pointsOldestFirst()).extracting(LabSeries.Point::reference)
                .containsExactly("Observation/a", "Observation/c", "Observation/b");
        assertThat(summary.latest().reference()).isEqualTo("Observation/b");
    }
}
