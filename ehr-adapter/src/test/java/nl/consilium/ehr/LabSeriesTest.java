package nl.consilium.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab trend series the UI charts, read from the sandbox. */
class LabSeriesTest {

    private static final TimeWindow FIVE_YEARS = new TimeWindow(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1));
    private static SandboxEpd epd;
    private static EhrClient client;

    @BeforeAll
    static void start() {
        epd = SandboxEpd.start(0);
        client = new EhrClient(EhrClientConfig.of(epd.baseUrl(), null).withPageSize(100));
    }

    @AfterAll
    static void stop() {
        client.close();
        epd.close();
    }

    @Test
    void creatinineSeriesHasUnitRangeAndPointsOldestFirst() {
        LabSeries series = client.labSeries(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, "2160-0", FIVE_YEARS, Set.of("Observation"), 500);
        assertThat(series.code()).isEqualTo("2160-0");
        assertThat(series.display()).isEqualTo("Kreatinine");
        assertThat(series.unit()).isEqualTo("umol/L");
        assertThat(series.points()).hasSize(12).isSortedAccordingTo(Comparator.comparing(LabSeries.Point::time));
        assertThat(series.points().getFirst().reference()).isEqualTo("Observation/nl-0001-kreat-0");
        assertThat(series.points().getLast().reference()).isEqualTo("Observation/nl-0001-kreat-11");
        assertThat(series.range().low()).isEqualByComparingTo(new BigDecimal("45"));
        assertThat(series.range().high()).isEqualByComparingTo(new BigDecimal("90"));
        assertThat(series.range().isAbove(series.points().getLast().value())).isTrue();
        assertThat(series.skipped()).isZero();
    }

    @Test
    void windowNarrowsTheSeries() {
        LabSeries series = client.labSeries(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, "2160-0",
                new TimeWindow(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)), Set.of("Observation"), 500);
        assertThat(series.points()).hasSize(4);
    }

    @Test
    void longSeriesKeepsTheMostRecentPointsAndSaysSomethingWasLeftOut() {
        LabSeries series = client.labSeries(SandboxEpd.PATIENT_WITH_THOUSANDS_OF_OBSERVATIONS, "2160-0", FIVE_YEARS,
                Set.of("Observation"), 250);
        assertThat(series.points()).hasSize(250).isSortedAccordingTo(Comparator.comparing(LabSeries.Point::time));
        // the newest daily value of the 800-day admission is the last point
        assertThat(series.points().getLast().reference()).isEqualTo("Observation/nl-0005-0-799");
        assertThat(series.skipped()).isPositive();
        long pages = epd.requests().stream().filter(r -> r.query().contains("2160-0") || r.resourceType().equals("_getpages")).count();
        assertThat(pages).isLessThanOrEqualTo(4);
    }

    @Test
    void unknownCodeGivesAnEmptySeries() {
        LabSeries series = client.labSeries(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, "1234-5", FIVE_YEARS, Set.of("Observation"), 100);
        assertThat(series.points()).isEmpty();
        assertThat(series.range()).isNull();
    }

    @Test
    void observationNotAllowedIsRefusedWithoutARequest() {
        epd.clearRequests();
        assertThatThrownBy(() -> client.labSeries(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, "2160-0", FIVE_YEARS,
                Set.of("Condition"), 100)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Observation");
        assertThatThrownBy(() -> client.labSeries(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, "creatinine", FIVE_YEARS,
                Set.of("Observation"), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(epd.requests()).isEmpty();
    }
}
