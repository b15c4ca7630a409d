package nl.consilium.ehr.sandbox;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;

/**
 * Read and search for one patient-compartment type. A search must name the patient (an EPD
 * never hands out a whole resource type) and may narrow by date range, code, category and status,
 * sort by date, and page (the server's paging provider keeps the result set between pages).
 */
final class CompartmentProvider implements IResourceProvider {

    private final SandboxStore store;
    private final String typeName;
    private final ResourceSpec<?> spec;

    CompartmentProvider(SandboxStore store, String typeName) {
        this.store = store;
        this.typeName = typeName;
        this.spec = ResourceSpec.ALL.get(typeName);
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return spec.type();
    }

    @Read
    public DomainResource read(@IdParam IdType id) {
        return store.resource(typeName, id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(typeName + "/" + id.getIdPart() + " is not known"));
    }

    @Search
    public IBundleProvider search(
            @RequiredParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "code") TokenOrListParam code,
            @OptionalParam(name = "category") TokenOrListParam category,
            @OptionalParam(name = "status") TokenOrListParam status,
            @OptionalParam(name = "clinical-status") TokenOrListParam clinicalStatus,
            @IncludeParam(allow = {"MedicationRequest:medication", "DiagnosticReport:result"}) Set<Include> includes,
            @Sort SortSpec sort,
            @Count Integer count) {
        String patientId = patient.getIdPart();
        if (patient.getResourceType() != null && !"Patient".equals(patient.getResourceType())) {
            throw new InvalidRequestException("patient must reference a Patient");
        }
        if (store.patient(patientId).isEmpty()) {
            throw new ResourceNotFoundException("Unknown patient");
        }
        boolean descending = false;
        if (sort != null) {
            if (!"date".equals(sort.getParamName()) || sort.getChain() != null) {
                throw new InvalidRequestException("only _sort=date or _sort=-date is supported");
            }
            descending = sort.getOrder() == SortOrderEnum.DESC;
        }
        Instant from = date == null ? null : DateBounds.lowerInclusive(date.getLowerBound());
        Instant to = date == null ? null : DateBounds.upperExclusive(date.getUpperBound());
        TokenOrListParam statusFilter = status != null ? status : clinicalStatus;

        List<DomainResource> all = store.compartment(patientId, typeName);
        List<IBaseResource> matches = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            DomainResource r = all.get(descending ? all.size() - 1 - i : i);
            if (date != null) {
                Instant when = spec.dateOf(r);
                if (when == null || (from != null && when.isBefore(from)) || (to != null && !when.isBefore(to))) {
                    continue;
                }
            }
            if (code != null && !matchesAny(spec.codesOf(r), code)) {
                continue;
            }
            if (category != null && !matchesAny(spec.categoriesOf(r), category)) {
                continue;
            }
            if (statusFilter != null && statusFilter.getValuesAsQueryTokens().stream()
                    .noneMatch(t -> t.getValue().equals(spec.statusOf(r)))) {
                continue;
            }
            matches.add(r);
        }
        SimpleBundleProvider result = new IncludingBundleProvider(matches, includes);
        if (count != null) {
            result.setPreferredPageSize(count);
        }
        return result;
    }

    /**
     * Adds the resources named by _include to each page, tagged as search mode "include" and not
     * counted in the total, as FHIR specifies. (HAPI's own include resolution in the plain server
     * does not understand the choice-typed MedicationRequest.medication path.)
     */
    private final class IncludingBundleProvider extends SimpleBundleProvider {
        private final boolean medication;
        private final boolean results;

        IncludingBundleProvider(List<IBaseResource> matches, Set<Include> includes) {
            super(matches);
            Set<Include> wanted = includes == null ? Set.of() : includes;
            this.medication = wanted.stream().anyMatch(i -> i.getValue().equals("MedicationRequest:medication"));
            this.results = wanted.stream().anyMatch(i -> i.getValue().equals("DiagnosticReport:result"));
        }

        @Override
        public List<IBaseResource> getResources(int from, int to,
                                                ca.uhn.fhir.rest.server.method.ResponsePage.ResponsePageBuilder builder) {
            List<IBaseResource> page = super.getResources(from, to, builder);
            if (!medication && !results) {
                return page;
            }
            List<IBaseResource> withIncludes = new ArrayList<>(page);
            Set<String> added = new java.util.HashSet<>();
            for (IBaseResource r : page) {
                List<org.hl7.fhir.r4.model.Resource> targets = new ArrayList<>();
                if (medication && r instanceof MedicationRequest mr && mr.hasMedicationReference()) {
                    store.medication(mr.getMedicationReference().getReferenceElement().getIdPart()).ifPresent(targets::add);
                }
                if (results && r instanceof DiagnosticReport dr) {
                    for (Reference ref : dr.getResult()) {
                        store.resource("Observation", ref.getReferenceElement().getIdPart()).ifPresent(targets::add);
                    }
                }
                for (org.hl7.fhir.r4.model.Resource target : targets) {
                    if (added.add(target.fhirType() + "/" + target.getIdPart())) {
                        org.hl7.fhir.r4.model.Resource copy = target.copy();
                        ca.uhn.fhir.model.api.ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(copy,
                                ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum.INCLUDE);
                        withIncludes.add(copy);
                    }
                }
            }
            return withIncludes;
        }
    }

    private static boolean matchesAny(List<CodeableConcept> concepts, TokenOrListParam tokens) {
        for (TokenParam token : tokens.getValuesAsQueryTokens()) {
            for (CodeableConcept concept : concepts) {
                for (var coding : concept.getCoding()) {
                    boolean systemOk = token.getSystem() == null || token.getSystem().isEmpty()
                            || token.getSystem().equals(coding.getSystem());
                    if (systemOk && token.getValue() != null && token.getValue().equals(coding.getCode())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
