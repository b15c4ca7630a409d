package nl.consilium.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.sql.DataSource;

import nl.consilium.app.support.AppSchema;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The signed launch against the real PostgreSQL store that all instances share (one-time use, confirmations). */
class EpdLaunchTest {

    static final String DATABASE = "consilium_test_launch";
    static final DataSource DB = AppSchema.migrated(DATABASE);
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final EpdLaunch launch = new EpdLaunch("shared-with-the-epd", Clock.fixed(NOW, ZoneOffset.UTC),
            new EpdLaunchStore(DB));

    String sig(String patient, String application, String user, long iat) {
        return HexFormat.of().formatHex(launch.sign(patient + "|" + application + "|" + user + "|" + iat));
    }

    @Test
    void aValidLaunchConfirmsTheBehandelrelatieForThatUserAndPatientOnly() {
        long iat = NOW.getEpochSecond() - 30;
        launch.accept("dr.jansen", "nl-0001", "patientsamenvatting", "dr.jansen", Long.toString(iat),
                sig("nl-0001", "patientsamenvatting", "dr.jansen", iat));

        assertThat(launch.confirmed("dr.jansen", "nl-0001")).isTrue();
        assertThat(launch.confirmed("dr.jansen", "nl-0002")).isFalse();
        assertThat(launch.confirmed("dr.pietersen", "nl-0001")).isFalse();
    }

    @Test
    void editingThePatientInTheUrlBreaksTheSignature() {
        long iat = NOW.getEpochSecond();
        String signature = sig("nl-0001", "patientsamenvatting", "dr.jansen", iat);

        assertThatThrownBy(() -> launch.accept("dr.jansen", "nl-0002", "patientsamenvatting", "dr.jansen",
                Long.toString(iat), signature))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.BAD_SIGNATURE));
        assertThat(launch.confirmed("dr.jansen", "nl-0002")).isFalse();
    }

    @Test
    void anOldLinkOrOneForAnotherUserIsRefused() {
        long old = NOW.getEpochSecond() - 600;
        assertThatThrownBy(() -> launch.accept("dr.jansen", "nl-0001", "brief", "dr.jansen", Long.toString(old),
                sig("nl-0001", "brief", "dr.jansen", old)))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.EXPIRED));
        long iat = NOW.getEpochSecond();
        assertThatThrownBy(() -> launch.accept("dr.pietersen", "nl-0001", "brief", "dr.jansen", Long.toString(iat),
                sig("nl-0001", "brief", "dr.jansen", iat)))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.OTHER_USER));
        assertThatThrownBy(() -> launch.accept("dr.jansen", "nl-0001", "brief", "dr.jansen", Long.toString(iat), "zz"))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.BAD_SIGNATURE));
    }

    @Test
    void withoutASecretNoLaunchIsAcceptedAndNothingIsConfirmed() {
        EpdLaunch unconfigured = new EpdLaunch("", Clock.fixed(NOW, ZoneOffset.UTC), new EpdLaunchStore(DB));

        assertThatThrownBy(() -> unconfigured.accept("u", "p", "a", "u", "1", "00"))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.NOT_CONFIGURED));
        assertThat(unconfigured.confirmed("u", "p")).isFalse();
    }

    @Test
    void aLinkWorksOnceAlsoWhenTheSecondUseReachesTheOtherInstance() {
        // The other instance: its own store and connection on the same database.
        EpdLaunch other = new EpdLaunch("shared-with-the-epd", Clock.fixed(NOW, ZoneOffset.UTC),
                new EpdLaunchStore(AppSchema.another(DATABASE)));
        long iat = NOW.getEpochSecond() - 10;
        String signature = sig("nl-0003", "brief", "dr.de.wit", iat);

        launch.accept("dr.de.wit", "nl-0003", "brief", "dr.de.wit", Long.toString(iat), signature);
        assertThat(other.confirmed("dr.de.wit", "nl-0003")).as("confirmation shared between instances").isTrue();
        assertThat(other.patientsOf("dr.de.wit")).containsExactly("nl-0003");

        assertThatThrownBy(() -> other.accept("dr.de.wit", "nl-0003", "brief", "dr.de.wit", Long.toString(iat),
                signature))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.ALREADY_USED));
        assertThatThrownBy(() -> launch.accept("dr.de.wit", "nl-0003", "brief", "dr.de.wit", Long.toString(iat),
                signature.toUpperCase()))
                .as("the same signature in upper case is the same link")
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.ALREADY_USED));
    }

    @Test
    void aRefusedAttemptDoesNotUseUpTheLink() {
        long iat = NOW.getEpochSecond();
        String signature = sig("nl-0002", "brief", "dr.smit", iat);
        assertThatThrownBy(() -> launch.accept("dr.colleague", "nl-0002", "brief", "dr.smit", Long.toString(iat),
                signature))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.OTHER_USER));

        launch.accept("dr.smit", "nl-0002", "brief", "dr.smit", Long.toString(iat), signature);
        assertThat(launch.confirmed("dr.smit", "nl-0002")).isTrue();
    }

    @Test
    void usedLinksAndLapsedConfirmationsAreDeletedAfterTheirExpiry() {
        long iat = NOW.getEpochSecond();
        launch.accept("dr.bakker", "nl-0001", "brief", "dr.bakker", Long.toString(iat),
                sig("nl-0001", "brief", "dr.bakker", iat));

        // 13 hours later: the link had expired long ago and the 12-hour confirmation has lapsed.
        Instant later = NOW.plusSeconds(13 * 3600);
        EpdLaunch tomorrow = new EpdLaunch("shared-with-the-epd", Clock.fixed(later, ZoneOffset.UTC),
                new EpdLaunchStore(AppSchema.another(DATABASE)));
        assertThat(tomorrow.confirmed("dr.bakker", "nl-0001")).isFalse();
        long fresh = later.getEpochSecond();
        tomorrow.accept("dr.bakker", "nl-0002", "brief", "dr.bakker", Long.toString(fresh),
                sig("nl-0002", "brief", "dr.bakker", fresh));

        JdbcClient jdbc = JdbcClient.create(DB);
        assertThat(jdbc.sql("select count(*) from consilium_app.epd_launch_use where keep_until < ?")
                .param(java.sql.Timestamp.from(later)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from consilium_app.treatment_relationship where confirmed_until < ?")
                .param(java.sql.Timestamp.from(later)).query(Long.class).single()).isZero();
        assertThat(tomorrow.patientsOf("dr.bakker")).containsExactly("nl-0002");
    }
}
