package nl.consilium.app.security.saml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;
import org.keycloak.dom.saml.v2.protocol.AuthnContextComparisonType;
import org.keycloak.saml.SAML2AuthnRequestBuilder;
import org.keycloak.saml.SAML2NameIDPolicyBuilder;
import org.keycloak.saml.SAML2RequestedAuthnContextBuilder;
import org.keycloak.saml.processing.web.util.RedirectBindingUtil;
import org.springframework.security.saml2.provider.service.authentication.AbstractSaml2AuthenticationRequest;
import org.springframework.security.saml2.provider.service.authentication.Saml2RedirectAuthenticationRequest;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistration;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistrationRepository;
import org.springframework.security.saml2.provider.service.web.authentication.Saml2AuthenticationRequestResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UriUtils;

/**
 * Builds the signed AuthnRequest that sends a browser to the IdP (HTTP-Redirect binding, SAML bindings 3.4.4.1:
 * the signature covers the query string, not the XML). Spring's own resolver needs OpenSAML, which is not available
 * here; the XML comes from Keycloak's SAML core library.
 */
public final class SamlAuthenticationRequestResolver implements Saml2AuthenticationRequestResolver {

    static final String SIG_ALG = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private static final String NAME_ID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

    private final RequestMatcher matcher = PathPatternRequestMatcher.withDefaults()
            .matcher(DEFAULT_AUTHENTICATION_REQUEST_URI);
    private final RelyingPartyRegistrationRepository registrations;
    private final SamlProperties properties;
    private final SigningCredential credential;
    private final SecureRandom random = new SecureRandom();

    public SamlAuthenticationRequestResolver(RelyingPartyRegistrationRepository registrations,
            SamlProperties properties, SigningCredential credential) {
        this.registrations = registrations;
        this.properties = properties;
        this.credential = credential;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends AbstractSaml2AuthenticationRequest> T resolve(HttpServletRequest request) {
        RequestMatcher.MatchResult match = matcher.matcher(request);
        if (!match.isMatch()) {
            return null;
        }
        RelyingPartyRegistration registration = registrations.findByRegistrationId(
                match.getVariables().get("registrationId"));
        if (registration == null) {
            return null;
        }
        return (T) resolve(registration);
    }

    Saml2RedirectAuthenticationRequest resolve(RelyingPartyRegistration registration) {
        String destination = registration.getAssertingPartyMetadata().getSingleSignOnServiceLocation();
        SAML2AuthnRequestBuilder builder = new SAML2AuthnRequestBuilder()
                .destination(destination)
                .issuer(registration.getEntityId())
                .assertionConsumerUrl(registration.getAssertionConsumerServiceLocation())
                .protocolBinding(SamlXml.POST_BINDING)
                .forceAuthn(false)
                .nameIdPolicy(SAML2NameIDPolicyBuilder.format(NAME_ID_UNSPECIFIED).setAllowCreate(Boolean.TRUE));
        if (!properties.requiredAuthnContextClassRefs().isEmpty()) {
            SAML2RequestedAuthnContextBuilder context = new SAML2RequestedAuthnContextBuilder()
                    .setComparison(AuthnContextComparisonType.EXACT);
            properties.requiredAuthnContextClassRefs().forEach(context::addAuthnContextClassRef);
            builder.requestedAuthnContext(context);
        }
        var document = builder.toDocument();
        String id = document.getDocumentElement().getAttribute("ID");
        String xml = SamlXml.serialise(document);
        String samlRequest;
        try {
            samlRequest = RedirectBindingUtil.deflateBase64Encode(xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the SAML AuthnRequest", e);
        }
        byte[] relayBytes = new byte[16];
        random.nextBytes(relayBytes);
        String relayState = HexFormat.of().formatHex(relayBytes);
        // The same encoding Spring's Saml2WebSsoAuthenticationRequestFilter uses when it writes the redirect URL,
        // so the IdP verifies exactly the octets that were signed.
        String signedQuery = "SAMLRequest=" + UriUtils.encode(samlRequest, StandardCharsets.UTF_8)
                + "&RelayState=" + UriUtils.encode(relayState, StandardCharsets.UTF_8)
                + "&SigAlg=" + UriUtils.encode(SIG_ALG, StandardCharsets.UTF_8);
        String signature;
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(credential.privateKey());
            signer.update(signedQuery.getBytes(StandardCharsets.US_ASCII));
            signature = Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the SAML AuthnRequest with Consilium's key", e);
        }
        return Saml2RedirectAuthenticationRequest.withRelyingPartyRegistration(registration)
                .id(id)
                .samlRequest(samlRequest)
                .relayState(relayState)
                .authenticationRequestUri(destination)
                .sigAlg(SIG_ALG)
                .signature(signature)
                .build();
    }
}
