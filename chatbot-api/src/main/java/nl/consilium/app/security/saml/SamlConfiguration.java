package nl.consilium.app.security.saml;

import java.time.Clock;

import javax.sql.DataSource;

import nl.consilium.app.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SAML2 beans, only in {@code consilium.security.mode=SAML2}; a broken IdP or key setup stops start-up. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "consilium.security.mode", havingValue = "SAML2")
public class SamlConfiguration {

    @Bean
    SamlSignIn samlSignIn(SamlProperties properties, SecurityProperties security, ObjectProvider<Clock> clock,
            DataSource dataSource) {
        if (!security.demoAccounts().isEmpty()) {
            throw new IllegalStateException("consilium.security.demo-accounts are set while the mode is SAML2: "
                    + "local accounts are impossible in a hospital deployment; remove them (is the demo profile "
                    + "active by mistake?)");
        }
        SamlProperties.Idp idp = properties.idp() == null ? new SamlProperties.Idp(null, null, null, null)
                : properties.idp();
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        IdpMetadataSource metadata = new IdpMetadataSource(idp.metadataLocation(), idp.entityId(),
                idp.refreshInterval(), time);
        if (idp.requiredAtStartUp()) {
            metadata.load();
        } else if (idp.metadataLocation() == null || idp.metadataLocation().isBlank()) {
            throw new IllegalStateException("consilium.saml.idp.metadata-location is not set");
        }
        // The replay cache is in PostgreSQL so that all instances refuse an assertion used at any of them.
        return new SamlSignIn(properties, metadata, SigningCredential.load(properties.signing()),
                new AssertionReplayCache(dataSource, time), time);
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
