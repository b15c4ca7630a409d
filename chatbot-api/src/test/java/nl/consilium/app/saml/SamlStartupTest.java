package nl.consilium.app.saml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.consilium.app.ConsiliumApplication;
import nl.consilium.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** SAML2 mode refuses to start half-configured, and never beside local accounts. */
class SamlStartupTest {

    // Everything else a deployment needs, so that start-up gets as far as the sign-in configuration.
    private static final String[] COMMON = {
            "--consilium.policy.file=../infra/demo/use-conditions.yaml",
            "--server.port=0",
            "--consilium.audit.checkpoint-key=ZGVtby1vbmx5LWNoZWNrcG9pbnQta2V5LW5vdC1mb3ItdXNlISE=",
            "--consilium.epd.sandbox=true",
            "--consilium.knowledge.load-directory=",
            "--consilium.conversations.keystore=" + System.getProperty("java.io.tmpdir")
                    + "/consilium-saml-startup-test-kek.p12",
            "--consilium.conversations.keystore-password=test-only-kek",
            "--consilium.conversations.create-keystore=true",
    };

    private static String[] args(String... more) {
        String[] all = new String[COMMON.length + more.length + 1];
        System.arraycopy(COMMON, 0, all, 0, COMMON.length);
        System.arraycopy(more, 0, all, COMMON.length, more.length);
        all[all.length - 1] = "--spring.datasource.url=" + TestDatabase.url("consilium_test_saml_startup");
        return all;
    }

    @Test
    void theHospitalProfileWithoutIdpMetadataStopsStartUpWithTheSettingToFix() {
        SpringApplication application = new SpringApplication(ConsiliumApplication.class);
        application.setAdditionalProfiles("hospital");

        assertThatThrownBy(() -> application.run(args("--consilium.saml.base-url=https://consilium.test")))
                .hasStackTraceContaining("consilium.saml.idp.metadata-location is not set");
    }

    @Test
    void demoAccountsBesideSaml2StopStartUp() {
        SpringApplication application = new SpringApplication(ConsiliumApplication.class);
        application.setAdditionalProfiles("demo");

        assertThatThrownBy(() -> application.run(args("--consilium.security.mode=SAML2")))
                .hasStackTraceContaining("local accounts are impossible in a hospital deployment");
    }
}
