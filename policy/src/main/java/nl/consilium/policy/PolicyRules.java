package nl.consilium.policy;

/**
 * The stable ids of the policy engine's rules. Auditors search for them and they are stored in audit
 * records: never rename one, only add. Meaning of each: docs/use-conditions.md, "Rules".
 */
public final class PolicyRules {

    // Refusals, in the order of precedence used when several apply (the first is the deciding one).
    public static final String APP_UNKNOWN = "APP-UNKNOWN";
    public static final String FMS_1_ROLE_NOT_ALLOWED = "FMS-1-ROLE-NOT-ALLOWED";
    public static final String APP_DISABLED = "APP-DISABLED";
    public static final String APP_OUT_OF_SERVICE = "APP-OUT-OF-SERVICE";
    public static final String USE_TERMS_NOT_ACCEPTED = "USE-TERMS-NOT-ACCEPTED";
    public static final String USE_TRAINING_NOT_ATTESTED = "USE-TRAINING-NOT-ATTESTED";
    public static final String MODEL_ENDPOINT_NOT_ALLOWED = "MODEL-ENDPOINT-NOT-ALLOWED";
    public static final String FMS_4_CDS_NOT_ALLOWED = "FMS-4-CDS-NOT-ALLOWED";
    public static final String FMS_2_PSEUDONYMISED_DATA_NOT_ALLOWED = "FMS-2-PSEUDONYMISED-DATA-NOT-ALLOWED";
    public static final String FMS_2_PATIENT_CONTEXT_NOT_ALLOWED = "FMS-2-PATIENT-CONTEXT-NOT-ALLOWED";
    public static final String MIN_NO_FHIR_RESOURCE_TYPES = "MIN-NO-FHIR-RESOURCE-TYPES";
    public static final String EPD_NO_TREATMENT_RELATIONSHIP = "EPD-NO-TREATMENT-RELATIONSHIP";

    // Rules that shape an allowed request.
    public static final String FMS_3_PSEUDONYMISE = "FMS-3-PSEUDONYMISE";
    public static final String MIN_FHIR_RESOURCE_TYPES_DROPPED = "MIN-FHIR-RESOURCE-TYPES-DROPPED";

    // Rules that record why something was allowed (for the auditor).
    public static final String FMS_3_PERSONAL_DATA_ALLOWED = "FMS-3-PERSONAL-DATA-ALLOWED";
    public static final String FMS_2_QUASI_IDENTIFIERS_ONLY = "FMS-2-QUASI-IDENTIFIERS-ONLY";
    public static final String FMS_4_CDS_ALLOWED = "FMS-4-CDS-ALLOWED";
    public static final String ALLOW_WITHIN_USE_CONDITIONS = "ALLOW-WITHIN-USE-CONDITIONS";

    private PolicyRules() {
    }
}
