package nl.consilium.app.security.saml;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;

import org.springframework.security.saml2.core.Saml2X509Credential;
import org.springframework.security.saml2.provider.service.metadata.Saml2MetadataResolver;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Consilium's SAML service-provider metadata, for hospital IT to load into the IdP: entity id, the assertion
 * consumer URL (HTTP-POST), the certificate that signs the AuthnRequests, and that assertions must be signed.
 * Spring's own resolver builds it with OpenSAML; this one uses plain DOM.
 */
public final class SpMetadataResolver implements Saml2MetadataResolver {

    @Override
    public String resolve(RelyingPartyRegistration registration) {
        Document doc = SamlXml.newDocument();
        Element entity = doc.createElementNS(SamlXml.METADATA, "md:EntityDescriptor");
        entity.setAttribute("entityID", registration.getEntityId());
        doc.appendChild(entity);
        Element sp = doc.createElementNS(SamlXml.METADATA, "md:SPSSODescriptor");
        sp.setAttribute("AuthnRequestsSigned", "true");
        sp.setAttribute("WantAssertionsSigned", "true");
        sp.setAttribute("protocolSupportEnumeration", SamlXml.PROTOCOL);
        entity.appendChild(sp);
        for (Saml2X509Credential credential : registration.getSigningX509Credentials()) {
            Element key = doc.createElementNS(SamlXml.METADATA, "md:KeyDescriptor");
            key.setAttribute("use", "signing");
            Element keyInfo = doc.createElementNS(SamlXml.DSIG, "ds:KeyInfo");
            Element data = doc.createElementNS(SamlXml.DSIG, "ds:X509Data");
            Element cert = doc.createElementNS(SamlXml.DSIG, "ds:X509Certificate");
            try {
                cert.setTextContent(Base64.getEncoder().encodeToString(credential.getCertificate().getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode Consilium's SAML signing certificate", e);
            }
            data.appendChild(cert);
            keyInfo.appendChild(data);
            key.appendChild(keyInfo);
            sp.appendChild(key);
        }
        if (registration.getSingleLogoutServiceLocation() != null) {
            // Single logout, HTTP-Redirect binding both ways (LogoutRequest and LogoutResponse, signed query).
            Element slo = doc.createElementNS(SamlXml.METADATA, "md:SingleLogoutService");
            slo.setAttribute("Binding", SamlXml.REDIRECT_BINDING);
            slo.setAttribute("Location", registration.getSingleLogoutServiceLocation());
            sp.appendChild(slo);
        }
        Element nameIdFormat = doc.createElementNS(SamlXml.METADATA, "md:NameIDFormat");
        nameIdFormat.setTextContent("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        sp.appendChild(nameIdFormat);
        Element acs = doc.createElementNS(SamlXml.METADATA, "md:AssertionConsumerService");
        acs.setAttribute("Binding", SamlXml.POST_BINDING);
        acs.setAttribute("Location", registration.getAssertionConsumerServiceLocation());
        acs.setAttribute("index", "0");
        acs.setAttribute("isDefault", "true");
        sp.appendChild(acs);
        return SamlXml.serialise(doc);
    }
}
