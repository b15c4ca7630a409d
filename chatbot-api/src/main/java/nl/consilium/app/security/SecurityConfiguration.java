package nl.consilium.app.security;

import java.util.Arrays;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, Environment environment)
            throws Exception {
        requireConsistentMode(properties, environment);
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/login", "/error",
                                "/css/**", "/js/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(Roles.IT_ADMIN)
                        .requestMatchers("/api/v1/compliance/**").hasRole(Roles.COMPLIANCE_OFFICER)
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                // The API answers 401 instead of redirecting to a login page, so clients get a clear status.
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api))
                // JSON API called from our own pages with the session cookie; CSRF stays on for the browser
                // forms and the API accepts the X-XSRF-TOKEN header.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null));
        return http.build();
    }

    @Bean
    UserDetailsService userDetailsService(SecurityProperties properties) {
        if (properties.mode() != SecurityMode.DEMO) {
            // No local accounts outside the demo: an empty store makes password sign-in impossible.
            return new InMemoryUserDetailsManager();
        }
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
        if (properties.mode() == SecurityMode.SAML2) {
            throw new BeanCreationException("consilium.security.mode=SAML2: SAML2 single sign-on is not implemented "
                    + "in this build yet (issue 8); Consilium refuses to start rather than run without sign-in");
        }
    }
}
