package nl.consilium.app.security.saml;

import java.util.List;
import java.util.Map;

import nl.consilium.app.security.DisplayNamed;
import org.springframework.security.saml2.provider.service.authentication.DefaultSaml2AuthenticatedPrincipal;

/**
 * The SAML2-signed-in user: the NameID is the user id (audit, ownership); the display name comes from the
 * configured attribute ({@code consilium.saml.display-name-attributes}) and falls back to the NameID. It is kept in
 * the HTTP session with the authentication, so it is read once, at sign-in.
 */
public final class SamlPrincipal extends DefaultSaml2AuthenticatedPrincipal implements DisplayNamed {

    private static final long serialVersionUID = 1L;

    private final String displayName;

    public SamlPrincipal(String nameId, Map<String, List<Object>> attributes, List<String> sessionIndexes,
            String displayName) {
        super(nameId, attributes, sessionIndexes);
        this.displayName = displayName == null || displayName.isBlank() ? nameId : displayName;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SamlPrincipal p && super.equals(p) && displayName.equals(p.displayName);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + displayName.hashCode();
    }
}
