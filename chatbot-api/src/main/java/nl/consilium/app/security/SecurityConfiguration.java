package nl.consilium.app.security;

import java.util.Arrays;

import nl.consilium.app.security.saml.SamlSignIn;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, Environment environment,
            ObjectProvider<SamlSignIn> saml) throws Exception {
        requireConsistentMode(properties, environment);
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/login", "/error",
                                "/css/**", "/js/**", "/favicon.ico",
                                SamlSignIn.METADATA_PATH.replace("{registrationId}", "*"))
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(Roles.IT_ADMIN)
                        .requestMatchers("/api/v1/compliance/**").hasRole(Roles.COMPLIANCE_OFFICER)
                        .anyRequest().authenticated())
                // The API answers 401 instead of redirecting to a login page, so clients get a clear status.
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api))
                // JSON API called from our own pages with the session cookie; CSRF stays on for the browser
                // forms and the API accepts the X-XSRF-TOKEN header. The IdP's POST to the assertion consumer
                // URL carries no CSRF token: the SAML response's InResponseTo, bound to this session, does that job.
                .csrf(csrf -> csrf
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null)
                        .ignoringRequestMatchers("/login/saml2/sso/*")
                        // Likewise the IdP's POSTed single-logout messages: signed, and a LogoutResponse must
                        // answer the LogoutRequest this session sent.
                        .ignoringRequestMatchers("/logout/saml2/slo"));
        if (!properties.frameAncestors().isEmpty()) {
            // The EPD shows Consilium in an iframe: allow exactly those origins. Only frame-ancestors is set, so
            // the pages' other resources are not restricted by this header.
            String ancestors = "frame-ancestors 'self' " + String.join(" ", properties.frameAncestors());
            http.headers(headers -> headers.frameOptions(frame -> frame.disable())
                    .contentSecurityPolicy(csp -> csp.policyDirectives(ancestors)));
        }
        if (properties.mode() == SecurityMode.SAML2) {
            SamlSignIn signIn = saml.getObject();
            // No form login, no HTTP basic, no user store: the only way in is a validated SAML assertion.
            http.formLogin(AbstractHttpConfigurer::disable)
                    .httpBasic(AbstractHttpConfigurer::disable)
                    // After the API's 401 mapping above, so that only pages are sent to the IdP.
                    .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(signIn.entryPoint(),
                            AnyRequestMatcher.INSTANCE))
                    // Single logout: on to the IdP with a signed LogoutRequest when its metadata offers SLO;
                    // otherwise a page that says the IdP session is still active.
                    .logout(logout -> logout.logoutSuccessHandler(signIn.logout()::signedOut));
            signIn.apply(http);
        } else {
            http.formLogin(Customizer.withDefaults())
                    .httpBasic(Customizer.withDefaults());
        }
        return http.build();
    }

    /** Local accounts exist only in the demo; in SAML2 mode there is no user store at all. */
    @Bean
    @ConditionalOnProperty(name = "consilium.security.mode", havingValue = "DEMO")
    UserDetailsService userDetailsService(SecurityProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(properties.demoAccounts().stream()
                .map(account -> User.withUsername(account.username())
                        .password(encoder.encode(account.password()))
                        .roles(account.roles().toArray(String[]::new))
                        .build())
                .toList());
    }

    private static void requireConsistentMode(SecurityProperties properties, Environment environment) {
        if (properties.mode() == null) {
            throw new BeanCreationException("consilium.security.mode is not set: choose DEMO (local demo accounts) "
                    + "or SAML2 (hospital identity provider)");
        }
        boolean demoProfile = Arrays.asList(environment.getActiveProfiles()).contains("demo");
        if (properties.mode() == SecurityMode.DEMO && !demoProfile) {
            throw new BeanCreationException("consilium.security.mode=DEMO is only allowed with the 'demo' profile: "
                    + "local accounts are impossible in a hospital deployment");
        }
        if (properties.mode() == SecurityMode.SAML2 && !properties.demoAccounts().isEmpty()) {
            throw new BeanCreationException("consilium.security.demo-accounts are set while the mode is SAML2: "
                    + "local accounts are impossible in a hospital deployment; remove them (is the demo profile "
                    + "active by mistake?)");
        }
    }
}
