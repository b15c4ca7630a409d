package nl.consilium.ehr.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * The sandbox EPD's records, in memory and read-only once built. Resources are indexed per
 * patient and type and kept sorted by clinical date, so a search is a filter over one patient's
 * list and never a scan of the whole store.
 */
public final class SandboxStore {

    private static volatile SandboxStore standard;

    private final Map<String, Patient> patients = new LinkedHashMap<>();
    private final Map<String, Medication> medications = new HashMap<>();
    private final Map<String, Map<String, DomainResource>> byType = new HashMap<>();
    private final Map<String, Map<String, List<DomainResource>>> compartments = new HashMap<>();
    private boolean frozen;

    /** Synthea patients plus the hand-made Dutch ones; built once per JVM (about a second). */
    public static SandboxStore standard() {
        SandboxStore s = standard;
        if (s == null) {
            synchronized (SandboxStore.class) {
                s = standard;
                if (s == null) {
                    s = new SandboxStore();
                    SyntheaLoader.loadInto(s);
                    DutchPatients.addTo(s);
                    s.freeze();
                    standard = s;
                }
            }
        }
        return s;
    }

    void addPatient(Patient patient) {
        checkOpen();
        patients.put(patient.getIdPart(), patient);
        compartments.computeIfAbsent(patient.getIdPart(), k -> new HashMap<>());
    }

    void addMedication(Medication medication) {
        checkOpen();
        medications.put(medication.getIdPart(), medication);
    }

    void add(DomainResource resource) {
        checkOpen();
        String type = resource.fhirType();
        ResourceSpec<?> spec = ResourceSpec.ALL.get(type);
        if (spec == null) {
            throw new IllegalArgumentException("the sandbox does not serve " + type);
        }
        Reference patientRef = spec.patientOf(resource);
        String patientId = patientRef == null ? null : patientRef.getReferenceElement().getIdPart();
        if (patientId == null || !patients.containsKey(patientId)) {
            throw new IllegalArgumentException(type + "/" + resource.getIdPart() + " has no known patient");
        }
        byType.computeIfAbsent(type, k -> new HashMap<>()).put(resource.getIdPart(), resource);
        compartments.get(patientId).computeIfAbsent(type, k -> new ArrayList<>()).add(resource);
    }

    void freeze() {
        // Oldest first; searches sorted by -date just walk the list backwards.
        for (Map<String, List<DomainResource>> perType : compartments.values()) {
            for (Map.Entry<String, List<DomainResource>> e : perType.entrySet()) {
                ResourceSpec<?> spec = ResourceSpec.ALL.get(e.getKey());
                e.getValue().sort(Comparator.comparing(r -> Optional.ofNullable(spec.dateOf(r)).orElse(Instant.MIN)));
                e.setValue(Collections.unmodifiableList(e.getValue()));
            }
        }
        frozen = true;
    }

    private void checkOpen() {
        if (frozen) {
            throw new IllegalStateException("the sandbox store is read-only once built");
        }
    }

    public Optional<Patient> patient(String id) {
        return Optional.ofNullable(patients.get(id));
    }

    public List<Patient> patients() {
        return List.copyOf(patients.values());
    }

    public Optional<Medication> medication(String id) {
        return Optional.ofNullable(medications.get(id));
    }

    public Optional<DomainResource> resource(String type, String id) {
        return Optional.ofNullable(byType.getOrDefault(type, Map.of()).get(id));
    }

    /** One patient's resources of one type, oldest first; empty when the patient has none. */
    public List<DomainResource> compartment(String patientId, String type) {
        return compartments.getOrDefault(patientId, Map.of()).getOrDefault(type, List.of());
    }

    /** Number of resources of the given type for the patient (used by tests and the demo's patient picker). */
    public int count(String patientId, String type) {
        return compartment(patientId, type).size();
    }
}
