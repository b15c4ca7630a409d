package nl.consilium.app.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.security.DisplayNamed;
import nl.consilium.app.security.saml.AssertionReplayCache;
import nl.consilium.app.support.AppSchema;
import nl.consilium.app.security.saml.IdpMetadata;
import nl.consilium.app.security.saml.SamlAuthenticationProvider;
import nl.consilium.app.security.saml.SamlProperties;
import nl.consilium.app.security.saml.SamlRejection;
import nl.consilium.app.security.saml.SamlResponseValidator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.Authentication;
import org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationException;
import org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationToken;
import org.springframework.security.saml2.provider.service.authentication.Saml2RedirectAuthenticationRequest;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SAML response validation attacked with responses built and signed here with a real key pair: every way a
 * response can be wrong is refused with its own reason, and only the right one signs a user in with the right roles.
 */
class SamlResponseValidationTest {

    private static final String IDP = "https://idp.ziekenhuis.test/realms/zh";
    private static final String SP = "https://consilium.ziekenhuis.test/saml2/service-provider-metadata/consilium";
    private static final String ACS = "https://consilium.ziekenhuis.test/login/saml2/sso/consilium";
    private static final String REQUEST_ID = "ID_request_1";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path keys;

    static TestKeys idpKeys;
    static TestKeys attackerKeys;
    static TestIdp idp;

    SamlAuthenticationProvider provider;
    RelyingPartyRegistration registration;
    SamlProperties properties;

    @BeforeAll
    static void keyPairs() {
        idpKeys = TestKeys.generate(keys, "idp");
        attackerKeys = TestKeys.generate(keys, "attacker");
        idp = new TestIdp(idpKeys);
    }

    @BeforeEach
    void provider() {
        provider = provider(List.of());
        registration = RelyingPartyRegistration.withRegistrationId("consilium").entityId(SP)
                .assertionConsumerServiceLocation(ACS)
                .assertingPartyMetadata(p -> p.entityId(IDP).singleSignOnServiceLocation(IDP + "/sso"))
                .build();
    }

    private SamlAuthenticationProvider provider(List<String> requiredContexts) {
        properties = new SamlProperties("consilium", "https://consilium.ziekenhuis.test", null, null, null, "Role",
                Map.of("arts", "clinician", "privacy", "compliance-officer", "ict", "it-admin"), requiredContexts,
                Duration.ofSeconds(60), Duration.ofHours(12), List.of("displayName", "cn"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new SamlAuthenticationProvider(new SamlResponseValidator(clock),
                new AssertionReplayCache(replayDatabase(), clock), properties, () -> new IdpMetadata(IDP, IDP + "/sso", List.of(idpKeys.certificate())));
    }

    private static TestIdp.Spec good() {
        return new TestIdp.Spec("ID_" + UUID.randomUUID(), "ID_" + UUID.randomUUID(), IDP, ACS, ACS, SP, REQUEST_ID,
                NOW.minusSeconds(5), NOW.minusSeconds(5), NOW.plusSeconds(300), NOW.minusSeconds(5), "j.jansen",
                List.of("arts", "medewerker"), "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
    }

    private Authentication signIn(String xml) {
        return signIn(xml, REQUEST_ID);
    }

    private Authentication signIn(String xml, String sentRequestId) {
        Saml2RedirectAuthenticationRequest request = sentRequestId == null ? null
                : Saml2RedirectAuthenticationRequest.withRelyingPartyRegistration(registration).id(sentRequestId)
                        .samlRequest("unused").authenticationRequestUri(IDP + "/sso").build();
        return provider.authenticate(new Saml2AuthenticationToken(registration, xml, request));
    }

    private static String signedAssertion(TestIdp.Spec spec) {
        Document document = idp.document(spec);
        idp.sign(TestIdp.assertion(document));
        return TestIdp.xml(document);
    }

    private static void refused(ThrowingCallable call, SamlRejection reason, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Saml2AuthenticationException.class, e -> {
            assertThat(e.getSaml2Error().getErrorCode()).isEqualTo(reason.code());
            assertThat(e.getSaml2Error().getDescription()).contains(message);
        });
    }

    @Test
    void aValidSignedAssertionSignsTheUserInWithTheMappedRoles() {
        Authentication user = signIn(signedAssertion(good()));

        CurrentUser current = CurrentUser.of(user);
        assertThat(current.id()).isEqualTo("j.jansen");
        assertThat(current.roles()).containsExactly("clinician");
        assertThat(user.isAuthenticated()).isTrue();
    }

    @Test
    void aValidSignedResponseWithAnUnsignedAssertionIsAccepted() {
        Document document = idp.document(good().withUser("p.pieters", List.of("privacy", "ict")));
        idp.sign(document.getDocumentElement());

        Set<String> roles = CurrentUser.of(signIn(TestIdp.xml(document))).roles();

        assertThat(roles).containsExactlyInAnyOrder("compliance-officer", "it-admin");
    }

    @Test
    void aTamperedAssertionIsRefused() {
        String xml = signedAssertion(good()).replace(">j.jansen<", ">admin<");

        refused(() -> signIn(xml), SamlRejection.INVALID_SIGNATURE, "does not verify");
    }

    @Test
    void aTamperedSignatureValueIsRefused() {
        Document document = idp.document(good());
        idp.sign(TestIdp.assertion(document));
        Element value = (Element) document.getElementsByTagNameNS(TestIdp.DSIG, "SignatureValue").item(0);
        char[] chars = value.getTextContent().strip().toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        value.setTextContent(new String(chars));

        refused(() -> signIn(TestIdp.xml(document)), SamlRejection.INVALID_SIGNATURE, "does not verify");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() {
        Document document = idp.document(good());
        TestIdp.sign(TestIdp.assertion(document), attackerKeys);

        refused(() -> signIn(TestIdp.xml(document)), SamlRejection.INVALID_SIGNATURE, "IdP's signing key");
    }

    @Test
    void anUnsignedAssertionIsRefused() {
        refused(() -> signIn(TestIdp.xml(idp.document(good()))), SamlRejection.UNSIGNED, "neither");
    }

    @Test
    void signatureWrappingWithTheSignedAssertionMovedIntoAnEvilOneIsRefused() {
        // The classic XSW: the genuine signed assertion is kept (so its signature still verifies) but hidden inside
        // the attacker's assertion, which sits where a naive application reads.
        Document genuine = idp.document(good());
        Element signed = idp.sign(TestIdp.assertion(genuine)).getDocumentElement();
        Document evil = idp.document(good().withAssertionId("ID_evil").withUser("mallory", List.of("ict")));
        Element evilAssertion = TestIdp.assertion(evil);
        Element moved = (Element) evil.importNode(TestIdp.assertion(signed.getOwnerDocument()), true);
        Element advice = evil.createElementNS(TestIdp.ASSERTION, "saml:Advice");
        advice.appendChild(moved);
        evilAssertion.insertBefore(advice, evilAssertion.getElementsByTagNameNS(TestIdp.ASSERTION, "AuthnStatement")
                .item(0));

        refused(() -> signIn(TestIdp.xml(evil)), SamlRejection.ASSERTION_COUNT, "exactly one");
    }

    @Test
    void signatureWrappingWithTheSignedAssertionBesideAnEvilOneIsRefused() {
        Document document = idp.document(good());
        idp.sign(TestIdp.assertion(document));
        Document evil = idp.document(good().withAssertionId("ID_evil").withUser("mallory", List.of("ict")));
        Element evilAssertion = (Element) document.importNode(TestIdp.assertion(evil), true);
        document.getDocumentElement().insertBefore(evilAssertion, TestIdp.assertion(document));

        refused(() -> signIn(TestIdp.xml(document)), SamlRejection.ASSERTION_COUNT, "exactly one");
    }

    @Test
    void anEvilAssertionCarryingTheGenuineIdAndSignatureIsRefused() {
        // The attacker copies the genuine signature into an assertion with the same ID but their own content,
        // and hides the genuine assertion in an Extensions element so that the ID still resolves somewhere.
        TestIdp.Spec spec = good();
        Document genuine = idp.document(spec);
        idp.sign(TestIdp.assertion(genuine));
        Document evil = idp.document(spec.withUser("mallory", List.of("ict")));
        Element evilAssertion = TestIdp.assertion(evil);
        Element signature = (Element) evil.importNode(
                genuine.getElementsByTagNameNS(TestIdp.DSIG, "Signature").item(0), true);
        evilAssertion.insertBefore(signature, evilAssertion.getElementsByTagNameNS(TestIdp.ASSERTION, "Subject")
                .item(0));
        String withoutHidden = TestIdp.xml(evil);
        refused(() -> signIn(withoutHidden), SamlRejection.INVALID_SIGNATURE, "does not verify");

        Element extensions = evil.createElementNS(TestIdp.PROTOCOL, "samlp:Extensions");
        extensions.appendChild(evil.importNode(TestIdp.assertion(genuine), true));
        evil.getDocumentElement().insertBefore(extensions, evil.getDocumentElement()
                .getElementsByTagNameNS(TestIdp.PROTOCOL, "Status").item(0));
        refused(() -> signIn(TestIdp.xml(evil)), SamlRejection.DUPLICATE_ID, "more than once");
    }

    @Test
    void anExpiredAssertionIsRefused() {
        String xml = signedAssertion(good().withWindow(NOW.minusSeconds(900), NOW.minusSeconds(120)));

        refused(() -> signIn(xml), SamlRejection.EXPIRED, "expired");
    }

    @Test
    void anAssertionWithinTheClockSkewIsStillAccepted() {
        String xml = signedAssertion(good().withWindow(NOW.minusSeconds(600), NOW.minusSeconds(30)));

        assertThat(signIn(xml).isAuthenticated()).isTrue();
    }

    @Test
    void aNotYetValidAssertionIsRefused() {
        String xml = signedAssertion(good().withWindow(NOW.plusSeconds(180), NOW.plusSeconds(600)));

        refused(() -> signIn(xml), SamlRejection.NOT_YET_VALID, "check the clocks");
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() {
        String xml = signedAssertion(good().withAudience("https://other-app.ziekenhuis.test"));

        refused(() -> signIn(xml), SamlRejection.WRONG_AUDIENCE, "not for Consilium");
    }

    @Test
    void anAssertionForAnotherRecipientIsRefused() {
        String xml = signedAssertion(good().withRecipient("https://other-app.ziekenhuis.test/acs"));

        refused(() -> signIn(xml), SamlRejection.WRONG_RECIPIENT, "other-app");
    }

    @Test
    void aResponseForAnotherDestinationIsRefused() {
        Document document = idp.document(good().withDestination("https://other-app.ziekenhuis.test/acs"));
        idp.sign(document.getDocumentElement());

        refused(() -> signIn(TestIdp.xml(document)), SamlRejection.WRONG_DESTINATION, "addressed to");
    }

    @Test
    void anAssertionFromAnotherIssuerIsRefused() {
        String xml = signedAssertion(good().withIssuer("https://evil-idp.test"));

        refused(() -> signIn(xml), SamlRejection.WRONG_ISSUER, "evil-idp");
    }

    @Test
    void aResponseToAnotherRequestIsRefused() {
        String xml = signedAssertion(good().withInResponseTo("ID_someone_elses_request"));

        refused(() -> signIn(xml), SamlRejection.IN_RESPONSE_TO_MISMATCH, "ID_someone_elses_request");
    }

    @Test
    void aResponseWithoutAnOpenRequestInTheSessionIsRefused() {
        String xml = signedAssertion(good());

        refused(() -> signIn(xml, null), SamlRejection.UNSOLICITED, "no open sign-in request");
    }

    @Test
    void aReplayedAssertionIsRefusedTheSecondTime() {
        String xml = signedAssertion(good());
        assertThat(signIn(xml).isAuthenticated()).isTrue();

        refused(() -> signIn(xml), SamlRejection.REPLAYED, "already been used");
    }

    @Test
    void anAssertionUsedAtOneInstanceIsRefusedAtTheOther() {
        // Two providers with their own replay-cache stores and connections on the same database: the two
        // instances behind the load balancer.
        SamlAuthenticationProvider other = new SamlAuthenticationProvider(
                new SamlResponseValidator(Clock.fixed(NOW, ZoneOffset.UTC)),
                new AssertionReplayCache(AppSchema.another(REPLAY_DATABASE), Clock.fixed(NOW, ZoneOffset.UTC)),
                properties, () -> new IdpMetadata(IDP, IDP + "/sso", List.of(idpKeys.certificate())));
        String xml = signedAssertion(good());
        assertThat(signIn(xml).isAuthenticated()).isTrue();

        Saml2RedirectAuthenticationRequest request = Saml2RedirectAuthenticationRequest
                .withRelyingPartyRegistration(registration).id(REQUEST_ID).samlRequest("unused")
                .authenticationRequestUri(IDP + "/sso").build();
        refused(() -> other.authenticate(new Saml2AuthenticationToken(registration, xml, request)),
                SamlRejection.REPLAYED, "already been used");
    }

    @Test
    void expiredAssertionIdsAreForgottenAndTheirRowsDeleted() {
        javax.sql.DataSource database = replayDatabase();
        AssertionReplayCache now = new AssertionReplayCache(database, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(now.firstUse(IDP, "ID_expiring", NOW.plusSeconds(60))).isTrue();
        assertThat(now.firstUse(IDP, "ID_expiring", NOW.plusSeconds(60))).isFalse();

        // Ten minutes later the id has expired: its row is deleted at the next sign-in (an assertion with that id
        // would be refused as expired by then anyway).
        AssertionReplayCache later = new AssertionReplayCache(AppSchema.another(REPLAY_DATABASE),
                Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC));
        assertThat(later.firstUse(IDP, "ID_other", NOW.plusSeconds(900))).isTrue();
        Long left = org.springframework.jdbc.core.simple.JdbcClient.create(database)
                .sql("select count(*) from consilium_app.saml_assertion_use where assertion_id = 'ID_expiring'")
                .query(Long.class).single();
        assertThat(left).isZero();
    }

    @Test
    void theDisplayNameComesFromTheConfiguredAttributeAndFallsBackToTheNameId() {
        Document document = idp.document(good(), Map.of("displayName", "Dr. J. Jansen (internist)"));
        idp.sign(TestIdp.assertion(document));
        Authentication named = signIn(TestIdp.xml(document));
        assertThat(named.getPrincipal()).isInstanceOfSatisfying(DisplayNamed.class,
                p -> assertThat(p.displayName()).isEqualTo("Dr. J. Jansen (internist)"));
        assertThat(named.getName()).isEqualTo("j.jansen");

        // The second attribute in the list is used when the first is absent.
        Document cn = idp.document(good(), Map.of("cn", "Jan Jansen"));
        idp.sign(TestIdp.assertion(cn));
        assertThat(((DisplayNamed) signIn(TestIdp.xml(cn)).getPrincipal()).displayName()).isEqualTo("Jan Jansen");

        Authentication unnamed = signIn(signedAssertion(good()));
        assertThat(((DisplayNamed) unnamed.getPrincipal()).displayName()).isEqualTo("j.jansen");
    }

    private static final String REPLAY_DATABASE = "consilium_test_saml_replay";
    private static javax.sql.DataSource replayDatabase;

    private static synchronized javax.sql.DataSource replayDatabase() {
        if (replayDatabase == null) {
            replayDatabase = AppSchema.migrated(REPLAY_DATABASE);
        }
        return replayDatabase;
    }

    @Test
    void aUserWithoutAConsiliumRoleIsRefused() {
        String xml = signedAssertion(good().withUser("k.klaassen", List.of("medewerker")));

        refused(() -> signIn(xml), SamlRejection.NO_ROLE, "k.klaassen");
    }

    @Test
    void aRequiredAuthenticationContextIsEnforced() {
        String mfa = "https://refeds.org/profile/mfa";
        provider = provider(List.of(mfa));

        refused(() -> signIn(signedAssertion(good())), SamlRejection.AUTHN_CONTEXT_NOT_ACCEPTED,
                "PasswordProtectedTransport");
        assertThat(CurrentUser.of(signIn(signedAssertion(good().withAuthnContext(mfa)))).id())
                .isEqualTo("j.jansen");
    }

    @Test
    void aDoctypeIsRefusedBeforeAnythingIsRead() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + signedAssertion(good()).replaceFirst("<\\?xml[^>]*\\?>", "");

        refused(() -> signIn(xml), SamlRejection.MALFORMED, "DTD");
    }

    @Test
    void everyRefusalHasItsOwnCode() {
        Set<String> codes = java.util.Arrays.stream(SamlRejection.values()).map(SamlRejection::code)
                .collect(Collectors.toSet());
        assertThat(codes).hasSize(SamlRejection.values().length);
    }
}
