package nl.consilium.app.security.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What Consilium needs from the IdP's SAML metadata: its entity id, where to send users to sign in (HTTP-Redirect
 * binding), and the certificates whose keys sign its responses.
 *
 * <p>The metadata is read once at start-up: a new IdP signing key means a restart (or publish the new key in the
 * metadata beside the old one before the IdP switches). Metadata signatures are not checked: fetch it over HTTPS
 * from the IdP or give a file that hospital IT placed there.
 */
public record IdpMetadata(String entityId, String singleSignOnServiceUrl, List<X509Certificate> signingCertificates,
        String singleLogoutServiceUrl, String singleLogoutResponseUrl) {

    /**
     * @param singleLogoutServiceUrl  the IdP's SingleLogoutService (HTTP-Redirect binding) for LogoutRequests; null
     *                                when the IdP offers none (then signing out ends only Consilium's session)
     * @param singleLogoutResponseUrl where LogoutResponses go (its ResponseLocation, else the same Location)
     */
    public IdpMetadata {
        signingCertificates = List.copyOf(signingCertificates);
        if (singleLogoutResponseUrl == null) {
            singleLogoutResponseUrl = singleLogoutServiceUrl;
        }
    }

    /** An IdP without single logout. */
    public IdpMetadata(String entityId, String singleSignOnServiceUrl, List<X509Certificate> signingCertificates) {
        this(entityId, singleSignOnServiceUrl, signingCertificates, null, null);
    }

    /** Loads from an http(s) URL or a file path (optionally {@code file:}). */
    public static IdpMetadata load(String location, String wantedEntityId) {
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("consilium.saml.idp.metadata-location is not set: give the URL of the "
                    + "IdP's SAML metadata or the path of a copy of it");
        }
        byte[] xml;
        try {
            if (location.startsWith("https://") || location.startsWith("http://")) {
                try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL).build()) {
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(location))
                            .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("the IdP metadata at " + location + " answered HTTP "
                                + response.statusCode());
                    }
                    xml = response.body();
                }
            } else {
                xml = Files.readAllBytes(Path.of(location.startsWith("file:") ? URI.create(location).getPath()
                        : location));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the IdP metadata from " + location + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the IdP metadata from " + location, e);
        }
        return parse(xml, wantedEntityId, location);
    }

    static IdpMetadata parse(byte[] xml, String wantedEntityId, String source) {
        Document document;
        try {
            document = SamlXml.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException("the IdP metadata from " + source + " is not well-formed XML: "
                    + e.getMessage(), e);
        }
        List<Element> candidates = new ArrayList<>();
        var descriptors = document.getElementsByTagNameNS(SamlXml.METADATA, "EntityDescriptor");
        for (int i = 0; i < descriptors.getLength(); i++) {
            Element descriptor = (Element) descriptors.item(i);
            if (!SamlXml.children(descriptor, SamlXml.METADATA, "IDPSSODescriptor").isEmpty()
                    && (wantedEntityId == null || wantedEntityId.isBlank()
                    || wantedEntityId.equals(descriptor.getAttribute("entityID")))) {
                candidates.add(descriptor);
            }
        }
        if (candidates.size() != 1) {
            throw new IllegalStateException("the metadata from " + source + " holds " + candidates.size()
                    + " identity providers" + (wantedEntityId == null || wantedEntityId.isBlank() ? ""
                    : " with entityID " + wantedEntityId) + "; set consilium.saml.idp.entity-id to choose one");
        }
        Element entity = candidates.getFirst();
        Element idp = SamlXml.children(entity, SamlXml.METADATA, "IDPSSODescriptor").getFirst();
        String sso = SamlXml.children(idp, SamlXml.METADATA, "SingleSignOnService").stream()
                .filter(s -> SamlXml.REDIRECT_BINDING.equals(s.getAttribute("Binding")))
                .map(s -> s.getAttribute("Location")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the IdP in " + source + " offers no "
                        + "SingleSignOnService with the HTTP-Redirect binding, which Consilium uses"));
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element key : SamlXml.children(idp, SamlXml.METADATA, "KeyDescriptor")) {
            String use = key.getAttribute("use");
            if (!use.isEmpty() && !"signing".equals(use)) {
                continue;
            }
            var certs = key.getElementsByTagNameNS(SamlXml.DSIG, "X509Certificate");
            for (int i = 0; i < certs.getLength(); i++) {
                certificates.add(certificate(certs.item(i).getTextContent(), source));
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("the IdP in " + source + " publishes no signing certificate; Consilium "
                    + "accepts only signed responses");
        }
        Element slo = SamlXml.children(idp, SamlXml.METADATA, "SingleLogoutService").stream()
                .filter(s -> SamlXml.REDIRECT_BINDING.equals(s.getAttribute("Binding"))).findFirst().orElse(null);
        String sloUrl = slo == null || slo.getAttribute("Location").isBlank() ? null : slo.getAttribute("Location");
        String sloResponseUrl = slo == null || slo.getAttribute("ResponseLocation").isBlank() ? null
                : slo.getAttribute("ResponseLocation");
        return new IdpMetadata(entity.getAttribute("entityID"), sso, certificates, sloUrl, sloResponseUrl);
    }

    private static X509Certificate certificate(String base64, String source) {
        try (InputStream in = new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64.strip()))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a signing certificate in the IdP metadata from " + source
                    + " cannot be read: " + e.getMessage(), e);
        }
    }
}
