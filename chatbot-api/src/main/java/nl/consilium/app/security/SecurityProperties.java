package nl.consilium.app.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param mode         sign-in mechanism; there is deliberately no default, so a deployment always chooses
 * @param demoAccounts local accounts, only honoured in {@link SecurityMode#DEMO}
 */
@ConfigurationProperties("consilium.security")
public record SecurityProperties(SecurityMode mode, List<DemoAccount> demoAccounts) {

    public SecurityProperties {
        demoAccounts = demoAccounts == null ? List.of() : List.copyOf(demoAccounts);
    }

    public record DemoAccount(String username, String password, String displayName, List<String> roles) {
        public DemoAccount {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        @Override
        public String toString() {
            return "DemoAccount[" + username + ", roles=" + roles + "]";
        }
    }
}
