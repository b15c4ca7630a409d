package nl.consilium.ehr.sandbox;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * Turns FHIR date search parameters into instants the way a Dutch EPD reads them: a date without
 * time ("le2024-01-31") means the whole day in the hospital's time zone. (HAPI's own
 * getLowerBoundAsInstant widens day bounds to every time zone on earth, which a clinician asking
 * for "January" would not expect.)
 */
final class DateBounds {

    static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Amsterdam");

    private DateBounds() {
    }

    static Instant lowerInclusive(DateParam p) {
        if (p == null || p.getValueAsString() == null) {
            return null;
        }
        Period period = period(p);
        return p.getPrefix() == ParamPrefixEnum.GREATERTHAN ? period.end : period.start;
    }

    static Instant upperExclusive(DateParam p) {
        if (p == null || p.getValueAsString() == null) {
            return null;
        }
        Period period = period(p);
        return p.getPrefix() == ParamPrefixEnum.LESSTHAN ? period.start : period.end;
    }

    private record Period(Instant start, Instant end) {
    }

    private static Period period(DateParam p) {
        DateTimeType value = new DateTimeType(p.getValueAsString());
        TemporalPrecisionEnum precision = value.getPrecision();
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            int month = precision == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1;
            int day = precision == TemporalPrecisionEnum.DAY ? value.getDay() : 1;
            LocalDate start = LocalDate.of(value.getYear(), month, day);
            LocalDate end = switch (precision) {
                case YEAR -> start.plusYears(1);
                case MONTH -> start.plusMonths(1);
                default -> start.plusDays(1);
            };
            return new Period(start.atStartOfDay(HOSPITAL_ZONE).toInstant(), end.atStartOfDay(HOSPITAL_ZONE).toInstant());
        }
        Instant at = value.getValue().toInstant();
        return new Period(at, at.plusMillis(1));
    }
}
