package nl.consilium.ehr.context;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.consilium.ehr.PersonalDataMode;
import nl.consilium.ehr.TimeWindow;
import nl.consilium.policy.DataCategory;
import nl.consilium.policy.PseudonymisationSession;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Applies the application's personal-data rule to everything that goes into the context. Besides
 * the pseudonymiser's own detection, it knows the patient's identifying values from the Patient
 * resource and replaces every literal occurrence of them anywhere in the text: a name or BSN that a
 * detector might miss in a note is still caught because the EPD told us what it is.
 */
final class Disclosure {

    private final PersonalDataMode mode;
    private final String patientId;
    /** Identifying literal → category, longest first so "van den Berg" goes before "Berg". */
    private final Map<String, DataCategory> identifiers = new LinkedHashMap<>();
    private Pattern pattern;

    Disclosure(PersonalDataMode mode, String patientId) {
        this.mode = mode;
        this.patientId = patientId;
        identifiers.put(patientId, DataCategory.PATIENT_ID);
        compile();
    }

    PersonalDataMode mode() {
        return mode;
    }

    boolean identified() {
        return mode instanceof PersonalDataMode.Allowed;
    }

    /** Learns the identifying values of the patient so they can be caught in any text. */
    void learn(Patient patient) {
        for (HumanName name : patient.getName()) {
            add(name.getNameAsSingleString(), DataCategory.PERSON);
            add(name.getFamily(), DataCategory.PERSON);
            name.getFamilyElement().getExtension().stream()
                    .filter(e -> e.getUrl().endsWith("humanname-own-name") && e.getValue() instanceof StringType)
                    .forEach(e -> add(((StringType) e.getValue()).getValue(), DataCategory.PERSON));
            for (StringType given : name.getGiven()) {
                add(given.getValue(), DataCategory.PERSON);
            }
            if (name.hasFamily() && name.hasGiven()) {
                StringBuilder initials = new StringBuilder();
                name.getGiven().forEach(g -> initials.append(g.getValue().charAt(0)).append('.'));
                add(initials + " " + name.getFamily(), DataCategory.PERSON);
            }
        }
        for (Identifier id : patient.getIdentifier()) {
            DataCategory category = id.getSystem() != null && id.getSystem().endsWith("/bsn") ? DataCategory.BSN
                    : DataCategory.PATIENT_ID;
            add(id.getValue(), category);
        }
        for (Address address : patient.getAddress()) {
            address.getLine().forEach(l -> add(l.getValue(), DataCategory.LOCATION));
            String postcode = address.getPostalCode();
            add(postcode, DataCategory.POSTCODE);
            if (postcode != null) {
                add(postcode.replace(" ", ""), DataCategory.POSTCODE);
            }
        }
        for (ContactPoint telecom : patient.getTelecom()) {
            DataCategory category = telecom.getSystem() == ContactPoint.ContactPointSystem.EMAIL ? DataCategory.EMAIL
                    : DataCategory.PHONE;
            add(telecom.getValue(), category);
            if (telecom.getValue() != null && category == DataCategory.PHONE) {
                add(telecom.getValue().replaceAll("[^0-9+]", ""), DataCategory.PHONE);
            }
        }
        if (patient.hasBirthDate()) {
            LocalDate birth = birthDate(patient);
            for (String pattern : List.of("yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd/MM/yyyy", "d MMMM yyyy", "dd.MM.yyyy")) {
                add(birth.format(DateTimeFormatter.ofPattern(pattern, Locale.forLanguageTag("nl-NL"))), DataCategory.DATE);
                add(birth.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)), DataCategory.DATE);
            }
        }
        compile();
    }

    static LocalDate birthDate(Patient patient) {
        return patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate();
    }

    private void add(String value, DataCategory category) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        // Very short fragments ("de", "J.") would also hit ordinary words.
        if (v.length() >= 3) {
            identifiers.putIfAbsent(v, category);
        }
    }

    private void compile() {
        List<String> literals = new ArrayList<>(identifiers.keySet());
        literals.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
        for (int i = 0; i < literals.size(); i++) {
            regex.append(i == 0 ? "" : "|").append(Pattern.quote(literals.get(i)));
        }
        regex.append(")(?![\\p{L}\\p{N}])");
        pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The patient reference as it may appear. */
    String patientReference() {
        return switch (mode) {
            case PersonalDataMode.Pseudonymised p -> "Patient/" + p.session().surrogate(DataCategory.PATIENT_ID, patientId);
            default -> "Patient/" + patientId;
        };
    }

    LocalDate date(LocalDate real) {
        if (real == null) {
            return null;
        }
        return mode instanceof PersonalDataMode.Pseudonymised p ? p.session().shift(real) : real;
    }

    TimeWindow window(TimeWindow real) {
        return new TimeWindow(date(real.from()), date(real.to()));
    }

    /** A structured value (a code's display, a dosage): known identifiers replaced unless identified. */
    String text(String real) {
        if (real == null || identified()) {
            return real;
        }
        return scrub(real);
    }

    /** Free text (a note): pseudonymised, or left out entirely when personal data is withheld. */
    Optional<String> freeText(String real) {
        return switch (mode) {
            case PersonalDataMode.Allowed a -> Optional.of(real);
            case PersonalDataMode.Pseudonymised p -> Optional.of(scrub(p.session().pseudonymise(real)));
            case PersonalDataMode.Withheld w -> Optional.empty();
        };
    }

    /** A single identifying value shown on purpose (the name in the patient line). */
    Optional<String> identifying(DataCategory category, String real) {
        if (real == null) {
            return Optional.empty();
        }
        return switch (mode) {
            case PersonalDataMode.Allowed a -> Optional.of(real);
            case PersonalDataMode.Pseudonymised p -> Optional.of(p.session().surrogate(category, real));
            case PersonalDataMode.Withheld w -> Optional.empty();
        };
    }

    private String scrub(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        m.reset();
        while (m.find()) {
            Map.Entry<String, DataCategory> known = entryOf(m.group());
            String replacement = mode instanceof PersonalDataMode.Pseudonymised p
                    ? p.session().surrogate(known.getValue(), known.getKey())
                    : "[" + known.getValue().name().toLowerCase(Locale.ROOT) + "]";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Map.Entry<String, DataCategory> entryOf(String matched) {
        for (Map.Entry<String, DataCategory> e : identifiers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(matched)) {
                return e;
            }
        }
        return Map.entry(matched, DataCategory.OTHER_ID);
    }
}
