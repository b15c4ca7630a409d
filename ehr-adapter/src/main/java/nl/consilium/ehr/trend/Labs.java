package nl.consilium.ehr.trend;

import java.math.BigDecimal;
import java.time.Instant;
import nl.consilium.ehr.LabSeries;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/** Reading numeric lab results out of Observations. */
public final class Labs {

    public static final String LOINC = "http://loinc.org";

    private Labs() {
    }

    /** LOINC code of the observation, or its first code when it has no LOINC coding. */
    public static String code(Observation o) {
        for (Coding c : o.getCode().getCoding()) {
            if (LOINC.equals(c.getSystem()) && c.hasCode()) {
                return c.getCode();
            }
        }
        return o.getCode().getCodingFirstRep().getCode();
    }

    public static String display(Observation o) {
        if (o.getCode().hasText()) {
            return o.getCode().getText();
        }
        return o.getCode().getCodingFirstRep().hasDisplay() ? o.getCode().getCodingFirstRep().getDisplay() : code(o);
    }

    public static Instant time(Observation o) {
        if (o.hasEffectiveDateTimeType() && o.getEffectiveDateTimeType().getValue() != null) {
            return o.getEffectiveDateTimeType().getValue().toInstant();
        }
        if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStart()) {
            return o.getEffectivePeriod().getStart().toInstant();
        }
        if (o.hasIssued()) {
            return o.getIssued().toInstant();
        }
        return null;
    }

    /** The numeric value, or null when the result is not a quantity. */
    public static BigDecimal value(Observation o) {
        if (o.hasValueQuantity() && o.getValueQuantity().hasValue()) {
            return o.getValueQuantity().getValue();
        }
        return null;
    }

    public static String unit(Observation o) {
        if (!o.hasValueQuantity()) {
            return "";
        }
        Quantity q = o.getValueQuantity();
        return q.hasUnit() ? q.getUnit() : q.hasCode() ? q.getCode() : "";
    }

    public static LabSeries.ReferenceRange range(Observation o) {
        if (!o.hasReferenceRange()) {
            return null;
        }
        Observation.ObservationReferenceRangeComponent rr = o.getReferenceRangeFirstRep();
        BigDecimal low = rr.hasLow() && rr.getLow().hasValue() ? rr.getLow().getValue() : null;
        BigDecimal high = rr.hasHigh() && rr.getHigh().hasValue() ? rr.getHigh().getValue() : null;
        String text = rr.hasText() ? rr.getText() : null;
        if (low == null && high == null && text == null) {
            return null;
        }
        return new LabSeries.ReferenceRange(low, high, text);
    }

    /** H, L or "" from the laboratory's interpretation, or else from the range. */
    public static String flag(Observation o, BigDecimal value, LabSeries.ReferenceRange range) {
        if (o.hasInterpretation()) {
            String code = o.getInterpretationFirstRep().getCodingFirstRep().getCode();
            if (code != null && !code.equals("N")) {
                return code;
            }
        }
        if (value == null || range == null) {
            return "";
        }
        return range.isAbove(value) ? "H" : range.isBelow(value) ? "L" : "";
    }
}
