package nl.consilium.ehr;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/** Clinical dates from {@code from} to {@code to}, both inclusive (dates in the hospital's time zone). */
public record TimeWindow(LocalDate from, LocalDate to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("time window ends before it starts: " + from + " .. " + to);
        }
    }

    /** The last {@code years} years up to today. */
    public static TimeWindow lastYears(int years, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        return new TimeWindow(today.minusYears(years), today);
    }

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(from) && !date.isAfter(to);
    }
}
