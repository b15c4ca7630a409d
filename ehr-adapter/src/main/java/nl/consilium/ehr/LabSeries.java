package nl.consilium.ehr;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Values of one laboratory test over time for the trend chart.
 *
 * @param code       LOINC code
 * @param display    name as the laboratory reports it
 * @param unit       unit of the values (values in another unit are left out and counted in skipped)
 * @param points     oldest first
 * @param range      reference range of the most recent result, null when the laboratory gives none
 * @param skipped    results left out (other unit, no numeric value, beyond the point limit)
 */
public record LabSeries(String code, String display, String unit, List<Point> points, ReferenceRange range, int skipped) {

    public LabSeries {
        points = List.copyOf(points);
    }

    /** One result, with the reference to cite. */
    public record Point(Instant time, BigDecimal value, String reference) {
    }

    /** Low and high limit (either may be null), and the laboratory's text when it gives one. */
    public record ReferenceRange(BigDecimal low, BigDecimal high, String text) {
        public boolean isBelow(BigDecimal v) {
            return low != null && v.compareTo(low) < 0;
        }

        public boolean isAbove(BigDecimal v) {
            return high != null && v.compareTo(high) > 0;
        }
    }
}
