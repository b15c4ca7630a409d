package nl.consilium.policy;

/**
 * Categories of personal data that Consilium detects in free text (DESIGN.md, detect-phi).
 * The names are part of the detect-phi command-line contract: do not rename.
 */
public enum DataCategory {
    PERSON(true),
    LOCATION(true),
    POSTCODE(true),
    INSTITUTION(false),
    DATE(true),
    AGE(false),
    BSN(true),
    PATIENT_ID(true),
    PHONE(true),
    EMAIL(true),
    URL(false),
    OTHER_ID(true);

    private final boolean identifying;

    DataCategory(boolean identifying) {
        this.identifying = identifying;
    }

    /**
     * Whether the category on its own can point at a person. An institution or an age narrows a
     * patient down but is treated as quasi-identifying: pseudonymised, but not a refusal reason by itself.
     */
    public boolean identifying() {
        return identifying;
    }
}
