package nl.consilium.app.saml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Builds and signs SAML responses the way an IdP does, so the validator can be attacked with real signatures. */
final class TestIdp {

    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    static {
        Init.init();
    }

    /** Everything that goes into one response; tests change one field to make it wrong. */
    record Spec(String responseId, String assertionId, String issuer, String destination, String recipient,
            String audience, String inResponseTo, Instant issueInstant, Instant notBefore, Instant notOnOrAfter,
            Instant authnInstant, String nameId, List<String> roles, String authnContextClassRef) {

        Spec withAssertionId(String id) {
            return new Spec(responseId, id, issuer, destination, recipient, audience, inResponseTo, issueInstant,
                    notBefore, notOnOrAfter, authnInstant, nameId, roles, authnContextClassRef);
        }

        Spec withIssuer(String value) {
            return new Spec(responseId, assertionId, value, destination, recipient, audience, inResponseTo,
                    issueInstant, notBefore, notOnOrAfter, authnInstant, nameId, roles, authnContextClassRef);
        }

        Spec withDestination(String value) {
            return new Spec(responseId, assertionId, issuer, value, recipient, audience, inResponseTo, issueInstant,
                    notBefore, notOnOrAfter, authnInstant, nameId, roles, authnContextClassRef);
        }

        Spec withRecipient(String value) {
            return new Spec(responseId, assertionId, issuer, destination, value, audience, inResponseTo,
                    issueInstant, notBefore, notOnOrAfter, authnInstant, nameId, roles, authnContextClassRef);
        }

        Spec withAudience(String value) {
            return new Spec(responseId, assertionId, issuer, destination, recipient, value, inResponseTo,
                    issueInstant, notBefore, notOnOrAfter, authnInstant, nameId, roles, authnContextClassRef);
        }

        Spec withInResponseTo(String value) {
            return new Spec(responseId, assertionId, issuer, destination, recipient, audience, value, issueInstant,
                    notBefore, notOnOrAfter, authnInstant, nameId, roles, authnContextClassRef);
        }

        Spec withWindow(Instant from, Instant until) {
            return new Spec(responseId, assertionId, issuer, destination, recipient, audience, inResponseTo,
                    from, from, until, from, nameId, roles, authnContextClassRef);
        }

        Spec withUser(String user, List<String> userRoles) {
            return new Spec(responseId, assertionId, issuer, destination, recipient, audience, inResponseTo,
                    issueInstant, notBefore, notOnOrAfter, authnInstant, user, userRoles, authnContextClassRef);
        }

        Spec withAuthnContext(String value) {
            return new Spec(responseId, assertionId, issuer, destination, recipient, audience, inResponseTo,
                    issueInstant, notBefore, notOnOrAfter, authnInstant, nameId, roles, value);
        }
    }

    private final TestKeys keys;

    TestIdp(TestKeys keys) {
        this.keys = keys;
    }

    Document document(Spec spec) {
        return document(spec, java.util.Map.of());
    }

    /** @param attributes further attributes (Name to one value) beside the roles, e.g. a display name */
    Document document(Spec spec, java.util.Map<String, String> attributes) {
        StringBuilder roles = new StringBuilder();
        for (String role : spec.roles()) {
            roles.append("<saml:AttributeValue>").append(role).append("</saml:AttributeValue>");
        }
        StringBuilder others = new StringBuilder();
        attributes.forEach((name, value) -> others.append("<saml:Attribute Name=\"").append(name)
                .append("\"><saml:AttributeValue>").append(value).append("</saml:AttributeValue></saml:Attribute>"));
        String xml = """
                <samlp:Response xmlns:samlp="%s" xmlns:saml="%s" ID="%s" Version="2.0" IssueInstant="%s" \
                Destination="%s" InResponseTo="%s">\
                <saml:Issuer>%s</saml:Issuer>\
                <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
                <saml:Assertion ID="%s" Version="2.0" IssueInstant="%s">\
                <saml:Issuer>%s</saml:Issuer>\
                <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">%s</saml:NameID>\
                <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
                <saml:SubjectConfirmationData InResponseTo="%s" NotOnOrAfter="%s" Recipient="%s"/>\
                </saml:SubjectConfirmation></saml:Subject>\
                <saml:Conditions NotBefore="%s" NotOnOrAfter="%s"><saml:AudienceRestriction>\
                <saml:Audience>%s</saml:Audience></saml:AudienceRestriction></saml:Conditions>\
                <saml:AuthnStatement AuthnInstant="%s" SessionIndex="session-1"><saml:AuthnContext>\
                <saml:AuthnContextClassRef>%s</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>\
                <saml:AttributeStatement><saml:Attribute Name="Role" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">\
                %s</saml:Attribute>%s</saml:AttributeStatement>\
                </saml:Assertion></samlp:Response>""".formatted(PROTOCOL, ASSERTION, spec.responseId(),
                spec.issueInstant(), spec.destination(), spec.inResponseTo(), spec.issuer(), spec.assertionId(),
                spec.issueInstant(), spec.issuer(), spec.nameId(), spec.inResponseTo(), spec.notOnOrAfter(),
                spec.recipient(), spec.notBefore(), spec.notOnOrAfter(), spec.audience(), spec.authnInstant(),
                spec.authnContextClassRef(), roles, others);
        return parse(xml);
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Element assertion(Document document) {
        return (Element) document.getElementsByTagNameNS(ASSERTION, "Assertion").item(0);
    }

    /** Signs the element (a Response or an Assertion) with an enveloped signature right after its Issuer. */
    Document sign(Element element) {
        return sign(element, keys);
    }

    static Document sign(Element element, TestKeys with) {
        try {
            Document document = element.getOwnerDocument();
            element.setIdAttribute("ID", true);
            XMLSignature signature = new XMLSignature(document, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            Node issuer = element.getElementsByTagNameNS(ASSERTION, "Issuer").item(0);
            element.insertBefore(signature.getElement(), issuer.getNextSibling());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("#" + element.getAttribute("ID"), transforms,
                    MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
            signature.addKeyInfo(with.certificate());
            signature.sign(with.privateKey());
            return document;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String xml(Document document) {
        try {
            var transformer = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            var out = new java.io.StringWriter();
            transformer.transform(new javax.xml.transform.dom.DOMSource(document),
                    new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
