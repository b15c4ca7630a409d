package nl.consilium.app.wiring;

import nl.consilium.app.operations.ServiceSwitches;
import nl.consilium.policy.CdsIntentClassifier;
import nl.consilium.policy.Detection;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PolicyEngine;
import nl.consilium.policy.UseConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class PolicyWiring {

    /**
     * The engine reads IT's application switches (PostgreSQL, shared by all instances) on every decision, so an
     * application taken out of service is refused with APP-OUT-OF-SERVICE from the next request on, everywhere.
     */
    @Bean
    PolicyEngine policyEngine(UseConditions useConditions, ServiceSwitches switches) {
        return new PolicyEngine(useConditions, () -> switches.outOfService(ServiceSwitches.Kind.APPLICATION));
    }

    @Bean
    PersonalDataDetector personalDataDetector() {
        return Detection.personalDataDetector();
    }

    @Bean
    CdsIntentClassifier cdsIntentClassifier() {
        return Detection.cdsIntentClassifier();
    }
}
