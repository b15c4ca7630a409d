package nl.consilium.app.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;

import nl.consilium.app.security.saml.IdpMetadata;
import nl.consilium.app.security.saml.SamlAuthenticationRequestResolver;
import nl.consilium.app.security.saml.SamlProperties;
import nl.consilium.app.security.saml.SigningCredential;
import nl.consilium.app.security.saml.SpMetadataResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.saml2.core.Saml2X509Credential;
import org.springframework.security.saml2.provider.service.authentication.Saml2RedirectAuthenticationRequest;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistration;
import org.springframework.web.util.UriUtils;

/** The signed AuthnRequest, Consilium's SP metadata, reading IdP metadata and the signing keystore. */
class SamlRequestAndMetadataTest {

    private static final String SP = "https://consilium.ziekenhuis.test/saml2/service-provider-metadata/consilium";
    private static final String ACS = "https://consilium.ziekenhuis.test/login/saml2/sso/consilium";
    private static final String SSO = "https://idp.ziekenhuis.test/sso";

    @TempDir
    static Path dir;
    static TestKeys spKeys;
    static RelyingPartyRegistration registration;

    @BeforeAll
    static void setUp() {
        spKeys = TestKeys.generate(dir, "sp");
        registration = RelyingPartyRegistration.withRegistrationId("consilium").entityId(SP)
                .assertionConsumerServiceLocation(ACS)
                .signingX509Credentials(c -> c.add(Saml2X509Credential.signing(spKeys.privateKey(),
                        spKeys.certificate())))
                .assertingPartyMetadata(p -> p.entityId("https://idp.ziekenhuis.test").singleSignOnServiceLocation(SSO))
                .build();
    }

    private static SamlProperties properties(List<String> contexts) {
        return new SamlProperties("consilium", "https://consilium.ziekenhuis.test", null, null, null, null, Map.of(),
                contexts, null, null, List.of());
    }

    @Test
    void theAuthnRequestIsSignedOverTheQueryStringAndNamesConsilium() throws Exception {
        SamlAuthenticationRequestResolver resolver = new SamlAuthenticationRequestResolver(
                id -> "consilium".equals(id) ? registration : null, properties(List.of("https://refeds.org/profile/mfa")),
                new SigningCredential(spKeys.privateKey(), spKeys.certificate()));
        MockHttpServletRequest http = new MockHttpServletRequest("GET", "/saml2/authenticate/consilium");

        Saml2RedirectAuthenticationRequest request = resolver.resolve(http);

        assertThat(request.getAuthenticationRequestUri()).isEqualTo(SSO);
        String xml = inflate(Base64.getDecoder().decode(request.getSamlRequest()));
        assertThat(xml).contains("ID=\"" + request.getId() + "\"").contains("Destination=\"" + SSO + "\"")
                .contains("AssertionConsumerServiceURL=\"" + ACS + "\"").contains(">" + SP + "<")
                .contains("https://refeds.org/profile/mfa");
        String signed = "SAMLRequest=" + UriUtils.encode(request.getSamlRequest(), StandardCharsets.UTF_8)
                + "&RelayState=" + UriUtils.encode(request.getRelayState(), StandardCharsets.UTF_8)
                + "&SigAlg=" + UriUtils.encode(request.getSigAlg(), StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(spKeys.certificate());
        verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getDecoder().decode(request.getSignature()))).isTrue();
        Object unknownRegistration = resolver.resolve(new MockHttpServletRequest("GET", "/saml2/authenticate/other"));
        assertThat(unknownRegistration).isNull();
    }

    @Test
    void otherPathsAreNotSignInRequests() {
        SamlAuthenticationRequestResolver resolver = new SamlAuthenticationRequestResolver(
                id -> "consilium".equals(id) ? registration : null, properties(List.of()),
                new SigningCredential(spKeys.privateKey(), spKeys.certificate()));

        Object none = resolver.resolve(new MockHttpServletRequest("GET", "/api/v1/applications"));

        assertThat(none).isNull();
    }

    @Test
    void theSpMetadataHoldsTheEntityIdTheConsumerUrlAndTheCertificate() throws Exception {
        String metadata = new SpMetadataResolver().resolve(registration);

        assertThat(metadata).contains("entityID=\"" + SP + "\"").contains("AuthnRequestsSigned=\"true\"")
                .contains("WantAssertionsSigned=\"true\"").contains("Location=\"" + ACS + "\"")
                .contains(Base64.getEncoder().encodeToString(spKeys.certificate().getEncoded()));
    }

    @Test
    void idpMetadataIsReadFromAFileAndItsProblemsAreNamed() throws Exception {
        String cert = Base64.getEncoder().encodeToString(spKeys.certificate().getEncoded());
        Path file = dir.resolve("idp.xml");
        Files.writeString(file, """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
                    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.ziekenhuis.test">
                  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s
                    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>bm90LWEtY2VydA==
                    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp/post"/>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>""".formatted(cert, SSO));

        IdpMetadata metadata = IdpMetadata.load("file:" + file, null);

        assertThat(metadata.entityId()).isEqualTo("https://idp.ziekenhuis.test");
        assertThat(metadata.singleSignOnServiceUrl()).isEqualTo(SSO);
        assertThat(metadata.signingCertificates()).containsExactly(spKeys.certificate());
        assertThatThrownBy(() -> IdpMetadata.load(file.toString(), "https://another-idp"))
                .hasMessageContaining("0 identity providers with entityID https://another-idp");
        assertThatThrownBy(() -> IdpMetadata.load(null, null)).hasMessageContaining("metadata-location is not set");
        assertThatThrownBy(() -> IdpMetadata.load(dir.resolve("missing.xml").toString(), null))
                .hasMessageContaining("cannot read the IdP metadata");
    }

    @Test
    void theSigningKeyComesFromThePkcs12Keystore() {
        SigningCredential credential = SigningCredential.load(new SamlProperties.Signing(spKeys.keystore().toString(),
                spKeys.password(), null, null));

        assertThat(credential.certificate()).isEqualTo(spKeys.certificate());
        assertThat(credential.privateKey().getEncoded()).isEqualTo(spKeys.privateKey().getEncoded());
        assertThat(credential.toString()).doesNotContain("PrivateKey");
        assertThatThrownBy(() -> SigningCredential.load(new SamlProperties.Signing(spKeys.keystore().toString(),
                "wrong", null, null))).hasMessageContaining("cannot read the SAML signing key");
        assertThatThrownBy(() -> SigningCredential.load(null)).hasMessageContaining("signing.keystore is not set");
    }

    private static String inflate(byte[] deflated) throws Exception {
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && inflater.needsInput()) {
                break;
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
