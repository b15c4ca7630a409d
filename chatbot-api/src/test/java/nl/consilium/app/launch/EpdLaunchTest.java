package nl.consilium.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class EpdLaunchTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final EpdLaunch launch = new EpdLaunch("shared-with-the-epd", Clock.fixed(NOW, ZoneOffset.UTC));

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
        EpdLaunch unconfigured = new EpdLaunch("", Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> unconfigured.accept("u", "p", "a", "u", "1", "00"))
                .isInstanceOfSatisfying(EpdLaunch.LaunchRefused.class,
                        e -> assertThat(e.refusal()).isEqualTo(EpdLaunch.Refusal.NOT_CONFIGURED));
        assertThat(unconfigured.confirmed("u", "p")).isFalse();
    }
}
