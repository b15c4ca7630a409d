package nl.consilium.ehr.sandbox;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** Patient read, and lookup by identifier (an EPD launch may hand over the BSN instead of the id). */
final class PatientProvider implements IResourceProvider {

    private final SandboxStore store;

    PatientProvider(SandboxStore store) {
        this.store = store;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return store.patient(id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException("Unknown patient"));
    }

    @Search
    public List<Patient> byIdentifier(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier) {
        if (identifier.getValue() == null || identifier.getValue().isBlank()) {
            throw new InvalidRequestException("identifier needs a value");
        }
        return store.patients().stream()
                .filter(p -> p.getIdentifier().stream().anyMatch(i -> identifier.getValue().equals(i.getValue())
                        && (identifier.getSystem() == null || identifier.getSystem().equals(i.getSystem()))))
                .toList();
    }
}
