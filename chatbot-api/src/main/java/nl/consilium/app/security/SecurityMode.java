package nl.consilium.app.security;

/** How users sign in. Local accounts exist only in {@link #DEMO}; a hospital deployment uses SAML2. */
public enum SecurityMode {
    DEMO,
    SAML2
}
