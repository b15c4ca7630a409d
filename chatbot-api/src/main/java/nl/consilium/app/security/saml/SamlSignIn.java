package nl.consilium.app.security.saml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.saml2.core.Saml2X509Credential;
import org.springframework.security.saml2.provider.service.authentication.AbstractSaml2AuthenticationRequest;
import org.springframework.security.saml2.provider.service.authentication.Saml2AuthenticationException;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistration;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistrationRepository;
import org.springframework.security.saml2.provider.service.registration.Saml2MessageBinding;
import org.springframework.security.saml2.provider.service.web.DefaultRelyingPartyRegistrationResolver;
import org.springframework.security.saml2.provider.service.web.HttpSessionSaml2AuthenticationRequestRepository;
import org.springframework.security.saml2.provider.service.web.Saml2AuthenticationRequestRepository;
import org.springframework.security.saml2.provider.service.web.Saml2AuthenticationTokenConverter;
import org.springframework.security.saml2.provider.service.web.Saml2MetadataFilter;
import org.springframework.security.saml2.provider.service.web.Saml2WebSsoAuthenticationRequestFilter;
import org.springframework.security.saml2.provider.service.web.authentication.Saml2WebSsoAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.util.HtmlUtils;

/**
 * SAML2 sign-on wired into Spring Security's filter chain by hand: {@code http.saml2Login()} cannot be used because
 * its configurer loads OpenSAML, which is not available (DESIGN.md). The two Spring filters are OpenSAML-free; the
 * request resolver, the response validation and the metadata are Consilium's own, on Keycloak's SAML core and
 * Apache Santuario.
 *
 * <p>Outstanding AuthnRequest ids live in the HTTP session (one per session; a new sign-in replaces it), so a
 * response is only accepted in the browser session that asked for it. That needs the session cookie on the IdP's
 * cross-site POST: with {@code SameSite=Lax} that holds when the IdP and Consilium share a site (same registrable
 * domain); see docs/saml.md.
 */
public final class SamlSignIn {

    public static final String METADATA_PATH = "/saml2/service-provider-metadata/{registrationId}";

    private final SamlProperties properties;
    private final RelyingPartyRegistrationRepository registrations;
    private final SigningCredential credential;
    private final IdpMetadataSource idp;
    private RelyingPartyRegistration registration;
    private IdpMetadata registrationFor;
    private final SamlAuthenticationProvider provider;
    private final SamlAuthenticationRequestResolver requestResolver;
    private final Saml2AuthenticationRequestRepository<AbstractSaml2AuthenticationRequest> requests =
            new HttpSessionSaml2AuthenticationRequestRepository();

    public SamlSignIn(SamlProperties properties, IdpMetadataSource idp, SigningCredential credential,
            AssertionReplayCache replayCache, Clock clock) {
        this.properties = properties;
        if (properties.baseUrl() == null || properties.baseUrl().isBlank()) {
            throw new IllegalStateException("consilium.saml.base-url is not set: the public URL of Consilium "
                    + "(e.g. https://consilium.ziekenhuis.nl) from which the assertion consumer URL is derived");
        }
        this.credential = credential;
        this.idp = idp;
        this.registrations = id -> properties.registrationId().equals(id) ? registration() : null;
        this.provider = new SamlAuthenticationProvider(new SamlResponseValidator(clock),
                replayCache, properties, idp);
        this.requestResolver = new SamlAuthenticationRequestResolver(registrations, properties, credential);
        this.logout = new SamlLogout(properties, idp, credential, clock);
    }

    private final SamlLogout logout;

    /** Single logout with the IdP (SP- and IdP-initiated). */
    public SamlLogout logout() {
        return logout;
    }

    /** Consilium's registration at the IdP, rebuilt when the IdP's metadata has been refreshed. */
    public synchronized RelyingPartyRegistration registration() {
        IdpMetadata metadata = idp.get();
        if (registration == null || registrationFor != metadata) {
            registration = RelyingPartyRegistration.withRegistrationId(properties.registrationId())
                    .entityId(properties.effectiveEntityId())
                    .assertionConsumerServiceLocation(properties.assertionConsumerServiceUrl())
                    .assertionConsumerServiceBinding(Saml2MessageBinding.POST)
                    .singleLogoutServiceLocation(logout.sloUrl())
                    .singleLogoutServiceBinding(Saml2MessageBinding.REDIRECT)
                    .authnRequestsSigned(true)
                    .signingX509Credentials(c -> c.add(Saml2X509Credential.signing(credential.privateKey(),
                            credential.certificate())))
                    .assertingPartyMetadata(p -> p.entityId(metadata.entityId())
                            .singleSignOnServiceLocation(metadata.singleSignOnServiceUrl())
                            .singleSignOnServiceBinding(Saml2MessageBinding.REDIRECT)
                            .wantAuthnRequestsSigned(true)
                            .verificationX509Credentials(c -> metadata.signingCertificates()
                                    .forEach(cert -> c.add(Saml2X509Credential.verification(cert)))))
                    .build();
            registrationFor = metadata;
        }
        return registration;
    }

    public SamlAuthenticationProvider provider() {
        return provider;
    }

    /** Where a browser that is not signed in goes to start the sign-in at the IdP. */
    public String signInPath() {
        return "/saml2/authenticate/" + properties.registrationId();
    }

    /** Adds the SAML filters and sign-in entry point to the chain. */
    public void apply(HttpSecurity http) throws Exception {
        SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
        http.securityContext(c -> c.securityContextRepository(contexts));

        Saml2WebSsoAuthenticationRequestFilter requestFilter =
                new Saml2WebSsoAuthenticationRequestFilter(requestResolver);
        requestFilter.setAuthenticationRequestRepository(requests);

        DefaultRelyingPartyRegistrationResolver resolver = new DefaultRelyingPartyRegistrationResolver(registrations);
        Saml2AuthenticationTokenConverter converter = new Saml2AuthenticationTokenConverter(resolver);
        converter.setAuthenticationRequestRepository(requests);
        // Web SSO responses arrive by HTTP-POST only; a SAMLResponse in a URL would end up in logs and history.
        converter.setShouldConvertGetRequests(false);
        Saml2WebSsoAuthenticationFilter responseFilter = new Saml2WebSsoAuthenticationFilter(converter,
                Saml2WebSsoAuthenticationFilter.DEFAULT_FILTER_PROCESSES_URI);
        responseFilter.setAuthenticationRequestRepository(requests);
        responseFilter.setAuthenticationManager(new ProviderManager(provider));
        responseFilter.setSecurityContextRepository(contexts);
        // A new session id after sign-in: a session id planted before sign-in is worthless afterwards.
        responseFilter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        responseFilter.setAuthenticationFailureHandler(failureHandler());

        Saml2MetadataFilter metadataFilter = new Saml2MetadataFilter(resolver, new SpMetadataResolver());
        metadataFilter.setRequestMatcher(org.springframework.security.web.servlet.util.matcher
                .PathPatternRequestMatcher.withDefaults().matcher(METADATA_PATH));

        // The single-logout endpoint answers before authorisation: after an IdP-initiated logout, or when the
        // IdP's LogoutResponse arrives, there is no signed-in session (any more), and the messages are signed.
        org.springframework.security.web.util.matcher.RequestMatcher slo = org.springframework.security.web.servlet
                .util.matcher.PathPatternRequestMatcher.withDefaults().matcher(SamlLogout.SLO_PATH);
        jakarta.servlet.Filter sloFilter = (servletRequest, servletResponse, chain) -> {
            HttpServletRequest request = (HttpServletRequest) servletRequest;
            if (slo.matches(request)) {
                logout.handle(request, (HttpServletResponse) servletResponse);
            } else {
                chain.doFilter(servletRequest, servletResponse);
            }
        };

        http.addFilterBefore(sloFilter, LogoutFilter.class)
                .addFilterBefore(requestFilter, LogoutFilter.class)
                .addFilterBefore(metadataFilter, LogoutFilter.class)
                .addFilterAfter(responseFilter, LogoutFilter.class);
    }

    /** The browser entry point: unauthenticated page requests go to the IdP. */
    public LoginUrlAuthenticationEntryPoint entryPoint() {
        return new LoginUrlAuthenticationEntryPoint(signInPath());
    }

    /** A plain page with the reason code; the details are in the log for hospital IT. */
    private static AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response,
                org.springframework.security.core.AuthenticationException exception) -> {
            String code = exception instanceof Saml2AuthenticationException saml
                    ? saml.getSaml2Error().getErrorCode() : "authentication_failed";
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("text/html;charset=UTF-8");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            writePage(response, code);
        };
    }

    private static void writePage(HttpServletResponse response, String code) throws IOException {
        String safe = HtmlUtils.htmlEscape(code);
        response.getWriter().write("""
                <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Aanmelden mislukt</title></head>
                <body><main><h1>Aanmelden bij Consilium is mislukt</h1>
                <p>De identity provider van het ziekenhuis gaf een antwoord dat Consilium niet accepteert
                (reden: <code>%s</code>). Probeer het opnieuw via <a href="/">Consilium</a>; blijft het misgaan,
                neem dan contact op met de servicedesk en noem deze reden.</p>
                <p lang="en">Sign-in failed (reason: <code>%s</code>). Try again; if it keeps failing, contact the
                service desk with this reason.</p></main></body></html>
                """.formatted(safe, safe));
    }
}
