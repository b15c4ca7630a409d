package nl.consilium.app.security.saml;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assertion ids that have been used to sign in, kept until the assertion could no longer be accepted anyway.
 *
 * <p>In PostgreSQL ({@code consilium_app.saml_assertion_use}), shared by every instance behind the load balancer:
 * a stolen assertion replayed at the other instance is refused too. The primary key makes "first use" atomic
 * across instances: of two concurrent inserts of the same id exactly one succeeds. Expired ids are deleted as
 * sign-ins come in, so the table holds only ids within their validity (minutes).
 */
public final class AssertionReplayCache {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AssertionReplayCache(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /**
     * Records the first use of an assertion id.
     *
     * @param keepUntil when the id may be forgotten (the assertion's expiry plus clock skew)
     * @return false when the id was used before and has not expired: a replay
     */
    public boolean firstUse(String issuer, String assertionId, Instant keepUntil) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("delete from consilium_app.saml_assertion_use where keep_until < ?").param(now).update();
        // An expired row for the same id (only possible if the cleanup above lost a race) may be taken over; a
        // live one may not: then nothing is inserted or updated and the count is 0.
        int recorded = jdbc.sql("insert into consilium_app.saml_assertion_use (issuer, assertion_id, keep_until) "
                        + "values (?, ?, ?) on conflict (issuer, assertion_id) do update set keep_until = "
                        + "excluded.keep_until where consilium_app.saml_assertion_use.keep_until < ?")
                .params(issuer, assertionId, Timestamp.from(keepUntil), now)
                .update();
        return recorded == 1;
    }

    int size() {
        return jdbc.sql("select count(*) from consilium_app.saml_assertion_use").query(Integer.class).single();
    }
}
