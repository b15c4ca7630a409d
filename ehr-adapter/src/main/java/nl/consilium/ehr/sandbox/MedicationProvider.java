package nl.consilium.ehr.sandbox;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;

/** Medication catalogue entries that MedicationRequests point at (also delivered by _include). */
final class MedicationProvider implements IResourceProvider {

    private final SandboxStore store;

    MedicationProvider(SandboxStore store) {
        this.store = store;
    }

    @Override
    public Class<Medication> getResourceType() {
        return Medication.class;
    }

    @Read
    public Medication read(@IdParam IdType id) {
        return store.medication(id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException("Medication/" + id.getIdPart() + " is not known"));
    }
}
