package nl.consilium.app.wiring;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import nl.consilium.app.chat.PatientRecords;
import nl.consilium.app.chat.TreatmentRelationships;
import nl.consilium.app.launch.EpdLaunch;
import nl.consilium.app.launch.EpdLaunchStore;
import nl.consilium.ehr.EhrAuth;
import nl.consilium.ehr.EhrClient;
import nl.consilium.ehr.EhrClientConfig;
import nl.consilium.ehr.SandboxEpd;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The EPD: the hospital's FHIR R4 endpoint, or in the demo the in-process sandbox EPD. */
@Configuration
public class EpdWiring {

    /**
     * @param baseUrl     the EPD's FHIR R4 base URL (CONSILIUM_EPD_BASE_URL)
     * @param bearerToken a static bearer token, if the EPD uses one (CONSILIUM_EPD_TOKEN)
     * @param sandbox     start the synthetic sandbox EPD in-process and use it (demo only)
     * @param timeout     read timeout per FHIR call
     * @param launchSecret secret shared with the EPD that signs launch links (CONSILIUM_EPD_LAUNCH_SECRET)
     */
    @ConfigurationProperties("consilium.epd")
    public record EpdProperties(String baseUrl, String bearerToken, boolean sandbox, Duration timeout,
            String launchSecret) {
        public EpdProperties {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        @Override
        public String toString() {
            return "EpdProperties[baseUrl=" + baseUrl + ", sandbox=" + sandbox + "]";
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "consilium.epd.sandbox", havingValue = "true")
    SandboxEpd sandboxEpd() {
        return SandboxEpd.start(0);
    }

    @Bean(destroyMethod = "close")
    EhrClient ehrClient(EpdProperties properties, ObjectProvider<SandboxEpd> sandbox) {
        URI base;
        if (properties.sandbox()) {
            base = sandbox.getObject().baseUrl();
        } else if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            base = URI.create(properties.baseUrl());
        } else {
            // No EPD configured: the client exists but every call fails as "unreachable"; applications without
            // patient data are unaffected.
            base = URI.create("http://127.0.0.1:9/fhir");
        }
        EhrAuth auth = properties.bearerToken() == null || properties.bearerToken().isBlank()
                ? new EhrAuth.None() : new EhrAuth.BearerToken(properties.bearerToken());
        return new EhrClient(EhrClientConfig.of(base, auth).withTimeouts(Duration.ofSeconds(5), properties.timeout()));
    }

    @Bean
    PatientRecords patientRecords(EhrClient client) {
        return client::patientContext;
    }

    /**
     * Demo: the demo trusts the patient chosen in the UI as if the EPD had confirmed the behandelrelatie.
     */
    @Bean
    @Profile("demo")
    TreatmentRelationships demoTreatmentRelationships() {
        return (user, patient) -> true;
    }

    /**
     * The signed EPD launch ({@code /launch}); in a hospital it is the only source of a confirmed behandelrelatie,
     * so without a valid launch no patient data is fetched (the policy refuses with EPD-NO-TREATMENT-RELATIONSHIP).
     */
    @Bean
    EpdLaunch epdLaunch(EpdProperties properties, Clock clock, DataSource dataSource) {
        return new EpdLaunch(properties.launchSecret(), clock, new EpdLaunchStore(dataSource));
    }

    @Bean
    @Profile("!demo")
    TreatmentRelationships launchedTreatmentRelationships(EpdLaunch launch) {
        return launch::confirmed;
    }
}
