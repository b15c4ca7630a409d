package nl.consilium.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Context assembly latency against the in-process sandbox for the Synthea patients (five years of
 * history each, the largest with 1 540 observations), all resource types allowed. Run:
 * {@code mvn -B -q -pl ehr-adapter test -Pbenchmark -Dtest=ContextBenchmarkTest}
 * and read target/surefire-reports/nl.consilium.ehr.ContextBenchmarkTest-output.txt.
 */
@Tag("benchmark")
class ContextBenchmarkTest {

    private static final Set<String> ALL = PatientContextTest.ALL;
    private static final TimeWindow FIVE_YEARS = new TimeWindow(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1));
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 30);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 200);
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Test
    void contextAssemblyP95IsWithin300Milliseconds() {
        try (SandboxEpd epd = SandboxEpd.start(0);
             EhrClient client = new EhrClient(EhrClientConfig.of(epd.baseUrl(), null))) {
            List<String> synthea = SandboxEpd.patientIds().stream().filter(id -> !id.startsWith("nl-")).toList();
            String largest = PatientContextTest.SYNTHEA_RICH;
            List<Double> p95s = new ArrayList<>();
            // JIT warm-up of client and sandbox before any row is measured.
            for (int i = 0; i < 100; i++) {
                client.patientContext(request(synthea.get(i % synthea.size()), i % 2 == 0 ? "identified" : "pseudonymised"));
            }
            for (String mode : List.of("identified", "pseudonymised")) {
                for (String scope : List.of("largest", "all-synthea")) {
                    List<String> patients = scope.equals("largest") ? List.of(largest) : synthea;
                    for (int i = 0; i < WARMUP; i++) {
                        client.patientContext(request(patients.get(i % patients.size()), mode));
                    }
                    List<Long> micros = new ArrayList<>();
                    long chars = 0;
                    long resources = 0;
                    long cpuBefore = OS.getProcessCpuTime();
                    for (int i = 0; i < RUNS; i++) {
                        long t0 = System.nanoTime();
                        PatientContext context = client.patientContext(request(patients.get(i % patients.size()), mode));
                        micros.add((System.nanoTime() - t0) / 1_000);
                        chars += context.text().length();
                        resources += context.stats().resourcesRead();
                    }
                    double cpuMsPerContext = (OS.getProcessCpuTime() - cpuBefore) / 1e6 / RUNS;
                    micros.sort(null);
                    double p50 = micros.get(RUNS / 2) / 1000.0;
                    double p95 = micros.get((int) Math.ceil(RUNS * 0.95) - 1) / 1000.0;
                    double max = micros.getLast() / 1000.0;
                    System.out.printf(Locale.ROOT, "context %-13s %-11s runs=%d p50=%.1fms p95=%.1fms max=%.1fms "
                                    + "cpu=%.1fms/context (client+sandbox) avgResourcesRead=%d avgChars=%d loadavg=%.1f%n", mode, scope, RUNS,
                            p50, p95, max, cpuMsPerContext, resources / RUNS, chars / RUNS, OS.getSystemLoadAverage());
                    p95s.add(p95);
                }
            }
            assertThat(p95s).allSatisfy(p95 -> assertThat(p95).isLessThanOrEqualTo(300.0));
        }
    }

    private static ContextRequest request(String patient, String mode) {
        PersonalDataMode personalData = mode.equals("identified") ? new PersonalDataMode.Allowed()
                : new PersonalDataMode.Pseudonymised(new TestPseudonymisationSession());
        return new ContextRequest(patient, ALL, FIVE_YEARS, personalData);
    }
}
