package nl.consilium.ehr.trend;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.consilium.ehr.LabSeries;
import nl.consilium.ehr.TimeWindow;
import nl.consilium.ehr.client.FhirGateway;
import org.hl7.fhir.r4.model.Observation;

/**
 * One lab code over time for the chart. Reads newest first and stops at the point limit, so a
 * daily ICU value over years still costs a bounded number of pages; the kept points are returned
 * oldest first, ready to plot.
 */
public final class LabSeriesReader {

    private final FhirGateway gateway;

    public LabSeriesReader(FhirGateway gateway) {
        this.gateway = gateway;
    }

    public LabSeries read(String patientId, String loincCode, TimeWindow window, int maxPoints) {
        String url = "Observation?patient=" + URLEncoder.encode(patientId, StandardCharsets.UTF_8)
                + "&code=" + URLEncoder.encode(Labs.LOINC + "|" + loincCode, StandardCharsets.UTF_8)
                + "&date=ge" + window.from() + "&date=le" + window.to() + "&_sort=-date";
        List<LabSeries.Point> points = new ArrayList<>();
        String[] display = {loincCode};
        String[] unit = {null};
        LabSeries.ReferenceRange[] range = {null};
        int[] skipped = {0};
        FhirGateway.SearchStats stats = gateway.search(url, patientId, maxPoints, Integer.MAX_VALUE, r -> {
            if (!(r instanceof Observation o)) {
                return;
            }
            BigDecimal value = Labs.value(o);
            if (value == null || Labs.time(o) == null) {
                skipped[0]++;
                return;
            }
            if (unit[0] == null) { // newest result decides unit, name and range
                unit[0] = Labs.unit(o);
                display[0] = Labs.display(o);
                range[0] = Labs.range(o);
            }
            if (!unit[0].equals(Labs.unit(o))) {
                skipped[0]++;
                return;
            }
            points.add(new LabSeries.Point(Labs.time(o), value, "Observation/" + o.getIdElement().getIdPart()));
        });
        Collections.reverse(points);
        int beyondLimit = stats.truncated() ? 1 : 0; // at least one more result exists than was read
        return new LabSeries(loincCode, display[0], unit[0] == null ? "" : unit[0], points, range[0],
                skipped[0] + beyondLimit);
    }
}
