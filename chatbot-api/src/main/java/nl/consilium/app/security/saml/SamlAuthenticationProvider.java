package nl.consilium.app.security.saml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import nl.consilium.app.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.saml2.provider.service.authentication.AbstractSaml2AuthenticationRequest;
import org.springframework.security.saml2.provider.service.authentication.Saml2Authentication;
import org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationException;
import org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationToken;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistration;

/**
 * Turns the IdP's POSTed SAML response into a signed-in Consilium user: strict validation
 * ({@link SamlResponseValidator}), one-time use of the assertion id, and the Consilium roles from the configured
 * attribute. A user without any Consilium role is refused rather than signed in with nothing.
 */
public final class SamlAuthenticationProvider implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SamlAuthenticationProvider.class);
    private static final Set<String> CONSILIUM_ROLES = Set.of(Roles.CLINICIAN, Roles.COMPLIANCE_OFFICER,
            Roles.IT_ADMIN);

    private final SamlResponseValidator validator;
    private final AssertionReplayCache replayCache;
    private final SamlProperties properties;
    private final Supplier<IdpMetadata> idp;

    public SamlAuthenticationProvider(SamlResponseValidator validator, AssertionReplayCache replayCache,
            SamlProperties properties, Supplier<IdpMetadata> idp) {
        this.validator = validator;
        this.replayCache = replayCache;
        this.properties = properties;
        this.idp = idp;
        for (String role : properties.roleMapping().values()) {
            if (!CONSILIUM_ROLES.contains(role)) {
                throw new IllegalArgumentException("consilium.saml.role-mapping maps to '" + role
                        + "', which is not a Consilium role " + CONSILIUM_ROLES);
            }
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Saml2AuthenticationToken token = (Saml2AuthenticationToken) authentication;
        try {
            return authenticate(token);
        } catch (Saml2AuthenticationException e) {
            // The reason helps hospital IT (clock, certificate, registration); it holds no patient data.
            LOG.warn("SAML sign-in refused: {} ({})", e.getSaml2Error().getErrorCode(),
                    e.getSaml2Error().getDescription());
            throw e;
        }
    }

    private Authentication authenticate(Saml2AuthenticationToken token) {
        RelyingPartyRegistration registration = token.getRelyingPartyRegistration();
        AbstractSaml2AuthenticationRequest request = token.getAuthenticationRequest();
        // Spring's converter has already base64-decoded (and for GET inflated) the message into XML.
        byte[] xml = token.getSaml2Response().getBytes(StandardCharsets.UTF_8);
        IdpMetadata metadata = idp.get();
        SamlResponseValidator.Expectations expected = new SamlResponseValidator.Expectations(metadata.entityId(),
                metadata.signingCertificates(), registration.getEntityId(),
                registration.getAssertionConsumerServiceLocation(), request == null ? null : request.getId(),
                properties.clockSkew(), properties.maxAuthenticationAge(),
                properties.requiredAuthnContextClassRefs());
        ValidatedAssertion assertion = validator.validate(xml, expected);
        if (!replayCache.firstUse(assertion.issuer(), assertion.id(),
                assertion.validUntil().plus(properties.clockSkew()))) {
            throw SamlRejection.REPLAYED.exception("assertion " + assertion.id() + " has already been used to "
                    + "sign in; each assertion is accepted once");
        }
        Set<String> roles = roles(assertion.attributes().getOrDefault(properties.roleAttribute(), List.of()));
        if (roles.isEmpty()) {
            throw SamlRejection.NO_ROLE.exception("user '" + assertion.nameId() + "' has no Consilium role in "
                    + "attribute '" + properties.roleAttribute() + "' (values: "
                    + assertion.attributes().getOrDefault(properties.roleAttribute(), List.of()) + ")");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        Map<String, List<Object>> attributes = new java.util.HashMap<>();
        assertion.attributes().forEach((k, v) -> attributes.put(k, List.copyOf(v)));
        SamlPrincipal principal = new SamlPrincipal(assertion.nameId(), attributes,
                assertion.sessionIndex() == null ? List.of() : List.of(assertion.sessionIndex()),
                displayName(assertion));
        principal.setRelyingPartyRegistrationId(registration.getRegistrationId());
        LOG.info("SAML sign-in of '{}' with roles {} (authentication context {})", assertion.nameId(), roles,
                assertion.authnContextClassRef());
        return new Saml2Authentication(principal, token.getSaml2Response(), authorities);
    }

    /** The first non-blank value of the first configured display-name attribute present; null: use the NameID. */
    private String displayName(ValidatedAssertion assertion) {
        for (String attribute : properties.displayNameAttributes()) {
            for (String value : assertion.attributes().getOrDefault(attribute, List.of())) {
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
        }
        return null;
    }

    private Set<String> roles(List<String> values) {
        Set<String> roles = new LinkedHashSet<>();
        for (String value : values) {
            String role = properties.roleMapping().isEmpty() ? value : properties.roleMapping().get(value);
            if (role != null && CONSILIUM_ROLES.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return Saml2AuthenticationToken.class.isAssignableFrom(authentication);
    }
}
