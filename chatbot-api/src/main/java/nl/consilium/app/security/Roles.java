package nl.consilium.app.security;

/** The three kinds of users; the names match the roles in the use-conditions file. */
public final class Roles {
    public static final String CLINICIAN = "clinician";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String IT_ADMIN = "it-admin";

    private Roles() {
    }
}
