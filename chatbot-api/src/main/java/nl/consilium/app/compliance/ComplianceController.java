package nl.consilium.app.compliance;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;
import nl.consilium.app.chat.AuditTrail;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.web.Problems;
import nl.consilium.audit.AuditAction;
import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditDecision;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditExport;
import nl.consilium.audit.AuditOutcome;
import nl.consilium.audit.AuditPage;
import nl.consilium.audit.AuditQuery;
import nl.consilium.audit.AuditSchema;
import nl.consilium.audit.AuditSearch;
import nl.consilium.audit.AuditVerifier;
import nl.consilium.audit.CheckpointKey;
import nl.consilium.audit.VerificationResult;
import nl.consilium.app.wiring.AuditWiring.AuditProperties;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compliance officer's access to the audit log: search, verify, export. Every use of the log is itself
 * audited (NEN 7513: access to the log is logged). Conversation content is not reachable from here: the log
 * holds none.
 */
@RestController
@RequestMapping("/api/v1/compliance/audit")
public class ComplianceController {

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final CheckpointKey checkpointKey;

    public ComplianceController(DataSource dataSource, AuditTrail audit, AuditProperties properties) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.checkpointKey = CheckpointKey.fromBase64(properties.checkpointKey());
    }

    @GetMapping
    public AuditPage search(AuditFilter filter,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit,
            Authentication authentication) throws SQLException {
        AuditQuery query = filter.query()
                .withLimit(Math.min(Math.max(limit, 1), AuditQuery.MAX_LIMIT)).withBeforeSeq(before);
        record(authentication, AuditEventType.AUDIT_LOG_QUERY, filter.patient());
        return AuditSearch.search(dataSource, query);
    }

    /** The compliance officer's filters, bound from the query string (?user=&patient=&type=…). */
    public record AuditFilter(String user, String patient, String application, Set<String> type,
            Set<String> decision, Set<String> outcome, Instant from, Instant to) {

        AuditQuery query() {
            AuditQuery query = AuditQuery.all();
            if (user != null && !user.isBlank()) {
                query = query.withUser(user);
            }
            if (patient != null && !patient.isBlank()) {
                query = query.withPatient(patient);
            }
            if (application != null && !application.isBlank()) {
                query = query.withApplication(application);
            }
            if (type != null && !type.isEmpty()) {
                query = query.withTypes(enums(AuditEventType.class, type, "type"));
            }
            if (decision != null && !decision.isEmpty()) {
                query = query.withDecisions(enums(AuditDecision.class, decision, "decision"));
            }
            if (outcome != null && !outcome.isEmpty()) {
                query = query.withOutcomes(enums(AuditOutcome.class, outcome, "outcome"));
            }
            if (from != null || to != null) {
                query = query.withTimeRange(from, to);
            }
            return query;
        }
    }

    public record Verification(boolean intact, long eventsChecked, Long firstBrokenSequence, String reason) {
    }

    @GetMapping("/verification")
    public Verification verify(Authentication authentication) throws SQLException {
        VerificationResult result = AuditVerifier.verify(dataSource, checkpointKey);
        record(authentication, AuditEventType.AUDIT_LOG_VERIFY, null);
        return switch (result) {
            case VerificationResult.Intact intact -> new Verification(true, intact.eventsChecked(), null, null);
            case VerificationResult.Broken broken -> new Verification(false, broken.eventsChecked(),
                    broken.firstBrokenSeq(), broken.reason());
        };
    }

    @GetMapping("/export.csv")
    public void exportCsv(AuditFilter filter,
            Authentication authentication, HttpServletResponse response) throws SQLException, IOException {
        AuditQuery query = filter.query();
        record(authentication, AuditEventType.AUDIT_LOG_EXPORT, filter.patient());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"consilium-audit.csv\"");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            AuditExport.csv(dataSource, AuditSchema.DEFAULT_SCHEMA, query, out);
        }
    }

    @GetMapping("/export.fhir.json")
    public void exportFhir(AuditFilter filter,
            Authentication authentication, HttpServletResponse response) throws SQLException, IOException {
        AuditQuery query = filter.query();
        record(authentication, AuditEventType.AUDIT_LOG_EXPORT, filter.patient());
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"consilium-audit-events.json\"");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            AuditExport.fhir(dataSource, AuditSchema.DEFAULT_SCHEMA, query, AuditExport.FhirFormat.BUNDLE, out);
        }
    }

    private void record(Authentication authentication, AuditEventType type, String patient) {
        CurrentUser user = CurrentUser.of(authentication);
        AuditEvent.Builder event = AuditEvent.builder(type, new AuditActor(user.id(), user.id(), "compliance-officer"))
                .occurredAt(Instant.now())
                .action(type == AuditEventType.AUDIT_LOG_EXPORT ? AuditAction.READ : AuditAction.EXECUTE)
                .outcome(AuditOutcome.SUCCESS);
        if (patient != null && !patient.isBlank()) {
            event.patientId(patient);
        }
        audit.record(event.build());
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, Set<String> values, String name) {
        EnumSet<E> out = EnumSet.noneOf(type);
        for (String value : values) {
            try {
                out.add(Enum.valueOf(type, value.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw Problems.INVALID_REQUEST.exception("Unknown " + name + "; use one of "
                        + List.of(type.getEnumConstants()));
            }
        }
        return out;
    }
}
