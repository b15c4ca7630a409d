package nl.consilium.app.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import nl.consilium.app.security.saml.IdpMetadata;
import nl.consilium.app.security.saml.SamlLogout;
import nl.consilium.app.security.saml.SamlPrincipal;
import nl.consilium.app.security.saml.SamlProperties;
import nl.consilium.app.security.saml.SigningCredential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.saml.processing.web.util.RedirectBindingUtil;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.util.UriUtils;
import org.w3c.dom.Document;

/**
 * Single logout over the HTTP-Redirect binding, with real keys: this test plays the IdP, signing its LogoutResponses
 * and LogoutRequests with the IdP key the metadata names, and checks what Consilium sends and what it refuses.
 */
class SamlLogoutTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String BASE = "https://consilium.ziekenhuis.test";
    static final String SP = BASE + "/saml2/service-provider-metadata/consilium";
    static final String SLO = BASE + "/logout/saml2/slo";
    static final String IDP = "https://idp.ziekenhuis.test";
    static final String IDP_SLO = IDP + "/slo";
    static final String SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    @TempDir
    static Path keys;
    static TestKeys idpKeys;
    static TestKeys attackerKeys;
    static TestKeys spKeys;

    SamlLogout logout;
    MockHttpSession session;

    @BeforeAll
    static void keyPairs() {
        idpKeys = TestKeys.generate(keys, "idp");
        attackerKeys = TestKeys.generate(keys, "attacker");
        spKeys = TestKeys.generate(keys, "sp");
    }

    @BeforeEach
    void setUp() {
        logout = logout(new IdpMetadata(IDP, IDP + "/sso", List.of(idpKeys.certificate()), IDP_SLO, null));
        session = new MockHttpSession();
    }

    private static SamlLogout logout(IdpMetadata metadata) {
        SamlProperties properties = new SamlProperties("consilium", BASE, null, null, null, "Role", Map.of(),
                List.of(), Duration.ofSeconds(60), Duration.ofHours(12), List.of());
        return new SamlLogout(properties, () -> metadata,
                new SigningCredential(spKeys.privateKey(), spKeys.certificate()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void signingOutSendsASignedLogoutRequestForTheSignInToTheIdp() throws Exception {
        String id = spInitiated();

        assertThat(id).isNotBlank();
        assertThat(session.getAttributeNames().hasMoreElements()).isTrue();
    }

    @Test
    void theIdpsSignedSuccessCompletesTheLogoutOnceAndOnlyForThisBrowsersRequest() throws Exception {
        String id = spInitiated();
        String query = signedQuery("SAMLResponse", logoutResponse(id, IDP, SLO), idpKeys.privateKey(), SHA256);

        MockHttpServletResponse done = slo(query);
        assertThat(done.getStatus()).isEqualTo(200);
        assertThat(done.getContentAsString()).contains("slo-complete").contains("en bij de identity provider");

        MockHttpServletResponse again = slo(query);
        assertThat(again.getStatus()).isEqualTo(400);
        assertThat(again.getContentAsString()).contains("unsolicited_response");
    }

    @Test
    void forgedUnsignedMisdirectedOrForeignLogoutResponsesAreRefused() throws Exception {
        String id = spInitiated();
        assertRefused(signedQuery("SAMLResponse", logoutResponse(id, IDP, SLO), attackerKeys.privateKey(), SHA256),
                "invalid_signature");
        assertRefused("SAMLResponse=" + UriUtils.encode(deflate(logoutResponse(id, IDP, SLO)), StandardCharsets.UTF_8),
                "unsigned");
        assertRefused(signedQuery("SAMLResponse", logoutResponse(id, IDP, SLO), idpKeys.privateKey(),
                "http://www.w3.org/2000/09/xmldsig#rsa-sha1"), "invalid_signature");
        assertRefused(signedQuery("SAMLResponse", logoutResponse("_another", IDP, SLO), idpKeys.privateKey(), SHA256),
                "in_response_to_mismatch");
        assertRefused(signedQuery("SAMLResponse", logoutResponse(id, "https://evil.test", SLO), idpKeys.privateKey(),
                SHA256), "wrong_issuer");
        assertRefused(signedQuery("SAMLResponse", logoutResponse(id, IDP, "https://other.test/slo"),
                idpKeys.privateKey(), SHA256), "wrong_destination");
        // A signed query whose message was swapped afterwards no longer verifies.
        String good = signedQuery("SAMLResponse", logoutResponse(id, IDP, SLO), idpKeys.privateKey(), SHA256);
        String swapped = good.replaceFirst("SAMLResponse=[^&]*", "SAMLResponse="
                + UriUtils.encode(deflate(logoutResponse(id, IDP, SLO).replace("Success", "Requester")),
                        StandardCharsets.UTF_8));
        assertRefused(swapped, "invalid_signature");
        // After all these, the genuine answer is still accepted.
        assertThat(slo(good).getStatus()).isEqualTo(200);
    }

    @Test
    void aLogoutResponseByHttpPostMustCarryAValidEnvelopedSignature() throws Exception {
        String id = spInitiated();
        Document unsigned = TestIdp.parse(logoutResponse(id, IDP, SLO));
        assertThat(post("SAMLResponse", unsigned).getContentAsString()).contains("unsigned");

        Document forged = TestIdp.parse(logoutResponse(id, IDP, SLO));
        TestIdp.sign(forged.getDocumentElement(), attackerKeys);
        assertThat(post("SAMLResponse", forged).getContentAsString()).contains("invalid_signature");

        Document tampered = TestIdp.parse(logoutResponse(id, IDP, SLO));
        TestIdp.sign(tampered.getDocumentElement(), idpKeys);
        tampered.getDocumentElement().setAttribute("InResponseTo", "_another");
        assertThat(post("SAMLResponse", tampered).getStatus()).isEqualTo(400);

        Document signed = TestIdp.parse(logoutResponse(id, IDP, SLO));
        TestIdp.sign(signed.getDocumentElement(), idpKeys);
        MockHttpServletResponse done = post("SAMLResponse", signed);
        assertThat(done.getStatus()).isEqualTo(200);
        assertThat(done.getContentAsString()).contains("slo-complete");
    }

    @Test
    void theIdpEndsThisBrowsersSessionOfThatUserAndGetsASignedResponse() throws Exception {
        signedIn("j.jansen");
        String query = signedQuery("SAMLRequest", logoutRequest("_idp-request-1", "j.jansen"), idpKeys.privateKey(),
                SHA256) ;

        MockHttpServletResponse response = slo(query);

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(session.isInvalid()).isTrue();
        Map<String, String> raw = raw(response.getRedirectedUrl(), IDP_SLO);
        assertThat(verify(raw, "SAMLResponse", spKeys.certificate())).isTrue();
        Document answer = inflate(raw.get("SAMLResponse"));
        assertThat(answer.getDocumentElement().getLocalName()).isEqualTo("LogoutResponse");
        assertThat(answer.getDocumentElement().getAttribute("InResponseTo")).isEqualTo("_idp-request-1");
        assertThat(answer.getDocumentElement().getAttribute("Destination")).isEqualTo(IDP_SLO);
        assertThat(xmlOf(answer)).contains("urn:oasis:names:tc:SAML:2.0:status:Success").contains(SP);
    }

    @Test
    void anUnsignedOrForgedLogoutRequestEndsNoSession() throws Exception {
        signedIn("j.jansen");
        assertRefused("SAMLRequest=" + UriUtils.encode(deflate(logoutRequest("_r", "j.jansen")), StandardCharsets.UTF_8),
                "unsigned");
        assertRefused(signedQuery("SAMLRequest", logoutRequest("_r", "j.jansen"), attackerKeys.privateKey(), SHA256),
                "invalid_signature");
        assertThat(session.isInvalid()).isFalse();

        // A genuine request for another user leaves this browser's user signed in: a partial logout.
        MockHttpServletResponse other = slo(signedQuery("SAMLRequest", logoutRequest("_r2", "p.pietersen"),
                idpKeys.privateKey(), SHA256));
        assertThat(session.isInvalid()).isFalse();
        assertThat(xmlOf(inflate(raw(other.getRedirectedUrl(), IDP_SLO).get("SAMLResponse"))))
                .contains("PartialLogout");
    }

    @Test
    void withoutSingleLogoutAtTheIdpThePageSaysTheIdpSessionIsStillActive() throws Exception {
        SamlLogout noSlo = logout(new IdpMetadata(IDP, IDP + "/sso", List.of(idpKeys.certificate())));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
        MockHttpServletResponse response = new MockHttpServletResponse();

        noSlo.signedOut(request, response, authentication("j.jansen"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("loopt nog");
    }

    /** Runs the SP-initiated logout and checks the LogoutRequest; returns its ID. */
    private String spInitiated() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
        request.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        logout.signedOut(request, response, authentication("j.jansen"));

        assertThat(response.getStatus()).isEqualTo(302);
        Map<String, String> raw = raw(response.getRedirectedUrl(), IDP_SLO);
        assertThat(raw).containsKeys("SAMLRequest", "RelayState", "SigAlg", "Signature");
        assertThat(verify(raw, "SAMLRequest", spKeys.certificate())).as("signed with Consilium's key").isTrue();
        Document sent = inflate(raw.get("SAMLRequest"));
        String xml = xmlOf(sent);
        assertThat(sent.getDocumentElement().getLocalName()).isEqualTo("LogoutRequest");
        assertThat(sent.getDocumentElement().getAttribute("Destination")).isEqualTo(IDP_SLO);
        assertThat(xml).contains(">j.jansen<").contains(">session-1<").contains(">" + SP + "<");
        return sent.getDocumentElement().getAttribute("ID");
    }

    private static TestingAuthenticationToken authentication(String user) {
        return new TestingAuthenticationToken(new SamlPrincipal(user, Map.of(), List.of("session-1"), "J. Jansen"),
                null, "ROLE_clinician");
    }

    private void signedIn(String user) {
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(authentication(user)));
    }

    private MockHttpServletResponse slo(String query) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/logout/saml2/slo");
        request.setQueryString(query);
        request.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        logout.handle(request, response);
        return response;
    }

    private MockHttpServletResponse post(String parameter, Document message) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout/saml2/slo");
        request.addParameter(parameter, Base64.getEncoder().encodeToString(TestIdp.xml(message)
                .getBytes(StandardCharsets.UTF_8)));
        request.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        logout.handle(request, response);
        return response;
    }

    private void assertRefused(String query, String code) throws Exception {
        MockHttpServletResponse response = slo(query);
        assertThat(response.getStatus()).as(code).isEqualTo(400);
        assertThat(response.getContentAsString()).contains(code);
    }

    private static String logoutResponse(String inResponseTo, String issuer, String destination) {
        return """
                <samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
                xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_resp-%s" Version="2.0" IssueInstant="%s" \
                Destination="%s" InResponseTo="%s"><saml:Issuer>%s</saml:Issuer><samlp:Status>\
                <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
                </samlp:LogoutResponse>""".formatted(System.nanoTime(), NOW, destination, inResponseTo, issuer);
    }

    private static String logoutRequest(String id, String user) {
        return """
                <samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
                xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="%s" Version="2.0" IssueInstant="%s" \
                Destination="%s" NotOnOrAfter="%s"><saml:Issuer>%s</saml:Issuer>\
                <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">%s</saml:NameID>\
                <samlp:SessionIndex>session-1</samlp:SessionIndex></samlp:LogoutRequest>"""
                .formatted(id, NOW, SLO, NOW.plusSeconds(300), IDP, user);
    }

    private static String deflate(String xml) throws Exception {
        return RedirectBindingUtil.deflateBase64Encode(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** What an IdP sends: the message, its SigAlg and the signature over exactly the encoded query. */
    private static String signedQuery(String parameter, String xml, PrivateKey key, String sigAlg) throws Exception {
        String query = parameter + "=" + UriUtils.encode(deflate(xml), StandardCharsets.UTF_8)
                + "&SigAlg=" + UriUtils.encode(sigAlg, StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(sigAlg.endsWith("sha1") ? "SHA1withRSA" : "SHA256withRSA");
        signer.initSign(key);
        signer.update(query.getBytes(StandardCharsets.US_ASCII));
        return query + "&Signature=" + UriUtils.encode(Base64.getEncoder().encodeToString(signer.sign()),
                StandardCharsets.UTF_8);
    }

    private static Map<String, String> raw(String url, String endpoint) {
        assertThat(url).startsWith(endpoint + "?");
        Map<String, String> raw = new LinkedHashMap<>();
        for (String pair : url.substring(endpoint.length() + 1).split("&")) {
            int at = pair.indexOf('=');
            raw.put(pair.substring(0, at), pair.substring(at + 1));
        }
        return raw;
    }

    private static boolean verify(Map<String, String> raw, String parameter, X509Certificate certificate)
            throws Exception {
        String signed = parameter + "=" + raw.get(parameter)
                + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
                + "&SigAlg=" + raw.get("SigAlg");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getDecoder().decode(URLDecoder.decode(raw.get("Signature"),
                StandardCharsets.UTF_8)));
    }

    private static Document inflate(String rawValue) throws Exception {
        try (InputStream xml = RedirectBindingUtil.base64DeflateDecode(URLDecoder.decode(rawValue,
                StandardCharsets.UTF_8))) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(xml);
        }
    }

    private static String xmlOf(Document document) {
        return TestIdp.xml(document);
    }
}
