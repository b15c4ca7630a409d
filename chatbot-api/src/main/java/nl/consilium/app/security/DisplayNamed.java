package nl.consilium.app.security;

/** A signed-in principal that carries the name to show in the UI's header (SAML2: the IdP's name attribute). */
public interface DisplayNamed {

    String displayName();
}
