package nl.consilium.ehr.context;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import nl.consilium.ehr.ContextFact;
import nl.consilium.ehr.ContextLimits;
import nl.consilium.ehr.ContextRequest;
import nl.consilium.ehr.ContextSection;
import nl.consilium.ehr.ContextSection.Kind;
import nl.consilium.ehr.EhrException;
import nl.consilium.ehr.LabSeries;
import nl.consilium.ehr.PatientContext;
import nl.consilium.ehr.client.FhirGateway;
import nl.consilium.ehr.trend.LabAggregator;
import nl.consilium.ehr.trend.Trend;
import nl.consilium.policy.DataCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Builds the patient context. Data minimisation is structural: a search is only ever built for a
 * resource type in the request's allowed set, so a type the use conditions do not allow is never
 * requested from the EPD (the sandbox tests check this on the server side). The searches run in
 * parallel (one EPD round trip of latency instead of ten) and each streams its pages into a
 * bounded collector.
 */
public final class ContextAssembler {

    private static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Amsterdam");
    private static final int MAX_LAB_CODES = 200;

    private final FhirGateway gateway;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public ContextAssembler(FhirGateway gateway) {
        this.gateway = gateway;
    }

    public PatientContext assemble(ContextRequest request) {
        long started = System.nanoTime();
        Set<String> allowed = request.allowedResourceTypes();
        ContextLimits limits = request.limits();
        String id = request.patientId();
        String from = request.window().from().toString();
        String to = request.window().to().toString();
        String inWindow = "&date=ge" + from + "&date=le" + to + "&_sort=-date";
        String patientParam = "patient=" + URLEncoder.encode(id, StandardCharsets.UTF_8);

        Collected c = new Collected(limits);
        List<Task> tasks = new ArrayList<>();
        Set<String> requested = new LinkedHashSet<>();
        if (allowed.contains("Patient")) {
            tasks.add(new Task("Patient", () -> c.patient = gateway.read(Patient.class, id, id)));
        }
        addSearch(tasks, allowed, "Condition", "Condition?" + patientParam, limits.maxResourcesPerType(), limits, c.conditions::add);
        addSearch(tasks, allowed, "MedicationRequest",
                "MedicationRequest?" + patientParam + "&_include=MedicationRequest:medication",
                limits.maxResourcesPerType(), limits, r -> {
                    if (r instanceof Medication m) {
                        c.medications.put("Medication/" + m.getIdElement().getIdPart(), m);
                    } else {
                        c.medicationRequests.add(r);
                    }
                });
        addSearch(tasks, allowed, "MedicationStatement", "MedicationStatement?" + patientParam, limits.maxResourcesPerType(),
                limits, c.medicationStatements::add);
        addSearch(tasks, allowed, "AllergyIntolerance", "AllergyIntolerance?" + patientParam, limits.maxResourcesPerType(),
                limits, c.allergies::add);
        addSearch(tasks, allowed, "Observation", "Observation?" + patientParam + "&category=laboratory" + inWindow,
                limits.maxObservations(), limits, r -> c.labs.accept((Observation) r));
        // Only the latest value per vital sign is shown, and an encounter records about eight of them,
        // so the newest eight per shown fact are enough.
        addSearch(tasks, allowed, "Observation", "Observation?" + patientParam + "&category=vital-signs" + inWindow,
                Math.min(limits.maxObservations(), 8 * limits.maxFactsPerSection()), limits, r -> c.vitals.putIfAbsent(vitalKey((Observation) r), (Observation) r));
        // Most recent first, so only as many as can be shown are read.
        addSearch(tasks, allowed, "DocumentReference", "DocumentReference?" + patientParam + inWindow,
                limits.maxFactsPerSection(), limits, c.notes::add);
        // _elements leaves out presentedForm (often the full report again as base64); servers that
        // ignore _elements simply send everything.
        addSearch(tasks, allowed, "DiagnosticReport", "DiagnosticReport?" + patientParam + inWindow
                        + "&_elements=status,category,code,subject,effective,conclusion,result",
                limits.maxFactsPerSection(), limits, c.reports::add);
        addSearch(tasks, allowed, "Procedure", "Procedure?" + patientParam + inWindow,
                limits.maxFactsPerSection(), limits, c.procedures::add);
        addSearch(tasks, allowed, "Encounter", "Encounter?" + patientParam + inWindow,
                limits.maxFactsPerSection(), limits, c.encounters::add);
        tasks.forEach(t -> requested.add(t.type));

        run(tasks, c);

        Disclosure disclosure = new Disclosure(request.personalData(), id);
        if (c.patient != null) {
            disclosure.learn(c.patient);
        }
        LocalDate reference = request.window().to();
        Map<Kind, List<ContextFact>> facts = new EnumMap<>(Kind.class);
        if (c.patient != null) {
            facts.put(Kind.PATIENT, List.of(patientFact(c.patient, disclosure, reference)));
        }
        facts.put(Kind.PROBLEMS, problems(c.conditions, request, disclosure));
        facts.put(Kind.MEDICATION, medication(c, request, disclosure));
        facts.put(Kind.ALLERGIES, allergies(c.allergies, disclosure));
        facts.put(Kind.LABS, labs(c.labs, disclosure));
        facts.put(Kind.VITALS, vitals(c.vitals, disclosure));
        facts.put(Kind.NOTES, notes(c.notes, limits, disclosure));
        facts.put(Kind.REPORTS, reports(c.reports, disclosure));
        facts.put(Kind.PROCEDURES, simple(c.procedures, disclosure));
        facts.put(Kind.ENCOUNTERS, simple(c.encounters, disclosure));

        boolean truncated = c.truncated.get() > 0;
        List<ContextSection> sections = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<ContextFact> all = facts.getOrDefault(kind, List.of());
            if (all.isEmpty()) {
                continue;
            }
            int keep = Math.min(all.size(), limits.maxFactsPerSection());
            truncated |= keep < all.size();
            sections.add(new ContextSection(kind, all.subList(0, keep), all.size() - keep));
        }
        Rendered rendered = Rendered.render(disclosure.patientReference(), disclosure.window(request.window()), sections,
                limits.maxCharacters());
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new PatientContext(disclosure.patientReference(), disclosure.window(request.window()), rendered.sections(),
                rendered.text(), requested, truncated || rendered.truncated(),
                new PatientContext.Stats(c.requests.get(), c.resources.get(), millis));
    }

    // --- fetching ---------------------------------------------------------------------------------

    private record Task(String type, Runnable body) {
    }

    private void addSearch(List<Task> tasks, Set<String> allowed, String type, String url, int max, ContextLimits limits,
                           Consumer<Resource> sink) {
        if (!allowed.contains(type)) {
            return; // data minimisation: never ask for what the application may not see
        }
        tasks.add(new Task(type, new SearchRun(url, max, limits.maxPagesPerSearch(), sink)));
    }

    private final class SearchRun implements Runnable {
        private final String url;
        private final int max;
        private final int maxPages;
        private final Consumer<Resource> sink;
        private Collected collected;

        SearchRun(String url, int max, int maxPages, Consumer<Resource> sink) {
            this.url = url;
            this.max = max;
            this.maxPages = maxPages;
            this.sink = sink;
        }

        @Override
        public void run() {
            FhirGateway.SearchStats stats = gateway.search(url, patientIdOf(url), max, maxPages, r -> {
                collected.resources.incrementAndGet();
                sink.accept(r);
            });
            collected.requests.addAndGet(stats.pages());
            if (stats.truncated()) {
                collected.truncated.incrementAndGet();
            }
        }
    }

    private static String patientIdOf(String url) {
        int start = url.indexOf("patient=") + "patient=".length();
        int end = url.indexOf('&', start);
        return java.net.URLDecoder.decode(end < 0 ? url.substring(start) : url.substring(start, end), StandardCharsets.UTF_8);
    }

    private void run(List<Task> tasks, Collected c) {
        List<Future<?>> futures = new ArrayList<>();
        for (Task task : tasks) {
            if (task.body instanceof SearchRun search) {
                search.collected = c;
            } else {
                c.requests.incrementAndGet();
            }
            futures.add(executor.submit(task.body));
        }
        EhrException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof EhrException ee) {
                    first = first == null ? ee : first;
                } else if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the EPD", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** What the searches brought back; each field is written by one task only. */
    private static final class Collected {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger resources = new AtomicInteger();
        final AtomicInteger truncated = new AtomicInteger();
        volatile Patient patient;
        final List<Resource> conditions = new ArrayList<>();
        final List<Resource> medicationRequests = new ArrayList<>();
        final Map<String, Medication> medications = new HashMap<>();
        final List<Resource> medicationStatements = new ArrayList<>();
        final List<Resource> allergies = new ArrayList<>();
        final LabAggregator labs;
        final Map<String, Observation> vitals = new LinkedHashMap<>();
        final List<Resource> notes = new ArrayList<>();
        final List<Resource> reports = new ArrayList<>();
        final List<Resource> procedures = new ArrayList<>();
        final List<Resource> encounters = new ArrayList<>();

        Collected(ContextLimits limits) {
            this.labs = new LabAggregator(limits.trendPointsPerLab(), MAX_LAB_CODES);
        }
    }

    // --- facts ------------------------------------------------------------------------------------

    private static ContextFact patientFact(Patient p, Disclosure d, LocalDate reference) {
        List<String> parts = new ArrayList<>();
        if (p.hasName()) {
            d.identifying(DataCategory.PERSON, p.getNameFirstRep().getNameAsSingleString()).ifPresent(parts::add);
        }
        parts.add(p.hasGender() ? p.getGender().getDisplay().toLowerCase() : "gender unknown");
        LocalDate birth = p.hasBirthDate() ? Disclosure.birthDate(p) : null;
        if (birth != null) {
            int age = Period.between(birth, reference).getYears();
            d.identifying(DataCategory.DATE, birth.toString())
                    .ifPresent(x -> parts.add("born " + (d.identified() ? birth : d.date(birth))));
            parts.add(age + " years");
        }
        if (d.identified()) {
            p.getIdentifier().forEach(i -> parts.add((i.getSystem() != null && i.getSystem().endsWith("/bsn") ? "BSN " : "id ")
                    + i.getValue()));
            p.getAddress().stream().findFirst().ifPresent(a -> parts.add(
                    String.join(" ", a.getLine().stream().map(Object::toString).toList()) + ", " + a.getPostalCode() + " " + a.getCity()));
            p.getTelecom().stream().findFirst().ifPresent(t -> parts.add("tel. " + t.getValue()));
        }
        if (p.hasDeceased() && (p.hasDeceasedDateTimeType() || p.getDeceasedBooleanType().booleanValue())) {
            parts.add("deceased");
        }
        return new ContextFact(d.patientReference(), null, String.join(", ", parts));
    }

    private static List<ContextFact> problems(List<Resource> conditions, ContextRequest request, Disclosure d) {
        record Row(Condition c, boolean active, LocalDate onset) {
        }
        List<Row> rows = new ArrayList<>();
        for (Resource r : conditions) {
            Condition c = (Condition) r;
            String status = c.getClinicalStatus().getCodingFirstRep().getCode();
            boolean active = status == null || Set.of("active", "recurrence", "relapse").contains(status);
            LocalDate onset = c.hasOnsetDateTimeType() ? day(c.getOnsetDateTimeType().getValue())
                    : c.hasRecordedDate() ? day(c.getRecordedDate()) : null;
            LocalDate abatement = c.hasAbatementDateTimeType() ? day(c.getAbatementDateTimeType().getValue()) : null;
            if (active || request.window().contains(onset) || request.window().contains(abatement)) {
                rows.add(new Row(c, active, onset));
            }
        }
        rows.sort(Comparator.comparing(Row::active).reversed()
                .thenComparing(Row::onset, Comparator.nullsLast(Comparator.reverseOrder())));
        List<ContextFact> out = new ArrayList<>();
        for (Row row : rows) {
            String status = row.c.getClinicalStatus().getCodingFirstRep().getCode();
            String text = d.text(display(row.c.getCode())) + " — " + (status == null ? "status unknown" : status)
                    + (row.onset != null ? ", onset " + d.date(row.onset) : "");
            out.add(new ContextFact(ref(row.c), d.date(row.onset), text));
        }
        return out;
    }

    private static List<ContextFact> medication(Collected c, ContextRequest request, Disclosure d) {
        record Row(String reference, boolean active, LocalDate since, String text) {
        }
        List<Row> rows = new ArrayList<>();
        for (Resource r : c.medicationRequests) {
            MedicationRequest mr = (MedicationRequest) r;
            String status = mr.hasStatus() ? mr.getStatus().toCode() : "unknown";
            boolean active = Set.of("active", "on-hold").contains(status);
            LocalDate authored = mr.hasAuthoredOn() ? day(mr.getAuthoredOn()) : null;
            if (!active && !request.window().contains(authored)) {
                continue;
            }
            String name = mr.hasMedicationCodeableConcept() ? display(mr.getMedicationCodeableConcept())
                    : Optional.ofNullable(c.medications.get(mr.getMedicationReference().getReference()))
                    .map(m -> display(m.getCode()))
                    .orElse(mr.getMedicationReference().hasDisplay() ? mr.getMedicationReference().getDisplay() : "medication");
            String dosage = mr.getDosageInstruction().stream().map(Dosage::getText).filter(t -> t != null && !t.isBlank())
                    .collect(Collectors.joining("; "));
            String text = d.text(name) + (dosage.isEmpty() ? "" : " — " + d.text(dosage)) + " (" + status
                    + (authored != null ? ", prescribed " + d.date(authored) : "") + ")";
            rows.add(new Row(ref(mr), active, authored, text));
        }
        for (Resource r : c.medicationStatements) {
            MedicationStatement ms = (MedicationStatement) r;
            String status = ms.hasStatus() ? ms.getStatus().toCode() : "unknown";
            boolean active = "active".equals(status);
            LocalDate since = dateOf(ms.getEffective());
            if (!active && !request.window().contains(since)) {
                continue;
            }
            String name = ms.hasMedicationCodeableConcept() ? display(ms.getMedicationCodeableConcept())
                    : Optional.ofNullable(c.medications.get(ms.getMedicationReference().getReference()))
                    .map(m -> display(m.getCode())).orElse("medication");
            String text = d.text(name) + " (reported use, " + status + (since != null ? ", since " + d.date(since) : "") + ")";
            rows.add(new Row(ref(ms), active, since, text));
        }
        rows.sort(Comparator.comparing(Row::active).reversed()
                .thenComparing(Row::since, Comparator.nullsLast(Comparator.reverseOrder())));
        return rows.stream().map(r -> new ContextFact(r.reference, d.date(r.since), r.text)).toList();
    }

    private static List<ContextFact> allergies(List<Resource> allergies, Disclosure d) {
        List<ContextFact> out = new ArrayList<>();
        for (Resource r : allergies) {
            AllergyIntolerance a = (AllergyIntolerance) r;
            String reactions = a.getReaction().stream().flatMap(x -> x.getManifestation().stream())
                    .map(ContextAssembler::display).collect(Collectors.joining(", "));
            LocalDate recorded = a.hasRecordedDate() ? day(a.getRecordedDate()) : null;
            String text = d.text(display(a.getCode()))
                    + (a.hasCriticality() ? " — criticality " + a.getCriticality().toCode() : "")
                    + (reactions.isEmpty() ? "" : "; reaction: " + d.text(reactions))
                    + (a.hasClinicalStatus() ? " (" + a.getClinicalStatus().getCodingFirstRep().getCode() + ")" : "");
            out.add(new ContextFact(ref(a), d.date(recorded), text));
        }
        return out;
    }

    private static List<ContextFact> labs(LabAggregator labs, Disclosure d) {
        List<ContextFact> out = new ArrayList<>();
        for (LabAggregator.Summary s : labs.summaries()) {
            LabSeries.Point latest = s.latest();
            LocalDate when = day(latest.time());
            StringBuilder text = new StringBuilder(d.text(s.display())).append(": ")
                    .append(plain(latest.value())).append(' ').append(s.unit());
            if (!s.latestFlag().isEmpty()) {
                text.append(" (").append(s.latestFlag()).append(')');
            }
            text.append(" on ").append(d.date(when));
            LabSeries.ReferenceRange range = s.range();
            if (range != null) {
                text.append("; reference ").append(rangeText(range, s.unit()));
            }
            Trend trend = s.trend();
            if (trend.direction() != Trend.Direction.TOO_FEW_POINTS) {
                List<LabSeries.Point> points = s.pointsOldestFirst();
                text.append("; ").append(trend.direction().name().toLowerCase()).append(" over the last ")
                        .append(trend.points()).append(" results since ").append(d.date(day(points.get(0).time())))
                        .append(" (").append(points.stream().map(p -> plain(p.value())).collect(Collectors.joining(" → ")))
                        .append(')');
            } else if (s.count() > 1) {
                text.append("; ").append(s.count()).append(" results in window");
            }
            out.add(new ContextFact(latest.reference(), d.date(when), text.toString()));
        }
        return out;
    }

    private static List<ContextFact> vitals(Map<String, Observation> vitals, Disclosure d) {
        List<ContextFact> out = new ArrayList<>();
        for (Observation o : vitals.values()) {
            String value;
            if (o.hasValueQuantity()) {
                value = plain(o.getValueQuantity().getValue()) + " " + nz(o.getValueQuantity().getUnit());
            } else if (o.hasComponent()) {
                value = o.getComponent().stream().filter(c -> c.hasValueQuantity())
                        .map(c -> plain(c.getValueQuantity().getValue()))
                        .collect(Collectors.joining("/"))
                        + " " + nz(o.getComponentFirstRep().getValueQuantity().getUnit());
            } else {
                continue;
            }
            LocalDate when = dateOf(o.getEffective());
            out.add(new ContextFact(ref(o), d.date(when), d.text(display(o.getCode())) + ": " + value.strip()
                    + (when != null ? " on " + d.date(when) : "")));
        }
        return out;
    }

    private static List<ContextFact> notes(List<Resource> notes, ContextLimits limits, Disclosure d) {
        List<ContextFact> out = new ArrayList<>();
        for (Resource r : notes) {
            DocumentReference doc = (DocumentReference) r;
            LocalDate when = doc.hasDate() ? day(doc.getDate()) : null;
            String title = display(doc.getType());
            String body = plainText(doc);
            String text;
            if (body == null) {
                text = d.text(title) + ": no plain-text content";
            } else {
                Optional<String> shown = d.freeText(body);
                if (shown.isEmpty()) {
                    text = d.text(title) + ": text withheld (personal data is not allowed for this application)";
                } else {
                    String excerpt = shown.get().replaceAll("\\s+", " ").strip();
                    if (excerpt.length() > limits.maxNoteCharacters()) {
                        excerpt = excerpt.substring(0, limits.maxNoteCharacters()) + "…";
                    }
                    text = d.text(title) + ": " + excerpt;
                }
            }
            out.add(new ContextFact(ref(doc), d.date(when), (when != null ? d.date(when) + " " : "") + text));
        }
        return out;
    }

    private static List<ContextFact> reports(List<Resource> reports, Disclosure d) {
        List<ContextFact> out = new ArrayList<>();
        for (Resource r : reports) {
            DiagnosticReport dr = (DiagnosticReport) r;
            LocalDate when = dateOf(dr.getEffective());
            String conclusion = dr.hasConclusion() ? d.freeText(dr.getConclusion()).map(t -> ": " + t).orElse("") : "";
            out.add(new ContextFact(ref(dr), d.date(when), d.text(display(dr.getCode()))
                    + (when != null ? " (" + d.date(when) + ")" : "") + conclusion
                    + (dr.hasResult() ? " [" + dr.getResult().size() + " results]" : "")));
        }
        return out;
    }

    private static List<ContextFact> simple(List<Resource> resources, Disclosure d) {
        List<ContextFact> out = new ArrayList<>();
        for (Resource r : resources) {
            String what;
            LocalDate when;
            if (r instanceof Procedure p) {
                what = display(p.getCode());
                when = dateOf(p.getPerformed());
            } else {
                Encounter e = (Encounter) r;
                what = e.hasType() ? display(e.getTypeFirstRep()) : e.getClass_().getDisplay();
                when = e.hasPeriod() && e.getPeriod().hasStart() ? day(e.getPeriod().getStart()) : null;
            }
            out.add(new ContextFact(ref(r), d.date(when), d.text(what) + (when != null ? " (" + d.date(when) + ")" : "")));
        }
        return out;
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static String vitalKey(Observation o) {
        return o.getCode().getCodingFirstRep().getSystem() + "|" + o.getCode().getCodingFirstRep().getCode();
    }

    private static String plainText(DocumentReference doc) {
        for (DocumentReference.DocumentReferenceContentComponent content : doc.getContent()) {
            Attachment a = content.getAttachment();
            if (a.hasData() && (a.getContentType() == null || a.getContentType().startsWith("text/plain"))) {
                return new String(a.getData(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String rangeText(LabSeries.ReferenceRange range, String unit) {
        if (range.low() != null && range.high() != null) {
            return plain(range.low()) + "–" + plain(range.high()) + " " + unit;
        }
        if (range.high() != null) {
            return "≤ " + plain(range.high()) + " " + unit;
        }
        if (range.low() != null) {
            return "≥ " + plain(range.low()) + " " + unit;
        }
        return range.text();
    }

    private static String plain(BigDecimal v) {
        return v == null ? "?" : v.stripTrailingZeros().toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String display(CodeableConcept concept) {
        if (concept == null) {
            return "unknown";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().filter(c -> c.hasDisplay()).map(c -> c.getDisplay()).findFirst()
                .orElse(concept.getCodingFirstRep().hasCode() ? concept.getCodingFirstRep().getCode() : "unknown");
    }

    private static String ref(Resource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toInstant().atZone(HOSPITAL_ZONE).toLocalDate();
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : instant.atZone(HOSPITAL_ZONE).toLocalDate();
    }

    private static LocalDate dateOf(Type effective) {
        if (effective instanceof org.hl7.fhir.r4.model.DateTimeType dt) {
            return day(dt.getValue());
        }
        if (effective instanceof org.hl7.fhir.r4.model.Period p && p.hasStart()) {
            return day(p.getStart());
        }
        return null;
    }
}
