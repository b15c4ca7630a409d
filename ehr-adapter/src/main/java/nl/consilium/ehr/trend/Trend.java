package nl.consilium.ehr.trend;

import java.math.BigDecimal;
import java.util.List;
import nl.consilium.ehr.LabSeries;

/**
 * Direction of a lab value over the kept points: least-squares slope over time, called rising or
 * falling when the fitted change over the period is at least 10% of the reference interval (or of
 * the mean value when there is no two-sided range), otherwise stable.
 */
public record Trend(Direction direction, BigDecimal first, BigDecimal last, int points) {

    public enum Direction { RISING, FALLING, STABLE, TOO_FEW_POINTS }

    static Trend of(List<LabSeries.Point> oldestFirst, LabSeries.ReferenceRange range) {
        int n = oldestFirst.size();
        if (n < 3) {
            return new Trend(Direction.TOO_FEW_POINTS, n == 0 ? null : oldestFirst.get(0).value(),
                    n == 0 ? null : oldestFirst.get(n - 1).value(), n);
        }
        double t0 = oldestFirst.get(0).time().getEpochSecond();
        double sumT = 0, sumV = 0, sumTT = 0, sumTV = 0;
        for (LabSeries.Point p : oldestFirst) {
            double t = (p.time().getEpochSecond() - t0) / 86_400.0;
            double v = p.value().doubleValue();
            sumT += t;
            sumV += v;
            sumTT += t * t;
            sumTV += t * v;
        }
        double denominator = n * sumTT - sumT * sumT;
        double slopePerDay = denominator == 0 ? 0 : (n * sumTV - sumT * sumV) / denominator;
        double spanDays = (oldestFirst.get(n - 1).time().getEpochSecond() - t0) / 86_400.0;
        double change = slopePerDay * spanDays;
        double scale = range != null && range.low() != null && range.high() != null
                ? range.high().doubleValue() - range.low().doubleValue()
                : Math.abs(sumV / n);
        Direction direction = scale == 0 || Math.abs(change) < 0.1 * scale ? Direction.STABLE
                : change > 0 ? Direction.RISING : Direction.FALLING;
        return new Trend(direction, oldestFirst.get(0).value(), oldestFirst.get(n - 1).value(), n);
    }
}
