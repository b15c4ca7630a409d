package nl.consilium.policy.phi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * after a warm-up, measured in CPU time of the benchmark thread.
 * Run: mvn -B -o -pl policy -Pbenchmark -Dtest=DetectionBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false test
 */
@Tag("benchmark")
class DetectionBenchmarkTest {

    @Test
    void megabytesPerSecondOnOneCore() {
        PersonalDataDetector detector = Detection.personalDataDetector();
        List<String> notes = new ArrayList<>();
        for (String set : List.of(GoldSet.DEV, GoldSet.HELDOUT, GoldSet.HELDOUT2, GoldSet.HELDOUT3)) {
            GoldSet.load(set).notes().forEach(n -> notes.add(n.text()));
        }
        long bytesPerRound = notes.stream().mapToLong(n -> n.getBytes(StandardCharsets.UTF_8).length).sum();
        int rounds = (int) (8_000_000 / bytesPerRound) + 1;
        for (int w = 0; w < rounds; w++) { // warm-up: one full pass for the JIT
            notes.forEach(detector::detect);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long spans = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String n : notes) {
                spans += detector.detect(n).size();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double mb = rounds * bytesPerRound / 1e6;
        System.out.printf(Locale.ROOT, "detect-phi throughput: %.1f MB, %d notes; CPU time %.2f s = %.1f MB/s per core (%.0f notes/s);"
                        + " wall %.2f s = %.1f MB/s; %d spans; load average %.1f on %d cores%n",
                mb, rounds * notes.size(), cpuSeconds, mb / cpuSeconds, rounds * notes.size() / cpuSeconds, seconds, mb / seconds, spans,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        // Per core means per CPU-second of this thread: wall time on a shared 2-core CI box measures the neighbours too.
        assertThat(mb / cpuSeconds).as("MB/s per core").isGreaterThanOrEqualTo(5.0);
    }
}
