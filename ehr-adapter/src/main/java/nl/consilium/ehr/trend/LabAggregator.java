package nl.consilium.ehr.trend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.consilium.ehr.LabSeries;
import org.hl7.fhir.r4.model.Observation;

/**
 * Folds a stream of lab Observations, newest first, into one summary per code while keeping only
 * a fixed number of recent values per code and a fixed number of codes: memory does not grow with
 * the number of results read.
 */
public final class LabAggregator {

    private final int pointsPerCode;
    private final int maxCodes;
    private final Map<String, Summary> byCode = new LinkedHashMap<>();
    private int ignored;

    public LabAggregator(int pointsPerCode, int maxCodes) {
        this.pointsPerCode = pointsPerCode;
        this.maxCodes = maxCodes;
    }

    /** Everything known about one lab code in the window. */
    public static final class Summary {
        private final String code;
        private final String display;
        private final String unit;
        private final Deque<LabSeries.Point> recent = new ArrayDeque<>(); // newest first
        private LabSeries.ReferenceRange range;
        private String latestFlag = "";
        private int count;

        Summary(String code, String display, String unit) {
            this.code = code;
            this.display = display;
            this.unit = unit;
        }

        public String code() {
            return code;
        }

        public String display() {
            return display;
        }

        public String unit() {
            return unit;
        }

        /** Results seen in the window (not only those kept). */
        public int count() {
            return count;
        }

        public LabSeries.ReferenceRange range() {
            return range;
        }

        public String latestFlag() {
            return latestFlag;
        }

        public LabSeries.Point latest() {
            return recent.peekFirst();
        }

        /** Kept points, oldest first. */
        public List<LabSeries.Point> pointsOldestFirst() {
            List<LabSeries.Point> points = new ArrayList<>(recent);
            java.util.Collections.reverse(points);
            return points;
        }

        public Trend trend() {
            return Trend.of(pointsOldestFirst(), range);
        }
    }

    public void accept(Observation o) {
        BigDecimal value = Labs.value(o);
        Instant time = Labs.time(o);
        if (value == null || time == null) {
            ignored++;
            return;
        }
        String code = Labs.code(o);
        Summary summary = byCode.get(code);
        if (summary == null) {
            if (byCode.size() >= maxCodes) {
                ignored++;
                return;
            }
            summary = new Summary(code, Labs.display(o), Labs.unit(o));
            byCode.put(code, summary);
        }
        if (!summary.unit.equals(Labs.unit(o))) {
            ignored++; // a different unit cannot share a trend line
            return;
        }
        summary.count++;
        LabSeries.Point point = new LabSeries.Point(time, value, "Observation/" + o.getIdElement().getIdPart());
        Deque<LabSeries.Point> recent = summary.recent; // newest first, at most pointsPerCode
        if (recent.isEmpty() || !time.isBefore(recent.peekFirst().time())) {
            summary.range = Labs.range(o);
            summary.latestFlag = Labs.flag(o, value, summary.range);
            recent.addFirst(point);
        } else if (!time.isAfter(recent.peekLast().time())) {
            if (recent.size() >= pointsPerCode) {
                return; // older than everything kept: the usual case when reading newest first
            }
            recent.addLast(point);
        } else {
            List<LabSeries.Point> sorted = new ArrayList<>(recent);
            sorted.add(point);
            sorted.sort(Comparator.comparing(LabSeries.Point::time).reversed());
            recent.clear();
            recent.addAll(sorted);
        }
        while (recent.size() > pointsPerCode) {
            recent.pollLast();
        }
    }

    /** Codes, most recently measured first. */
    public List<Summary> summaries() {
        List<Summary> list = new ArrayList<>(byCode.values());
        list.sort(Comparator.comparing((Summary s) -> s.latest().time()).reversed());
        return list;
    }

    public int ignored() {
        return ignored;
    }
}
