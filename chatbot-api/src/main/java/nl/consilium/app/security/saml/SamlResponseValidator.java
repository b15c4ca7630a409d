package nl.consilium.app.security.saml;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Strict validation of a SAML 2.0 Response from the hospital's IdP (Web Browser SSO profile, bearer assertions).
 *
 * <p>Signature wrapping is the classic way around SAML: an attacker keeps a validly signed element somewhere in the
 * document and puts their own assertion where the application reads. So this class verifies the signature of the
 * exact DOM element it reads afterwards: exactly one Assertion in the whole document, a direct child of the
 * Response; a signature that is a direct child of the signed element (enveloped), with one Reference whose URI is
 * that element's ID and which resolves to that very node; IDs unique in the document; only the enveloped and
 * exclusive-canonicalisation transforms. The key comes from the IdP's metadata, never from the message's KeyInfo.
 */
public final class SamlResponseValidator {

    private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final Set<String> ALLOWED_TRANSFORMS = Set.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
            Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS);

    static {
        Init.init();
    }

    /**
     * What a response must match.
     *
     * @param inResponseTo the ID of the AuthnRequest this browser session sent; null when it sent none (then the
     *                     response is unsolicited and refused: IdP-initiated sign-on is not supported)
     */
    public record Expectations(String idpEntityId, List<X509Certificate> idpCertificates, String spEntityId,
            String assertionConsumerServiceUrl, String inResponseTo, Duration clockSkew,
            Duration maxAuthenticationAge, List<String> acceptedAuthnContextClassRefs) {

        public Expectations {
            Objects.requireNonNull(idpEntityId, "idpEntityId");
            idpCertificates = List.copyOf(idpCertificates);
            if (idpCertificates.isEmpty()) {
                throw new IllegalArgumentException("no IdP signing certificate: every response would be refused");
            }
            Objects.requireNonNull(spEntityId, "spEntityId");
            Objects.requireNonNull(assertionConsumerServiceUrl, "assertionConsumerServiceUrl");
            acceptedAuthnContextClassRefs = List.copyOf(acceptedAuthnContextClassRefs);
        }
    }

    private final Clock clock;

    public SamlResponseValidator(Clock clock) {
        this.clock = clock;
    }

    /** @throws Saml2AuthenticationException with a {@link SamlRejection} code and a readable reason */
    public ValidatedAssertion validate(byte[] responseXml, Expectations expected) {
        Document document;
        try {
            document = SamlXml.parse(responseXml);
        } catch (Exception e) {
            throw SamlRejection.MALFORMED.exception("the SAML response is not well-formed XML or contains a DTD: "
                    + e.getMessage(), e);
        }
        try {
            return validate(document, expected);
        } catch (IllegalArgumentException e) {
            throw SamlRejection.MALFORMED.exception(e.getMessage(), e);
        }
    }

    private ValidatedAssertion validate(Document document, Expectations expected) {
        Element response = document.getDocumentElement();
        if (!SamlXml.PROTOCOL.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw SamlRejection.MALFORMED.exception("the message is a " + response.getLocalName()
                    + ", not a samlp:Response");
        }
        registerUniqueIds(document);

        Element assertion = theOnlyAssertion(document, response);

        // Signatures first: nothing of the content is trusted before its signature is verified.
        Element responseSignature = SamlXml.onlyChild(response, SamlXml.DSIG, "Signature");
        Element assertionSignature = SamlXml.onlyChild(assertion, SamlXml.DSIG, "Signature");
        long allSignatures = SamlXml.allElements(document).stream()
                .filter(e -> SamlXml.DSIG.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName()))
                .count();
        long expectedSignatures = (responseSignature == null ? 0 : 1) + (assertionSignature == null ? 0 : 1);
        if (allSignatures != expectedSignatures) {
            throw SamlRejection.SIGNATURE_REFERENCE.exception("the response holds a signature outside the Response "
                    + "and Assertion elements: a signature-wrapping attempt or an unsupported IdP setting");
        }
        if (responseSignature == null && assertionSignature == null) {
            throw SamlRejection.UNSIGNED.exception("neither the response nor the assertion is signed; the IdP must "
                    + "sign the assertion or the response");
        }
        if (responseSignature != null) {
            verifySignature(responseSignature, response, "Response", expected.idpCertificates());
        }
        if (assertionSignature != null) {
            verifySignature(assertionSignature, assertion, "Assertion", expected.idpCertificates());
        }
        boolean responseSigned = responseSignature != null;

        checkResponse(response, expected, responseSigned);
        return checkAssertion(assertion, expected);
    }

    /** IDs must be unique in the whole document, and only the SAML ID attributes are ID-typed for reference lookup. */
    private static void registerUniqueIds(Document document) {
        Set<String> seen = new HashSet<>();
        for (Element element : SamlXml.allElements(document)) {
            for (String name : List.of("ID", "Id", "id")) {
                Attr id = element.getAttributeNode(name);
                if (id == null) {
                    continue;
                }
                if (!seen.add(id.getValue())) {
                    throw SamlRejection.DUPLICATE_ID.exception("the ID '" + id.getValue()
                            + "' occurs more than once in the response (signature wrapping)");
                }
            }
            boolean samlIdElement = (SamlXml.PROTOCOL.equals(element.getNamespaceURI())
                    && "Response".equals(element.getLocalName()))
                    || (SamlXml.ASSERTION.equals(element.getNamespaceURI())
                    && "Assertion".equals(element.getLocalName()));
            if (samlIdElement && element.hasAttribute("ID")) {
                element.setIdAttribute("ID", true);
            }
        }
    }

    private static Element theOnlyAssertion(Document document, Element response) {
        if (document.getElementsByTagNameNS(SamlXml.ASSERTION, "EncryptedAssertion").getLength() > 0) {
            throw SamlRejection.ENCRYPTED_ASSERTION.exception("the IdP sent an encrypted assertion; Consilium "
                    + "receives assertions over TLS and does not decrypt them: switch off assertion encryption for "
                    + "this service provider at the IdP");
        }
        int inDocument = document.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").getLength();
        List<Element> direct = SamlXml.children(response, SamlXml.ASSERTION, "Assertion");
        if (inDocument != 1 || direct.size() != 1) {
            throw SamlRejection.ASSERTION_COUNT.exception("the response holds " + inDocument + " assertions ("
                    + direct.size() + " directly under the Response); exactly one is accepted");
        }
        return direct.getFirst();
    }

    /** Also used for the IdP's POSTed single-logout messages ({@link SamlLogout}). */
    static void verifySignature(Element signatureElement, Element signed, String what,
            List<X509Certificate> certificates) {
        String id = SamlXml.attribute(signed, "ID");
        if (id == null || id.isBlank()) {
            throw SamlRejection.SIGNATURE_REFERENCE.exception("the signed " + what + " has no ID");
        }
        try {
            // secure validation: limits on transforms and references, no weak algorithms, no external URIs
            XMLSignature signature = new XMLSignature(signatureElement, "", true);
            SignedInfo signedInfo = signature.getSignedInfo();
            if (signedInfo.getLength() != 1) {
                throw SamlRejection.SIGNATURE_REFERENCE.exception("the " + what + " signature has "
                        + signedInfo.getLength() + " references; exactly one is accepted");
            }
            Reference reference = signedInfo.item(0);
            if (!("#" + id).equals(reference.getURI())) {
                throw SamlRejection.SIGNATURE_REFERENCE.exception("the " + what + " signature covers '"
                        + reference.getURI() + "', not the " + what + " it sits in (#" + id + ")");
            }
            Transforms transforms = reference.getTransforms();
            for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
                String uri = transforms.item(i).getURI();
                if (!ALLOWED_TRANSFORMS.contains(uri)) {
                    throw SamlRejection.SIGNATURE_REFERENCE.exception("the " + what
                            + " signature uses the transform " + uri + ", which SAML does not allow");
                }
            }
            boolean valid = false;
            for (X509Certificate certificate : certificates) {
                PublicKey key = certificate.getPublicKey();
                if (signature.checkSignatureValue(key)) {
                    valid = true;
                    break;
                }
            }
            if (!valid) {
                throw SamlRejection.INVALID_SIGNATURE.exception("the " + what + " signature does not verify with "
                        + "the IdP's signing key from its metadata (tampered content or an unknown key)");
            }
            // Belt and braces: the verified reference must have resolved to this very node.
            if (reference.getContentsBeforeTransformation().getSubNode() != signed) {
                throw SamlRejection.SIGNATURE_REFERENCE.exception("the " + what
                        + " signature resolved to another element than the one it sits in");
            }
        } catch (XMLSecurityException e) {
            throw SamlRejection.INVALID_SIGNATURE.exception("the " + what + " signature cannot be verified: "
                    + e.getMessage(), e);
        }
    }

    private void checkResponse(Element response, Expectations expected, boolean signed) {
        Element status = SamlXml.onlyChild(response, SamlXml.PROTOCOL, "Status");
        Element statusCode = status == null ? null : SamlXml.onlyChild(status, SamlXml.PROTOCOL, "StatusCode");
        String code = SamlXml.attribute(statusCode, "Value");
        if (!SUCCESS.equals(code)) {
            Element nested = statusCode == null ? null : SamlXml.onlyChild(statusCode, SamlXml.PROTOCOL, "StatusCode");
            throw SamlRejection.STATUS_NOT_SUCCESS.exception("the IdP did not sign the user in: status " + code
                    + (nested == null ? "" : " / " + SamlXml.attribute(nested, "Value")));
        }
        Element issuer = SamlXml.onlyChild(response, SamlXml.ASSERTION, "Issuer");
        if (issuer != null && !expected.idpEntityId().equals(SamlXml.text(issuer))) {
            throw SamlRejection.WRONG_ISSUER.exception("the response was issued by '" + SamlXml.text(issuer)
                    + "', not by the configured IdP '" + expected.idpEntityId() + "'");
        }
        String destination = SamlXml.attribute(response, "Destination");
        if (signed && destination == null) {
            throw SamlRejection.WRONG_DESTINATION.exception("the signed response names no Destination");
        }
        if (destination != null && !destination.equals(expected.assertionConsumerServiceUrl())) {
            throw SamlRejection.WRONG_DESTINATION.exception("the response is addressed to '" + destination
                    + "', not to Consilium's assertion consumer URL '" + expected.assertionConsumerServiceUrl() + "'");
        }
        String inResponseTo = SamlXml.attribute(response, "InResponseTo");
        if (inResponseTo != null) {
            checkInResponseTo(inResponseTo, expected);
        }
    }

    private void checkInResponseTo(String inResponseTo, Expectations expected) {
        if (expected.inResponseTo() == null) {
            throw SamlRejection.UNSOLICITED.exception("the response answers request '" + inResponseTo
                    + "', but this browser session has no open sign-in request (expired session, second tab, "
                    + "or a response replayed from elsewhere)");
        }
        if (!expected.inResponseTo().equals(inResponseTo)) {
            throw SamlRejection.IN_RESPONSE_TO_MISMATCH.exception("the response answers request '" + inResponseTo
                    + "', but this browser session sent '" + expected.inResponseTo() + "'");
        }
    }

    private ValidatedAssertion checkAssertion(Element assertion, Expectations expected) {
        Instant now = clock.instant();
        Duration skew = expected.clockSkew();
        String id = SamlXml.attribute(assertion, "ID");

        Element issuer = SamlXml.onlyChild(assertion, SamlXml.ASSERTION, "Issuer");
        if (issuer == null || !expected.idpEntityId().equals(SamlXml.text(issuer))) {
            throw SamlRejection.WRONG_ISSUER.exception("the assertion was issued by '" + SamlXml.text(issuer)
                    + "', not by the configured IdP '" + expected.idpEntityId() + "'");
        }

        Instant validUntil = null;
        Element conditions = SamlXml.onlyChild(assertion, SamlXml.ASSERTION, "Conditions");
        if (conditions == null) {
            throw SamlRejection.WRONG_AUDIENCE.exception("the assertion has no Conditions, so no audience "
                    + "restriction: it could be meant for any service");
        }
        Instant notBefore = instant(conditions, "NotBefore");
        if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
            throw SamlRejection.NOT_YET_VALID.exception("the assertion is valid from " + notBefore + "; it is now "
                    + now + " (clock skew allowed: " + skew + "): check the clocks of the IdP and Consilium");
        }
        Instant notOnOrAfter = instant(conditions, "NotOnOrAfter");
        if (notOnOrAfter != null) {
            if (!now.minus(skew).isBefore(notOnOrAfter)) {
                throw SamlRejection.EXPIRED.exception("the assertion expired at " + notOnOrAfter + "; it is now "
                        + now + " (clock skew allowed: " + skew + ")");
            }
            validUntil = notOnOrAfter;
        }
        List<Element> restrictions = SamlXml.children(conditions, SamlXml.ASSERTION, "AudienceRestriction");
        if (restrictions.isEmpty()) {
            throw SamlRejection.WRONG_AUDIENCE.exception("the assertion has no AudienceRestriction");
        }
        for (Element restriction : restrictions) {
            List<String> audiences = SamlXml.children(restriction, SamlXml.ASSERTION, "Audience").stream()
                    .map(SamlXml::text).toList();
            if (!audiences.contains(expected.spEntityId())) {
                throw SamlRejection.WRONG_AUDIENCE.exception("the assertion is meant for " + audiences
                        + ", not for Consilium (" + expected.spEntityId() + ")");
            }
        }

        Element subject = SamlXml.onlyChild(assertion, SamlXml.ASSERTION, "Subject");
        Element nameIdElement = subject == null ? null : SamlXml.onlyChild(subject, SamlXml.ASSERTION, "NameID");
        String nameId = SamlXml.text(nameIdElement);
        if (nameId == null || nameId.isBlank()) {
            throw SamlRejection.NO_SUBJECT.exception("the assertion names no user (Subject/NameID); encrypted "
                    + "NameIDs are not supported");
        }
        validUntil = checkSubjectConfirmation(subject, expected, now, skew, validUntil);

        List<Element> authnStatements = SamlXml.children(assertion, SamlXml.ASSERTION, "AuthnStatement");
        if (authnStatements.size() != 1) {
            throw SamlRejection.MALFORMED.exception("the assertion has " + authnStatements.size()
                    + " AuthnStatements; exactly one is expected for sign-on");
        }
        Element authn = authnStatements.getFirst();
        Instant authnInstant = instant(authn, "AuthnInstant");
        if (authnInstant == null) {
            throw SamlRejection.MALFORMED.exception("the AuthnStatement has no AuthnInstant");
        }
        if (authnInstant.plus(expected.maxAuthenticationAge()).plus(skew).isBefore(now)) {
            throw SamlRejection.AUTHENTICATION_TOO_OLD.exception("the user authenticated at the IdP at "
                    + authnInstant + ", longer ago than the allowed " + expected.maxAuthenticationAge());
        }
        Instant sessionNotOnOrAfter = instant(authn, "SessionNotOnOrAfter");
        if (sessionNotOnOrAfter != null && !now.minus(skew).isBefore(sessionNotOnOrAfter)) {
            throw SamlRejection.EXPIRED.exception("the IdP session ended at " + sessionNotOnOrAfter);
        }
        Element context = SamlXml.onlyChild(authn, SamlXml.ASSERTION, "AuthnContext");
        String classRef = context == null ? null
                : SamlXml.text(SamlXml.onlyChild(context, SamlXml.ASSERTION, "AuthnContextClassRef"));
        if (!expected.acceptedAuthnContextClassRefs().isEmpty()
                && !expected.acceptedAuthnContextClassRefs().contains(classRef)) {
            throw SamlRejection.AUTHN_CONTEXT_NOT_ACCEPTED.exception("the user authenticated with '" + classRef
                    + "'; Consilium requires one of " + expected.acceptedAuthnContextClassRefs());
        }

        return new ValidatedAssertion(id, SamlXml.text(issuer), nameId, SamlXml.attribute(authn, "SessionIndex"),
                classRef, validUntil, attributes(assertion));
    }

    private Instant checkSubjectConfirmation(Element subject, Expectations expected, Instant now, Duration skew,
            Instant validUntil) {
        List<Element> bearers = SamlXml.children(subject, SamlXml.ASSERTION, "SubjectConfirmation").stream()
                .filter(c -> BEARER.equals(SamlXml.attribute(c, "Method"))).toList();
        if (bearers.isEmpty()) {
            throw SamlRejection.NO_SUBJECT.exception("the assertion has no bearer SubjectConfirmation");
        }
        Saml2AuthenticationException first = null;
        for (Element bearer : bearers) {
            try {
                Element data = SamlXml.onlyChild(bearer, SamlXml.ASSERTION, "SubjectConfirmationData");
                if (data == null) {
                    throw SamlRejection.WRONG_RECIPIENT.exception("the bearer confirmation has no "
                            + "SubjectConfirmationData, so no recipient");
                }
                String recipient = SamlXml.attribute(data, "Recipient");
                if (!expected.assertionConsumerServiceUrl().equals(recipient)) {
                    throw SamlRejection.WRONG_RECIPIENT.exception("the assertion is for recipient '" + recipient
                            + "', not for Consilium's assertion consumer URL '"
                            + expected.assertionConsumerServiceUrl() + "'");
                }
                Instant notOnOrAfter = instant(data, "NotOnOrAfter");
                if (notOnOrAfter == null) {
                    throw SamlRejection.EXPIRED.exception("the bearer confirmation has no NotOnOrAfter");
                }
                if (!now.minus(skew).isBefore(notOnOrAfter)) {
                    throw SamlRejection.EXPIRED.exception("the bearer confirmation expired at " + notOnOrAfter
                            + "; it is now " + now + " (clock skew allowed: " + skew + ")");
                }
                Instant notBefore = instant(data, "NotBefore");
                if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
                    throw SamlRejection.NOT_YET_VALID.exception("the bearer confirmation is valid from " + notBefore);
                }
                String inResponseTo = SamlXml.attribute(data, "InResponseTo");
                if (inResponseTo == null) {
                    throw SamlRejection.UNSOLICITED.exception("the assertion answers no request (no InResponseTo): "
                            + "IdP-initiated sign-on is not accepted");
                }
                checkInResponseTo(inResponseTo, expected);
                return validUntil == null || notOnOrAfter.isBefore(validUntil) ? notOnOrAfter : validUntil;
            } catch (Saml2AuthenticationException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Element statement : SamlXml.children(assertion, SamlXml.ASSERTION, "AttributeStatement")) {
            for (Element attribute : SamlXml.children(statement, SamlXml.ASSERTION, "Attribute")) {
                List<String> values = new ArrayList<>();
                for (Element value : SamlXml.children(attribute, SamlXml.ASSERTION, "AttributeValue")) {
                    values.add(SamlXml.text(value));
                }
                for (String key : new String[] {SamlXml.attribute(attribute, "Name"),
                        SamlXml.attribute(attribute, "FriendlyName")}) {
                    if (key != null && !key.isBlank()) {
                        result.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
                    }
                }
            }
        }
        Map<String, List<String>> copy = new HashMap<>();
        result.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    private static Instant instant(Element element, String attribute) {
        String value = SamlXml.attribute(element, attribute);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw SamlRejection.MALFORMED.exception(element.getLocalName() + "/@" + attribute + " is not a UTC "
                    + "instant: " + value, e);
        }
    }
}
