package nl.consilium.ehr;

import java.util.Set;
import nl.consilium.ehr.client.FhirGateway;
import nl.consilium.ehr.context.ContextAssembler;
import nl.consilium.ehr.trend.LabSeriesReader;

/**
 * Consilium's read-only connection to the EPD. Thread-safe; create one per configured EPD and
 * share it. Every method throws {@link EhrException} with an {@link EhrFailure} saying why the EPD
 * could not deliver.
 */
public final class EhrClient implements AutoCloseable {

    private final FhirGateway gateway;
    private final ContextAssembler assembler;
    private final LabSeriesReader labSeries;

    public EhrClient(EhrClientConfig config) {
        this.gateway = new FhirGateway(config);
        this.assembler = new ContextAssembler(gateway);
        this.labSeries = new LabSeriesReader(gateway);
    }

    /**
     * Reads only the resource types the request allows, within its window, and builds the bounded
     * context with a reference per fact, applying the request's personal-data mode.
     */
    public PatientContext patientContext(ContextRequest request) {
        return assembler.assemble(request);
    }

    /**
     * One lab code (LOINC) over the window, oldest first, at most {@code maxPoints} most recent
     * results. Reads Observation, so the application must allow it.
     *
     * @throws IllegalArgumentException when Observation is not among the allowed resource types
     */
    public LabSeries labSeries(String patientId, String loincCode, TimeWindow window, Set<String> allowedResourceTypes,
                               int maxPoints) {
        if (!allowedResourceTypes.contains("Observation")) {
            throw new IllegalArgumentException("the application's use conditions do not allow Observation");
        }
        if (loincCode == null || !loincCode.matches("[0-9]{1,7}-[0-9]")) {
            throw new IllegalArgumentException("not a LOINC code: " + loincCode);
        }
        if (maxPoints <= 0 || maxPoints > 10_000) {
            throw new IllegalArgumentException("maxPoints must be 1..10000");
        }
        new ContextRequest(patientId, allowedResourceTypes, window, new PersonalDataMode.Withheld()); // validates the id
        return labSeries.read(patientId, loincCode, window, maxPoints);
    }

    public EhrClientConfig config() {
        return gateway.config();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
