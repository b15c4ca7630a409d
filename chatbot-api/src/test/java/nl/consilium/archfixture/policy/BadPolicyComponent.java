package nl.consilium.archfixture.policy;

import java.sql.Connection;

import org.springframework.stereotype.Component;

/** Deliberately breaks the policy module's rules: a Spring stereotype and a storage type. Test fixture only. */
@Component
public class BadPolicyComponent {
    public boolean touchesStorage(Connection connection) {
        return connection != null;
    }
}
