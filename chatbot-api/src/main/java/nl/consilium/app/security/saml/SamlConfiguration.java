package nl.consilium.app.security.saml;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SAML2 beans, only in {@code consilium.security.mode=SAML2}; a broken IdP or key setup stops start-up. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "consilium.security.mode", havingValue = "SAML2")
public class SamlConfiguration {

    @Bean
    SamlSignIn samlSignIn(SamlProperties properties, ObjectProvider<Clock> clock) {
        IdpMetadata idp = IdpMetadata.load(properties.idp() == null ? null : properties.idp().metadataLocation(),
                properties.idp() == null ? null : properties.idp().entityId());
        return new SamlSignIn(properties, idp, SigningCredential.load(properties.signing()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * As a bean it also keeps Spring Boot from creating its default in-memory user: in SAML2 mode there is no local
     * account of any kind.
     */
    @Bean
    SamlAuthenticationProvider samlAuthenticationProvider(SamlSignIn signIn) {
        return signIn.provider();
    }
}
