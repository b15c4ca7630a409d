package nl.consilium.ehr.sandbox;

import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Adult reference ranges for common labs. Synthea omits Observation.referenceRange, but a real
 * laboratory always reports one, and the context and the trend chart must show it; the sandbox
 * therefore adds it for the codes below when the unit matches. Values: typical adult ranges
 * (conventional US units for Synthea's data, SI units for the Dutch patients).
 */
final class ReferenceRanges {

    record Range(Double low, Double high) {
    }

    private static final Map<String, Range> BY_LOINC_AND_UNIT = Map.ofEntries(
            Map.entry("2339-0|mg/dL", new Range(70.0, 99.0)),        // glucose
            Map.entry("2345-7|mg/dL", new Range(70.0, 99.0)),        // glucose serum
            Map.entry("2160-0|mg/dL", new Range(0.6, 1.3)),          // creatinine
            Map.entry("2160-0|umol/L", new Range(45.0, 90.0)),       // kreatinine (vrouw)
            Map.entry("6299-2|mg/dL", new Range(7.0, 20.0)),         // urea nitrogen
            Map.entry("2823-3|mmol/L", new Range(3.5, 5.0)),         // potassium
            Map.entry("2951-2|mmol/L", new Range(135.0, 145.0)),     // sodium
            Map.entry("2075-0|mmol/L", new Range(98.0, 107.0)),      // chloride
            Map.entry("2028-9|mmol/L", new Range(22.0, 29.0)),       // carbon dioxide
            Map.entry("17861-6|mg/dL", new Range(8.5, 10.5)),        // calcium
            Map.entry("4548-4|%", new Range(4.0, 5.6)),              // HbA1c (NGSP)
            Map.entry("4548-4|mmol/mol", new Range(20.0, 42.0)),     // HbA1c (IFCC, NL)
            Map.entry("718-7|g/dL", new Range(12.0, 17.5)),          // haemoglobin
            Map.entry("718-7|mmol/L", new Range(7.5, 10.0)),         // Hb (NL, vrouw)
            Map.entry("2093-3|mg/dL", new Range(null, 200.0)),       // total cholesterol
            Map.entry("2571-8|mg/dL", new Range(null, 150.0)),       // triglycerides
            Map.entry("18262-6|mg/dL", new Range(null, 100.0)),      // LDL
            Map.entry("2085-9|mg/dL", new Range(40.0, null)),        // HDL
            Map.entry("33914-3|mL/min/{1.73_m2}", new Range(60.0, null)), // eGFR
            Map.entry("1988-5|mg/L", new Range(null, 10.0)),         // CRP
            Map.entry("33762-6|pg/mL", new Range(null, 125.0)),      // NT-proBNP
            Map.entry("6690-2|10*3/uL", new Range(4.0, 10.0)),       // leukocytes
            Map.entry("6690-2|10*9/L", new Range(4.0, 10.0)),
            Map.entry("2276-4|ug/L", new Range(15.0, 150.0)),        // ferritine
            Map.entry("777-3|10*3/uL", new Range(150.0, 400.0)));    // platelets

    private ReferenceRanges() {
    }

    static Range lookup(String loinc, String unit) {
        return BY_LOINC_AND_UNIT.get(loinc + "|" + unit);
    }

    static void enrich(Observation o) {
        if (o.hasReferenceRange() || !o.hasValueQuantity()) {
            return;
        }
        Quantity q = o.getValueQuantity();
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        String loinc = o.getCode().getCoding().stream()
                .filter(c -> "http://loinc.org".equals(c.getSystem())).map(c -> c.getCode()).findFirst().orElse(null);
        Range range = loinc == null ? null : lookup(loinc, unit);
        if (range == null) {
            return;
        }
        Observation.ObservationReferenceRangeComponent rr = o.addReferenceRange();
        if (range.low() != null) {
            rr.setLow(new Quantity().setValue(range.low()).setUnit(q.getUnit()).setSystem(q.getSystem()).setCode(q.getCode()));
        }
        if (range.high() != null) {
            rr.setHigh(new Quantity().setValue(range.high()).setUnit(q.getUnit()).setSystem(q.getSystem()).setCode(q.getCode()));
        }
    }
}
