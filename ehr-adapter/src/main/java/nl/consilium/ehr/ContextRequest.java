package nl.consilium.ehr;

import java.util.Objects;
import java.util.Set;

/**
 * One request for a patient context.
 *
 * @param patientId            the EPD's logical Patient id (from the launch context)
 * @param allowedResourceTypes FHIR resource types the application's use conditions allow; nothing else is requested
 * @param window               clinical time window for labs, vitals, encounters, procedures, reports and notes
 *                             (active problems, current medication and allergies are included whatever their date)
 * @param personalData         how identifying data is handled
 * @param limits               size bounds
 */
public record ContextRequest(String patientId, Set<String> allowedResourceTypes, TimeWindow window,
                             PersonalDataMode personalData, ContextLimits limits) {

    public ContextRequest {
        if (patientId == null || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new IllegalArgumentException("patient id must be a FHIR logical id ([A-Za-z0-9-.]{1,64})");
        }
        allowedResourceTypes = Set.copyOf(Objects.requireNonNull(allowedResourceTypes, "allowedResourceTypes"));
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(personalData, "personalData");
        limits = limits == null ? ContextLimits.defaults() : limits;
    }

    public ContextRequest(String patientId, Set<String> allowedResourceTypes, TimeWindow window, PersonalDataMode personalData) {
        this(patientId, allowedResourceTypes, window, personalData, null);
    }
}
