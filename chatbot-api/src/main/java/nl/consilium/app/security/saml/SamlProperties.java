package nl.consilium.app.security.saml;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SAML2 single sign-on with the hospital's identity provider (only read when {@code consilium.security.mode=SAML2}).
 *
 * @param registrationId            the name of the IdP in Consilium's URLs ({@code /saml2/authenticate/{id}},
 *                                  {@code /login/saml2/sso/{id}}, {@code /saml2/service-provider-metadata/{id}})
 * @param baseUrl                   the public URL users reach Consilium at (scheme, host, port, context path); the
 *                                  assertion consumer URL and the default entity id derive from it, and responses
 *                                  must name exactly that URL as recipient, so it is configured, not guessed from
 *                                  request headers behind a proxy
 * @param entityId                  Consilium's SAML entity id; default {@code <base-url>/saml2/service-provider-metadata/<id>}
 * @param idp                       where the IdP's metadata comes from
 * @param signing                   Consilium's own key pair that signs the authentication requests
 * @param roleAttribute             the assertion attribute (Name or FriendlyName) that carries the user's roles
 * @param roleMapping               IdP attribute value to Consilium role ({@code clinician}, {@code compliance-officer},
 *                                  {@code it-admin}); empty means the IdP sends the Consilium role names themselves
 * @param requiredAuthnContextClassRefs when not empty, only these AuthnContextClassRefs are accepted (e.g. an MFA
 *                                  context); they are also requested in the AuthnRequest
 * @param clockSkew                 tolerance on NotBefore/NotOnOrAfter between the IdP's clock and ours
 * @param maxAuthenticationAge      an assertion whose AuthnInstant is older than this is refused (a stale login
 *                                  replayed through the IdP session)
 * @param displayNameAttributes     the assertion attributes (Name or FriendlyName) whose first value is the name shown
 *                                  in the UI's header, in order of preference; none present: the NameID
 */
@ConfigurationProperties("consilium.saml")
public record SamlProperties(String registrationId, String baseUrl, String entityId, Idp idp, Signing signing,
        String roleAttribute, Map<String, String> roleMapping, List<String> requiredAuthnContextClassRefs,
        Duration clockSkew, Duration maxAuthenticationAge, List<String> displayNameAttributes) {

    public SamlProperties {
        registrationId = registrationId == null || registrationId.isBlank() ? "consilium" : registrationId;
        roleAttribute = roleAttribute == null || roleAttribute.isBlank() ? "Role" : roleAttribute;
        roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
        // An empty environment variable binds as [""]: that means "no requirement", not "require the empty ref".
        requiredAuthnContextClassRefs = requiredAuthnContextClassRefs == null ? List.of()
                : requiredAuthnContextClassRefs.stream().filter(r -> r != null && !r.isBlank()).map(String::strip)
                        .toList();
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        maxAuthenticationAge = maxAuthenticationAge == null ? Duration.ofHours(12) : maxAuthenticationAge;
        // Same empty-variable rule as above; default: the common names for "full name" (ADFS/Entra, LDAP).
        displayNameAttributes = displayNameAttributes == null ? List.of() : displayNameAttributes.stream()
                .filter(a -> a != null && !a.isBlank()).map(String::strip).toList();
        if (displayNameAttributes.isEmpty()) {
            displayNameAttributes = List.of("displayName", "cn");
        }
    }

    /**
     * @param metadataLocation   an {@code https:}/{@code http:} URL or a file path ({@code file:} prefix optional)
     * @param entityId           which IdP to use when the metadata holds several (an EntitiesDescriptor)
     * @param refreshInterval    how often the metadata is read again (new IdP keys without a restart)
     * @param requiredAtStartUp  true: Consilium does not start when the metadata cannot be read; false: it starts
     *                           and reads the metadata at the first sign-in
     */
    public record Idp(String metadataLocation, String entityId, Duration refreshInterval, Boolean requiredAtStartUp) {
        public Idp {
            refreshInterval = refreshInterval == null ? Duration.ofHours(6) : refreshInterval;
            requiredAtStartUp = requiredAtStartUp == null ? Boolean.TRUE : requiredAtStartUp;
        }
    }

    /**
     * @param keystore    PKCS#12 file with Consilium's signing key and certificate
     * @param password    the keystore password
     * @param alias       the key entry (default: the only key entry)
     * @param keyPassword the key's password when it differs from the keystore password
     */
    public record Signing(String keystore, String password, String alias, String keyPassword) {
        @Override
        public String toString() {
            return "Signing[" + keystore + ", alias=" + alias + "]";
        }
    }

    /** The base URL without a trailing slash. */
    public String normalisedBaseUrl() {
        String url = baseUrl == null ? "" : baseUrl.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String effectiveEntityId() {
        return entityId != null && !entityId.isBlank() ? entityId
                : normalisedBaseUrl() + "/saml2/service-provider-metadata/" + registrationId;
    }

    public String assertionConsumerServiceUrl() {
        return normalisedBaseUrl() + "/login/saml2/sso/" + registrationId;
    }
}
