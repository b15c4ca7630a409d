package nl.consilium.ehr.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox EPD as a HAPI plain server. No logging interceptor is registered on purpose:
 * request URLs and bodies carry patient data.
 */
public final class SandboxServer extends RestfulServer {

    /** Patient-compartment types the sandbox serves (plus Patient and Medication). */
    public static final List<String> COMPARTMENT_TYPES = List.of("Encounter", "Condition", "MedicationRequest",
            "MedicationStatement", "AllergyIntolerance", "Observation", "DiagnosticReport", "Procedure", "DocumentReference");

    private final transient Gatekeeper gatekeeper = new Gatekeeper();

    public SandboxServer(SandboxStore store) {
        super(serverContext());
        List<IResourceProvider> providers = new ArrayList<>();
        providers.add(new PatientProvider(store));
        providers.add(new MedicationProvider(store));
        for (String type : COMPARTMENT_TYPES) {
            providers.add(new CompartmentProvider(store, type));
        }
        setResourceProviders(providers);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(200);
        paging.setDefaultPageSize(50);
        paging.setMaximumPageSize(1000);
        setPagingProvider(paging);
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);
        registerInterceptor(gatekeeper);
    }

    /**
     * The sandbox's own FhirContext: its resources never hold in-memory reference targets, so the
     * encoder's search for resources to contain (a walk over every element of every resource, the
     * largest cost of answering a search) is switched off, without changing the client's context.
     */
    private static FhirContext serverContext() {
        FhirContext context = FhirContext.forR4();
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    public Gatekeeper gatekeeper() {
        return gatekeeper;
    }
}
