package nl.consilium.app.wiring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import nl.consilium.policy.CdsIntentClassifier;
import nl.consilium.policy.Detection;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PolicyEngine;
import nl.consilium.policy.UseConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class PolicyWiring {

    /** Applications IT switched out of service at run time (the IT view's switch); empty at start. */
    @Bean
    OutOfService outOfService() {
        return new OutOfService(ConcurrentHashMap.newKeySet());
    }

    /** The live set of switched-off application ids; the engine reads it on every decision. */
    public record OutOfService(Set<String> applications) {
    }

    @Bean
    PolicyEngine policyEngine(UseConditions useConditions, OutOfService outOfService) {
        return new PolicyEngine(useConditions, () -> Set.copyOf(outOfService.applications()));
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
