package nl.consilium.app.terms;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Trainings a user has attested (required by some applications' use conditions). */
@Repository
public class TrainingAttestations {

    private final JdbcClient jdbc;

    public TrainingAttestations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> of(String userId) {
        return Set.copyOf(jdbc.sql("select training_id from consilium_app.training_attestation where user_id = ?")
                .param(userId).query(String.class).list());
    }

    public void attest(String userId, String trainingId) {
        jdbc.sql("insert into consilium_app.training_attestation (user_id, training_id) values (?, ?) "
                        + "on conflict do nothing")
                .params(userId, trainingId).update();
    }
}
