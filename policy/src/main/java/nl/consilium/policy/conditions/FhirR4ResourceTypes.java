package nl.consilium.policy.conditions;

import java.util.Comparator;
import java.util.Set;

/**
 * The resource types of FHIR R4 (4.0.1), copied from the specification (146 names, the same as
 * HAPI's org.hl7.fhir.r4.model.ResourceType) so that the policy module can check names in the use
 * conditions without depending on a FHIR library (DESIGN.md: policy stays free of FHIR types).
 */
final class FhirR4ResourceTypes {

    static final Set<String> ALL = Set.of(
            "Account", "ActivityDefinition", "AdverseEvent", "AllergyIntolerance", "Appointment",
            "AppointmentResponse", "AuditEvent", "Basic", "Binary", "BiologicallyDerivedProduct",
            "BodyStructure", "Bundle", "CapabilityStatement", "CarePlan", "CareTeam", "CatalogEntry",
            "ChargeItem", "ChargeItemDefinition", "Claim", "ClaimResponse", "ClinicalImpression",
            "CodeSystem", "Communication", "CommunicationRequest", "CompartmentDefinition", "Composition",
            "ConceptMap", "Condition", "Consent", "Contract", "Coverage", "CoverageEligibilityRequest",
            "CoverageEligibilityResponse", "DetectedIssue", "Device", "DeviceDefinition", "DeviceMetric",
            "DeviceRequest", "DeviceUseStatement", "DiagnosticReport", "DocumentManifest",
            "DocumentReference", "EffectEvidenceSynthesis", "Encounter", "Endpoint", "EnrollmentRequest",
            "EnrollmentResponse", "EpisodeOfCare", "EventDefinition", "Evidence", "EvidenceVariable",
            "ExampleScenario", "ExplanationOfBenefit", "FamilyMemberHistory", "Flag", "Goal",
            "GraphDefinition", "Group", "GuidanceResponse", "HealthcareService", "ImagingStudy",
            "Immunization", "ImmunizationEvaluation", "ImmunizationRecommendation", "ImplementationGuide",
            "InsurancePlan", "Invoice", "Library", "Linkage", "List", "Location", "Measure",
            "MeasureReport", "Media", "Medication", "MedicationAdministration", "MedicationDispense",
            "MedicationKnowledge", "MedicationRequest", "MedicationStatement", "MedicinalProduct",
            "MedicinalProductAuthorization", "MedicinalProductContraindication",
            "MedicinalProductIndication", "MedicinalProductIngredient", "MedicinalProductInteraction",
            "MedicinalProductManufactured", "MedicinalProductPackaged", "MedicinalProductPharmaceutical",
            "MedicinalProductUndesirableEffect", "MessageDefinition", "MessageHeader", "MolecularSequence",
            "NamingSystem", "NutritionOrder", "Observation", "ObservationDefinition",
            "OperationDefinition", "OperationOutcome", "Organization", "OrganizationAffiliation",
            "Parameters", "Patient", "PaymentNotice", "PaymentReconciliation", "Person", "PlanDefinition",
            "Practitioner", "PractitionerRole", "Procedure", "Provenance", "Questionnaire",
            "QuestionnaireResponse", "RelatedPerson", "RequestGroup", "ResearchDefinition",
            "ResearchElementDefinition", "ResearchStudy", "ResearchSubject", "RiskAssessment",
            "RiskEvidenceSynthesis", "Schedule", "SearchParameter", "ServiceRequest", "Slot", "Specimen",
            "SpecimenDefinition", "StructureDefinition", "StructureMap", "Subscription", "Substance",
            "SubstanceNucleicAcid", "SubstancePolymer", "SubstanceProtein",
            "SubstanceReferenceInformation", "SubstanceSourceMaterial", "SubstanceSpecification",
            "SupplyDelivery", "SupplyRequest", "Task", "TerminologyCapabilities", "TestReport",
            "TestScript", "ValueSet", "VerificationResult", "VisionPrescription"
    );

    private FhirR4ResourceTypes() {
    }

    static boolean isValid(String name) {
        return ALL.contains(name);
    }

    /** The valid name closest to a misspelt one, for the error message; null if none is close. */
    static String closest(String name) {
        return ALL.stream()
                .filter(n -> n.equalsIgnoreCase(name) || Suggestions.distance(n.toLowerCase(), name.toLowerCase()) <= 2)
                .min(Comparator.comparingInt(n -> Suggestions.distance(n.toLowerCase(), name.toLowerCase())))
                .orElse(null);
    }
}
