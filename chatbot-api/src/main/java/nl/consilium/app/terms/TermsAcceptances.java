package nl.consilium.app.terms;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which user accepted which version of an application's terms. */
@Repository
public class TermsAcceptances {

    private final JdbcClient jdbc;

    public TermsAcceptances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean accepted(String userId, String applicationId, String termsVersion) {
        return jdbc.sql("select count(*) from consilium_app.terms_acceptance "
                        + "where user_id = ? and application_id = ? and terms_version = ?")
                .params(userId, applicationId, termsVersion)
                .query(Long.class).single() > 0;
    }

    public void accept(String userId, String applicationId, String termsVersion, String policySha256) {
        jdbc.sql("insert into consilium_app.terms_acceptance (user_id, application_id, terms_version, policy_sha256) "
                        + "values (?, ?, ?, ?) on conflict do nothing")
                .params(userId, applicationId, termsVersion, policySha256)
                .update();
    }
}
