package nl.consilium.ehr;

import java.util.List;

/** One section of the context; {@code omitted} counts facts left out by the size bounds. */
public record ContextSection(Kind kind, List<ContextFact> facts, int omitted) {

    public ContextSection {
        facts = List.copyOf(facts);
    }

    /** Sections in the order a clinician reads them; later ones are cut first when space runs out. */
    public enum Kind {
        PATIENT("Patient", "Patient"),
        PROBLEMS("Problems", "Condition"),
        MEDICATION("Medication", "MedicationRequest"),
        ALLERGIES("Allergies and intolerances", "AllergyIntolerance"),
        LABS("Recent laboratory results", "Observation"),
        VITALS("Recent vital signs", "Observation"),
        NOTES("Recent notes", "DocumentReference"),
        REPORTS("Recent reports", "DiagnosticReport"),
        PROCEDURES("Recent procedures", "Procedure"),
        ENCOUNTERS("Recent encounters", "Encounter");

        private final String title;
        private final String resourceType;

        Kind(String title, String resourceType) {
            this.title = title;
            this.resourceType = resourceType;
        }

        public String title() {
            return title;
        }

        /** The main FHIR resource type behind the section (medication also reads MedicationStatement). */
        public String resourceType() {
            return resourceType;
        }
    }
}
