package nl.consilium.ehr.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * How the sandbox finds, for each patient-compartment resource type, the patient, the clinical
 * date (the "date" search parameter), the code, the category and the status. The "date" of each
 * type follows the R4 search parameter a real EPD offers for it (effective, onset, authoredOn,
 * period start, recorded date, performed, document date).
 */
record ResourceSpec<T extends DomainResource>(
        Class<T> type,
        Function<T, Reference> patient,
        Function<T, Instant> date,
        Function<T, List<CodeableConcept>> codes,
        Function<T, List<CodeableConcept>> categories,
        Function<T, String> status) {

    @SuppressWarnings("unchecked")
    Instant dateOf(DomainResource r) {
        return date.apply((T) r);
    }

    @SuppressWarnings("unchecked")
    List<CodeableConcept> codesOf(DomainResource r) {
        return codes.apply((T) r);
    }

    @SuppressWarnings("unchecked")
    List<CodeableConcept> categoriesOf(DomainResource r) {
        return categories.apply((T) r);
    }

    @SuppressWarnings("unchecked")
    String statusOf(DomainResource r) {
        return status.apply((T) r);
    }

    @SuppressWarnings("unchecked")
    Reference patientOf(DomainResource r) {
        return patient.apply((T) r);
    }

    static final Map<String, ResourceSpec<?>> ALL = Map.of(
            "Observation", new ResourceSpec<>(Observation.class, Observation::getSubject,
                    o -> instant(o.getEffective()), o -> List.of(o.getCode()), Observation::getCategory,
                    o -> o.hasStatus() ? o.getStatus().toCode() : null),
            "Condition", new ResourceSpec<>(Condition.class, Condition::getSubject,
                    c -> c.hasOnset() ? instant(c.getOnset()) : c.hasRecordedDate() ? c.getRecordedDate().toInstant() : null,
                    c -> List.of(c.getCode()), Condition::getCategory,
                    c -> c.hasClinicalStatus() ? c.getClinicalStatus().getCodingFirstRep().getCode() : null),
            "MedicationRequest", new ResourceSpec<>(MedicationRequest.class, MedicationRequest::getSubject,
                    m -> m.hasAuthoredOn() ? m.getAuthoredOn().toInstant() : null,
                    m -> m.hasMedicationCodeableConcept() ? List.of(m.getMedicationCodeableConcept()) : List.of(),
                    MedicationRequest::getCategory, m -> m.hasStatus() ? m.getStatus().toCode() : null),
            "MedicationStatement", new ResourceSpec<>(MedicationStatement.class, MedicationStatement::getSubject,
                    m -> instant(m.getEffective()),
                    m -> m.hasMedicationCodeableConcept() ? List.of(m.getMedicationCodeableConcept()) : List.of(),
                    m -> m.hasCategory() ? List.of(m.getCategory()) : List.of(),
                    m -> m.hasStatus() ? m.getStatus().toCode() : null),
            "AllergyIntolerance", new ResourceSpec<>(AllergyIntolerance.class, AllergyIntolerance::getPatient,
                    a -> a.hasRecordedDate() ? a.getRecordedDate().toInstant() : instant(a.getOnset()),
                    a -> List.of(a.getCode()), a -> List.of(),
                    a -> a.hasClinicalStatus() ? a.getClinicalStatus().getCodingFirstRep().getCode() : null),
            "Encounter", new ResourceSpec<>(Encounter.class, Encounter::getSubject,
                    e -> e.hasPeriod() && e.getPeriod().hasStart() ? e.getPeriod().getStart().toInstant() : null,
                    Encounter::getType, e -> List.of(), e -> e.hasStatus() ? e.getStatus().toCode() : null),
            "Procedure", new ResourceSpec<>(Procedure.class, Procedure::getSubject,
                    p -> instant(p.getPerformed()), p -> List.of(p.getCode()),
                    p -> p.hasCategory() ? List.of(p.getCategory()) : List.of(),
                    p -> p.hasStatus() ? p.getStatus().toCode() : null),
            "DiagnosticReport", new ResourceSpec<>(DiagnosticReport.class, DiagnosticReport::getSubject,
                    d -> instant(d.getEffective()), d -> List.of(d.getCode()), DiagnosticReport::getCategory,
                    d -> d.hasStatus() ? d.getStatus().toCode() : null),
            "DocumentReference", new ResourceSpec<>(DocumentReference.class, DocumentReference::getSubject,
                    d -> d.hasDate() ? d.getDate().toInstant() : null, d -> List.of(d.getType()),
                    DocumentReference::getCategory, d -> d.hasStatus() ? d.getStatus().toCode() : null));

    static Instant instant(Type value) {
        if (value instanceof org.hl7.fhir.r4.model.DateTimeType dt && dt.getValue() != null) {
            return dt.getValue().toInstant();
        }
        if (value instanceof org.hl7.fhir.r4.model.Period p && p.hasStart()) {
            return p.getStart().toInstant();
        }
        if (value instanceof org.hl7.fhir.r4.model.InstantType it && it.getValue() != null) {
            return it.getValue().toInstant();
        }
        return null;
    }
}
