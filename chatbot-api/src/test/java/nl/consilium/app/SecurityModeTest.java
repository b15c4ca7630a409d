package nl.consilium.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.consilium.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** Local accounts are impossible outside the demo profile, and a deployment must choose how users sign in. */
class SecurityModeTest {

    @Test
    void demoAccountsOutsideTheDemoProfileStopStartUp() {
        SpringApplication application = new SpringApplication(ConsiliumApplication.class);

        assertThatThrownBy(() -> application.run(
                "--consilium.policy.file=../infra/demo/use-conditions.yaml",
                "--consilium.security.mode=DEMO",
                "--server.port=0",
                // the audit log needs its key before anything else starts; these tests are about the sign-in mode
                "--consilium.audit.checkpoint-key=ZGVtby1vbmx5LWNoZWNrcG9pbnQta2V5LW5vdC1mb3ItdXNlISE=",
                "--consilium.conversations.keystore=" + System.getProperty("java.io.tmpdir") + "/consilium-mode-test-kek.p12",
                "--consilium.conversations.keystore-password=test-only-kek",
                "--consilium.conversations.create-keystore=true",
                "--consilium.epd.sandbox=true",
                "--spring.datasource.url=" + TestDatabase.url("consilium_test_app")))
                .hasStackTraceContaining("only allowed with the 'demo' profile");
    }

    @Test
    void noSignInModeStopsStartUp() {
        SpringApplication application = new SpringApplication(ConsiliumApplication.class);

        assertThatThrownBy(() -> application.run(
                "--consilium.policy.file=../infra/demo/use-conditions.yaml",
                "--server.port=0",
                // the audit log needs its key before anything else starts; these tests are about the sign-in mode
                "--consilium.audit.checkpoint-key=ZGVtby1vbmx5LWNoZWNrcG9pbnQta2V5LW5vdC1mb3ItdXNlISE=",
                "--consilium.conversations.keystore=" + System.getProperty("java.io.tmpdir") + "/consilium-mode-test-kek.p12",
                "--consilium.conversations.keystore-password=test-only-kek",
                "--consilium.conversations.create-keystore=true",
                "--consilium.epd.sandbox=true",
                "--spring.datasource.url=" + TestDatabase.url("consilium_test_app")))
                .hasStackTraceContaining("consilium.security.mode is not set");
    }
}
