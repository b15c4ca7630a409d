package nl.consilium.app.launch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the EPD launch must share between the instances behind the load balancer, in PostgreSQL: which launch links
 * were used (one-time use, by the SHA-256 of the signature) and which behandelrelaties a launch confirmed. A link
 * used at one instance is refused at the other; a relationship confirmed at one holds at the other. Rows past their
 * expiry are deleted as launches come in.
 */
public final class EpdLaunchStore {

    private final JdbcClient jdbc;

    public EpdLaunchStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Records the use of a launch link; atomic across instances through the primary key.
     *
     * @return false when this link was used before (and its record has not expired)
     */
    public boolean firstUse(String signatureSha256, Instant keepUntil, Instant now) {
        jdbc.sql("delete from consilium_app.epd_launch_use where keep_until < ?").param(Timestamp.from(now)).update();
        return jdbc.sql("insert into consilium_app.epd_launch_use (signature_sha256, keep_until) values (?, ?) "
                        + "on conflict (signature_sha256) do update set keep_until = excluded.keep_until "
                        + "where consilium_app.epd_launch_use.keep_until < ?")
                .params(signatureSha256, Timestamp.from(keepUntil), Timestamp.from(now))
                .update() == 1;
    }

    public void confirm(String userId, String patientId, Instant until, Instant now) {
        jdbc.sql("delete from consilium_app.treatment_relationship where confirmed_until < ?")
                .param(Timestamp.from(now)).update();
        jdbc.sql("insert into consilium_app.treatment_relationship (user_id, patient_id, confirmed_until) "
                        + "values (?, ?, ?) on conflict (user_id, patient_id) do update set confirmed_until = "
                        + "greatest(consilium_app.treatment_relationship.confirmed_until, excluded.confirmed_until)")
                .params(userId, patientId, Timestamp.from(until))
                .update();
    }

    public Optional<Instant> confirmedUntil(String userId, String patientId) {
        return jdbc.sql("select confirmed_until from consilium_app.treatment_relationship "
                        + "where user_id = ? and patient_id = ?")
                .params(userId, patientId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    public Set<String> patientsOf(String userId, Instant now) {
        // list()/set(), never stream(): a stream would hold its connection until closed.
        return jdbc.sql("select patient_id from consilium_app.treatment_relationship "
                        + "where user_id = ? and confirmed_until > ?")
                .params(userId, Timestamp.from(now)).query(String.class).set();
    }
}
