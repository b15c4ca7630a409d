package nl.consilium.policy.phi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nl.consilium.policy.Detection;
import nl.consilium.policy.PersonalDataDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the detector on one thread: all annotated notes concatenated and repeated to ~8 MB,
 * after a warm-up. Run: mvn -B -o -pl policy -Dtest=DetectionBenchmarkTest -Dsurefire.excludedGroups= test
 */
@Tag("benchmark")
class DetectionBenchmarkTest {

    @Test
    void megabytesPerSecondOnOneCore() {
        PersonalDataDetector detector = Detection.personalDataDetector();
        List<String> notes = new ArrayList<>();
        for (String set : List.of(GoldSet.DEV, GoldSet.HELDOUT, GoldSet.HELDOUT2)) {
            GoldSet.load(set).notes().forEach(n -> notes.add(n.text()));
        }
        long bytesPerRound = notes.stream().mapToLong(n -> n.getBytes(StandardCharsets.UTF_8).length).sum();
        int rounds = (int) (8_000_000 / bytesPerRound) + 1;
        for (int w = 0; w < rounds; w++) { // warm-up: one full pass for the JIT
            notes.forEach(detector::detect);
        }
        long spans = 0;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String n : notes) {
                spans += detector.detect(n).size();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double mb = rounds * bytesPerRound / 1e6;
        double notesPerSecond = rounds * notes.size() / seconds;
        System.out.printf(Locale.ROOT, "detect-phi throughput: %.1f MB in %.2f s = %.1f MB/s, %.0f notes/s, %d spans%n",
                mb, seconds, mb / seconds, notesPerSecond, spans);
        assertThat(mb / seconds).as("MB/s on one core").isGreaterThanOrEqualTo(5.0);
    }
}
