package nl.consilium.app.security.saml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.keycloak.saml.SAML2LogoutRequestBuilder;
import org.keycloak.saml.SAML2LogoutResponseBuilder;
import org.keycloak.saml.processing.web.util.RedirectBindingUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SAML single logout (SLO) with the HTTP-Redirect binding both ways, on Keycloak's SAML core (Spring's
 * {@code saml2Logout()} needs OpenSAML, which is not available here).
 *
 * <ul>
 * <li>SP-initiated: signing out of Consilium ({@code POST /logout}) ends the Consilium session and sends the browser
 * to the IdP's SingleLogoutService with a signed LogoutRequest (NameID and SessionIndex of the sign-in). The IdP's
 * LogoutResponse comes back to {@value #SLO_PATH}; it must be signed by the IdP, answer exactly the request this
 * browser sent, and say Success before the page says the IdP session has ended too.</li>
 * <li>IdP-initiated: the IdP sends a signed LogoutRequest to {@value #SLO_PATH} (for example when the user signs out
 * at another application); the Consilium session of that user in this browser is ended and a signed LogoutResponse
 * goes back to the IdP.</li>
 * </ul>
 *
 * Without an SLO endpoint in the IdP metadata, signing out ends the Consilium session only and the page says so.
 */
public final class SamlLogout {

    public static final String SLO_PATH = "/logout/saml2/slo";

    private static final Logger LOG = LoggerFactory.getLogger(SamlLogout.class);
    private static final String PENDING = SamlLogout.class.getName() + ".pendingLogoutRequest";
    private static final String NAME_ID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final String PARTIAL = "urn:oasis:names:tc:SAML:2.0:status:PartialLogout";
    /** Inflated messages larger than this are refused (a deflate bomb in a URL). */
    private static final long MAX_MESSAGE_BYTES = 200_000;

    /** A LogoutRequest this browser sent to the IdP, kept in the (new) session until its response arrives. */
    record Pending(String id, Instant sentAt) implements java.io.Serializable {
    }

    /** Why an SLO message was refused; the code is shown and logged (no patient data in SAML messages). */
    static final class Refused extends Exception {
        private final String code;

        Refused(String code, String detail) {
            super(detail);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final SamlProperties properties;
    private final Supplier<IdpMetadata> idp;
    private final SigningCredential credential;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SamlLogout(SamlProperties properties, Supplier<IdpMetadata> idp, SigningCredential credential,
            Clock clock) {
        this.properties = properties;
        this.idp = idp;
        this.credential = credential;
        this.clock = clock;
    }

    /** Consilium's SingleLogoutService URL (in the SP metadata). */
    public String sloUrl() {
        return properties.normalisedBaseUrl() + SLO_PATH;
    }

    /**
     * After Spring's LogoutFilter has ended the Consilium session: on to the IdP with a signed LogoutRequest, or,
     * when that is not possible, the page that says the IdP session is still active.
     */
    public void signedOut(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        IdpMetadata metadata;
        try {
            metadata = idp.get();
        } catch (RuntimeException e) {
            LOG.warn("SAML single logout skipped: the IdP metadata is unavailable ({})", e.getClass().getSimpleName());
            page(response, 200, localOnly());
            return;
        }
        if (metadata.singleLogoutServiceUrl() == null || authentication == null
                || !(authentication.getPrincipal() instanceof SamlPrincipal principal)) {
            page(response, 200, localOnly());
            return;
        }
        SAML2LogoutRequestBuilder builder = new SAML2LogoutRequestBuilder()
                .destination(metadata.singleLogoutServiceUrl())
                .issuer(properties.effectiveEntityId())
                .userPrincipal(principal.getName(), NAME_ID_UNSPECIFIED)
                .assertionExpiration(300);
        principal.getSessionIndexes().stream().findFirst().ifPresent(builder::sessionIndex);
        Document document;
        try {
            document = builder.buildDocument();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the SAML LogoutRequest", e);
        }
        String id = document.getDocumentElement().getAttribute("ID");
        // The old session is gone (invalidated by the logout); a fresh one remembers which request we sent, so
        // only the IdP's answer to exactly this request is accepted in this browser.
        request.getSession(true).setAttribute(PENDING, new Pending(id, clock.instant()));
        String url = redirect(metadata.singleLogoutServiceUrl(), "SAMLRequest", encode(document), relayState());
        LOG.info("SAML single logout of '{}' sent to the IdP", principal.getName());
        response.sendRedirect(url);
    }

    /**
     * The SLO endpoint: the IdP's LogoutResponse or its own LogoutRequest, with the HTTP-Redirect binding (signed
     * query, GET) or the HTTP-POST binding (enveloped XML signature, as IdPs that answer by POST send it).
     */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Element message;
            String relayState;
            boolean isResponse;
            if ("GET".equals(request.getMethod())) {
                Map<String, String> raw = rawQuery(request.getQueryString());
                isResponse = raw.containsKey("SAMLResponse");
                if (!isResponse && !raw.containsKey("SAMLRequest")) {
                    throw new Refused("malformed_message", "neither SAMLRequest nor SAMLResponse");
                }
                message = verifiedMessage(raw, isResponse ? "SAMLResponse" : "SAMLRequest",
                        isResponse ? "LogoutResponse" : "LogoutRequest");
                relayState = raw.get("RelayState") == null ? null : decode(raw.get("RelayState"));
            } else if ("POST".equals(request.getMethod())) {
                String posted = request.getParameter("SAMLResponse");
                isResponse = posted != null;
                if (!isResponse) {
                    posted = request.getParameter("SAMLRequest");
                }
                if (posted == null) {
                    throw new Refused("malformed_message", "neither SAMLRequest nor SAMLResponse");
                }
                message = postedMessage(posted, isResponse ? "LogoutResponse" : "LogoutRequest");
                relayState = request.getParameter("RelayState");
            } else {
                throw new Refused("unsupported_binding", request.getMethod());
            }
            if (isResponse) {
                page(response, 200, logoutResponse(request, message) ? bothEnded() : idpIncomplete());
            } else {
                response.sendRedirect(logoutRequest(request, message, relayState));
            }
        } catch (Refused e) {
            LOG.warn("SAML single logout message refused: {} ({})", e.code(), e.getMessage());
            page(response, 400, problem(e.code()));
        }
    }

    /** @return true when the IdP says the whole logout succeeded */
    private boolean logoutResponse(HttpServletRequest request, Element message) throws Refused {
        HttpSession session = request.getSession(false);
        Pending pending = session == null ? null : (Pending) session.getAttribute(PENDING);
        if (pending == null) {
            throw new Refused("unsolicited_response", "no LogoutRequest of this browser is waiting for an answer");
        }
        if (!pending.id().equals(message.getAttribute("InResponseTo"))) {
            throw new Refused("in_response_to_mismatch", "the LogoutResponse answers another request");
        }
        requireDestination(message);
        session.removeAttribute(PENDING);
        Element status = SamlXml.children(message, SamlXml.PROTOCOL, "Status").stream().findFirst()
                .flatMap(s -> SamlXml.children(s, SamlXml.PROTOCOL, "StatusCode").stream().findFirst())
                .orElseThrow(() -> new Refused("malformed_message", "the LogoutResponse has no StatusCode"));
        boolean success = SUCCESS.equals(status.getAttribute("Value"));
        if (!success) {
            LOG.warn("SAML single logout: the IdP answered {}", status.getAttribute("Value"));
        }
        return success;
    }

    /** Ends this browser's Consilium session if it belongs to the user the IdP signs out; returns the redirect. */
    private String logoutRequest(HttpServletRequest request, Element message, String relayState) throws Refused {
        requireDestination(message);
        String notOnOrAfter = message.getAttribute("NotOnOrAfter");
        if (!notOnOrAfter.isEmpty()) {
            Instant until;
            try {
                until = Instant.parse(notOnOrAfter);
            } catch (DateTimeParseException e) {
                throw new Refused("malformed_message", "NotOnOrAfter is not a UTC time");
            }
            if (!clock.instant().isBefore(until.plus(properties.clockSkew()))) {
                throw new Refused("expired", "the LogoutRequest has expired");
            }
        }
        Element nameId = SamlXml.children(message, SamlXml.ASSERTION, "NameID").stream().findFirst()
                .orElseThrow(() -> new Refused("no_subject", "the LogoutRequest names no user"));
        String user = SamlXml.text(nameId);
        String status = SUCCESS;
        HttpSession session = request.getSession(false);
        if (session != null) {
            Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            Authentication signedIn = context instanceof SecurityContext c ? c.getAuthentication() : null;
            if (signedIn != null && user.equals(signedIn.getName())) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                LOG.info("SAML single logout from the IdP: session of '{}' ended", user);
            } else if (signedIn != null) {
                // Another user is signed in in this browser: not theirs to end; the IdP hears it was partial.
                status = PARTIAL;
            }
        }
        IdpMetadata metadata = idp.get();
        if (metadata.singleLogoutResponseUrl() == null) {
            throw new Refused("idp_has_no_slo", "the IdP metadata has no SingleLogoutService for the response");
        }
        SAML2LogoutResponseBuilder builder = new SAML2LogoutResponseBuilder()
                .logoutRequestID(message.getAttribute("ID"))
                .destination(metadata.singleLogoutResponseUrl())
                .issuer(properties.effectiveEntityId());
        Document document;
        try {
            document = builder.buildDocument();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the SAML LogoutResponse", e);
        }
        if (!SUCCESS.equals(status)) {
            Element code = (Element) document.getElementsByTagNameNS(SamlXml.PROTOCOL, "StatusCode").item(0);
            code.setAttribute("Value", status);
        }
        return redirect(metadata.singleLogoutResponseUrl(), "SAMLResponse", encode(document), relayState);
    }

    /**
     * An HTTP-POST message: base64 XML (no DTD) whose root carries exactly one enveloped signature, verified with the
     * same strict checks as sign-in responses (one reference to the root's ID, only SAML's transforms, the IdP's
     * keys from its metadata).
     */
    private Element postedMessage(String base64, String expectedElement) throws Refused {
        Document document;
        try {
            byte[] xml = Base64.getMimeDecoder().decode(base64);
            if (xml.length > MAX_MESSAGE_BYTES) {
                throw new Refused("malformed_message", "the message is too large");
            }
            document = SamlXml.parse(xml);
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused("malformed_message", "the message cannot be decoded or parsed: "
                    + e.getClass().getSimpleName());
        }
        Element root = document.getDocumentElement();
        if (!SamlXml.PROTOCOL.equals(root.getNamespaceURI()) || !expectedElement.equals(root.getLocalName())) {
            throw new Refused("malformed_message", "expected a " + expectedElement);
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Element element : SamlXml.allElements(document)) {
            if (element.hasAttribute("ID") && !ids.add(element.getAttribute("ID"))) {
                throw new Refused("duplicate_id", "an ID occurs more than once");
            }
        }
        if (root.hasAttribute("ID")) {
            root.setIdAttribute("ID", true);
        }
        long signatures = SamlXml.allElements(document).stream()
                .filter(e -> SamlXml.DSIG.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName()))
                .count();
        Element signature = SamlXml.children(root, SamlXml.DSIG, "Signature").stream().findFirst().orElse(null);
        if (signature == null) {
            throw new Refused("unsigned", "single logout messages must be signed by the IdP");
        }
        if (signatures != 1) {
            throw new Refused("signature_reference", "more than one signature in the message");
        }
        IdpMetadata metadata = idp.get();
        try {
            SamlResponseValidator.verifySignature(signature, root, expectedElement, metadata.signingCertificates());
        } catch (org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationException e) {
            throw new Refused(e.getSaml2Error().getErrorCode(), e.getSaml2Error().getDescription());
        }
        requireIssuer(root, metadata);
        return root;
    }

    private static void requireIssuer(Element root, IdpMetadata metadata) throws Refused {
        String issuer = SamlXml.children(root, SamlXml.ASSERTION, "Issuer").stream().findFirst()
                .map(SamlXml::text).orElse(null);
        if (!metadata.entityId().equals(issuer)) {
            throw new Refused("wrong_issuer", "the message is not from the configured IdP");
        }
    }

    /**
     * Checks the query signature of an HTTP-Redirect message (SAML bindings 3.4.4.1) with the IdP's keys from its
     * metadata, then inflates and parses it (no DTDs) and checks its element and issuer.
     */
    private Element verifiedMessage(Map<String, String> raw, String parameter, String expectedElement)
            throws Refused {
        String sigAlg = raw.get("SigAlg");
        String signature = raw.get("Signature");
        if (sigAlg == null || signature == null) {
            throw new Refused("unsigned", "single logout messages must be signed by the IdP");
        }
        if (!SamlAuthenticationRequestResolver.SIG_ALG.equals(decode(sigAlg))) {
            throw new Refused("invalid_signature", "signature algorithm " + decode(sigAlg) + " is not accepted "
                    + "(RSA-SHA256 only)");
        }
        // The signed octets are the parameters exactly as they appear in the URL (still URL-encoded).
        String signed = parameter + "=" + raw.get(parameter)
                + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
                + "&SigAlg=" + sigAlg;
        IdpMetadata metadata = idp.get();
        if (!verifies(signed, decode(signature), metadata)) {
            throw new Refused("invalid_signature", "the signature does not verify with a key of the IdP metadata");
        }
        Document document;
        try (InputStream xml = RedirectBindingUtil.base64DeflateDecode(decode(raw.get(parameter)), MAX_MESSAGE_BYTES)) {
            document = SamlXml.parse(xml);
        } catch (Exception e) {
            throw new Refused("malformed_message", "the message cannot be inflated or parsed: "
                    + e.getClass().getSimpleName());
        }
        Element root = document.getDocumentElement();
        if (!SamlXml.PROTOCOL.equals(root.getNamespaceURI()) || !expectedElement.equals(root.getLocalName())) {
            throw new Refused("malformed_message", "expected a " + expectedElement);
        }
        requireIssuer(root, metadata);
        return root;
    }

    private void requireDestination(Element message) throws Refused {
        String destination = message.getAttribute("Destination");
        if (!destination.isEmpty() && !destination.equals(sloUrl())) {
            throw new Refused("wrong_destination", "the message is addressed to " + destination);
        }
    }

    private static boolean verifies(String signed, String signatureBase64, IdpMetadata metadata) {
        byte[] signature;
        try {
            signature = Base64.getMimeDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (X509Certificate certificate : metadata.signingCertificates()) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(certificate.getPublicKey());
                verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // try the next key
            }
        }
        return false;
    }

    /** The query parameters as they are in the URL (not decoded); a parameter given twice is refused. */
    static Map<String, String> rawQuery(String query) throws Refused {
        Map<String, String> raw = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return raw;
        }
        for (String pair : query.split("&")) {
            int at = pair.indexOf('=');
            String name = at < 0 ? pair : pair.substring(0, at);
            if (raw.put(name, at < 0 ? "" : pair.substring(at + 1)) != null) {
                throw new Refused("malformed_message", "parameter " + name + " appears twice");
            }
        }
        return raw;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String encode(Document document) {
        try {
            return RedirectBindingUtil.deflateBase64Encode(SamlXml.serialise(document)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the SAML message", e);
        }
    }

    private String relayState() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The redirect URL with the message, its RelayState and the signature over exactly the octets sent. */
    private String redirect(String endpoint, String parameter, String message, String relayState) {
        String query = parameter + "=" + UriUtils.encode(message, StandardCharsets.UTF_8)
                + (relayState == null ? "" : "&RelayState=" + UriUtils.encode(relayState, StandardCharsets.UTF_8))
                + "&SigAlg=" + UriUtils.encode(SamlAuthenticationRequestResolver.SIG_ALG, StandardCharsets.UTF_8);
        String signature;
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(credential.privateKey());
            signer.update(query.getBytes(StandardCharsets.US_ASCII));
            signature = Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the SAML message with Consilium's key", e);
        }
        return endpoint + (endpoint.contains("?") ? "&" : "?") + query + "&Signature="
                + UriUtils.encode(signature, StandardCharsets.UTF_8);
    }

    static String localOnly() {
        return """
                <h1>U bent afgemeld bij Consilium</h1>
                <p>Uw aanmelding bij het ziekenhuis (de identity provider) loopt nog: meld u daar ook af of sluit de
                browser als u een gedeelde werkplek verlaat.</p>
                <p lang="en">You are signed out of Consilium. Your sign-in at the hospital's identity provider is
                still active: sign out there too, or close the browser, on a shared workstation.</p>""";
    }

    private static String bothEnded() {
        return """
                <h1 id="slo-complete">U bent afgemeld bij Consilium en bij de identity provider</h1>
                <p>Ook uw aanmelding bij het ziekenhuis (de identity provider) is beëindigd.</p>
                <p lang="en">You are signed out of Consilium and of the hospital's identity provider.</p>
                <p><a href="/">Opnieuw aanmelden</a></p>""";
    }

    private static String idpIncomplete() {
        return """
                <h1>U bent afgemeld bij Consilium</h1>
                <p>De identity provider meldt dat de afmelding daar niet volledig is gelukt: uw aanmelding bij het
                ziekenhuis kan nog actief zijn. Sluit de browser als u een gedeelde werkplek verlaat.</p>
                <p lang="en">You are signed out of Consilium. The identity provider reports that signing out there
                did not fully succeed: close the browser on a shared workstation.</p>""";
    }

    private static String problem(String code) {
        String safe = HtmlUtils.htmlEscape(code);
        return """
                <h1>Afmeldbericht niet geaccepteerd</h1>
                <p>Consilium accepteert dit afmeldbericht van de identity provider niet (reden: <code>%s</code>).
                Sluit de browser als u een gedeelde werkplek verlaat, en meld de reden aan de servicedesk.</p>
                <p lang="en">Consilium did not accept this logout message (reason: <code>%s</code>). Close the
                browser on a shared workstation.</p>""".formatted(safe, safe);
    }

    private static void page(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Afgemeld"
                + "</title></head><body><main>" + body + "</main></body></html>");
    }
}
