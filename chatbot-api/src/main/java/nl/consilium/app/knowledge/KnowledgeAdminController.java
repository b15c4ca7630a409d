package nl.consilium.app.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import nl.consilium.app.chat.ChatExceptions;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.web.ProblemException;
import nl.consilium.app.web.Problems;
import nl.consilium.audit.AuditWriteException;
import nl.consilium.policy.KnowledgeSource;
import nl.consilium.policy.UseConditions;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentFilter;
import nl.consilium.rag.DocumentUpload;
import nl.consilium.rag.IngestOutcome;
import nl.consilium.rag.IngestionException;
import nl.consilium.rag.KnowledgeAuditListener;
import nl.consilium.rag.KnowledgeBase;
import nl.consilium.rag.KnowledgeDocument;
import nl.consilium.rag.KnowledgeEvent;
import nl.consilium.rag.KnowledgeFiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * IT's management of the curated knowledge base: upload (as draft, or approved in one step), approve,
 * retire, list. Every change is an audit record written inside the knowledge base's transaction
 * (see KnowledgeWiring): a change that cannot be audited does not happen.
 */
@RestController
@RequestMapping("/api/v1/admin/knowledge/documents")
public class KnowledgeAdminController {

    private final KnowledgeBase knowledge;
    private final UseConditions useConditions;
    private final KnowledgeAuditListener audit;

    public KnowledgeAdminController(KnowledgeBase knowledge, UseConditions useConditions, KnowledgeAuditListener audit) {
        this.knowledge = knowledge;
        this.useConditions = useConditions;
        this.audit = audit;
    }

    /** What an upload did, for IT's screen. */
    public record UploadResult(String outcome, UUID documentId, Integer chunks, ApprovalState state,
                               KnowledgeDocument document) {
    }

    @GetMapping
    public List<KnowledgeDocument> list(@RequestParam(required = false) String source,
            @RequestParam(required = false) String state) {
        return knowledge.list(new DocumentFilter(blankToNull(source), state == null || state.isBlank() ? null : state(state)));
    }

    @GetMapping("/{id}")
    public KnowledgeDocument get(@PathVariable String id) {
        return knowledge.find(uuid(id)).orElseThrow(() -> notFound(id));
    }

    /**
     * Multipart upload. Metadata fields override what the file says about itself (front matter, or
     * {@code <meta name="consilium:...">} in HTML); a re-upload with the same source and key replaces
     * the document's passages atomically, or does nothing when the content is unchanged.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<UploadResult> upload(@RequestParam("file") MultipartFile file,
            @RequestParam(required = false) String source, @RequestParam(required = false) String key,
            @RequestParam(required = false) String title, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String version, @RequestParam(required = false) String language,
            @RequestParam(required = false) String reviewDate, @RequestParam(required = false) String licence,
            @RequestParam(required = false) String url, @RequestParam(required = false) String state,
            Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        String fileName = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? null : java.nio.file.Path.of(file.getOriginalFilename()).getFileName().toString();
        if (fileName == null) {
            throw Problems.INVALID_REQUEST.exception("The upload needs a file with a name (.html, .md, .txt or .pdf)");
        }
        ApprovalState requested = state == null || state.isBlank() ? null : state(state);
        if (requested == ApprovalState.RETIRED) {
            throw Problems.INVALID_REQUEST.exception("A document cannot be uploaded as RETIRED; upload it and retire it");
        }
        Map<String, String> given = new LinkedHashMap<>();
        given.put("source", source);
        given.put("id", key);
        given.put("title", title);
        given.put("owner", owner);
        given.put("version", version);
        given.put("language", language);
        given.put("review_date", reviewDate);
        given.put("licence", licence);
        given.put("url", url);
        DocumentUpload upload;
        String attemptedSource = blankToNull(source);
        try {
            byte[] bytes = read(file);
            upload = KnowledgeFiles.upload(fileName, bytes, given, requested);
            attemptedSource = upload.metadata().sourceId();
            requireDeclaredSource(attemptedSource);
        } catch (IngestionException e) {
            // Refused before the knowledge base saw the file (type, size, metadata, undeclared source). The
            // knowledge base raises this event itself only for refusals it finds while parsing; raised here through
            // the same audit listener, every refused upload gets the same record.
            try {
                audit.onEvent(new KnowledgeEvent.DocumentRejected(attemptedSource, key != null && !key.isBlank() ? key : fileName,
                        e.reason(), e.getMessage(), user.id(), Instant.now()));
            } catch (AuditWriteException auditDown) {
                throw new ChatExceptions.AuditUnavailable(auditDown);
            }
            throw rejected(e);
        }
        IngestOutcome outcome;
        try {
            outcome = knowledge.ingest(upload, user.id());
        } catch (IngestionException e) {
            throw rejected(e); // already audited by the knowledge base (KnowledgeWiring)
        } catch (AuditWriteException e) {
            throw new ChatExceptions.AuditUnavailable(e);
        }
        KnowledgeDocument document = knowledge.find(outcome.documentId()).orElseThrow();
        return switch (outcome) {
            case IngestOutcome.Added a -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new UploadResult("added", a.documentId(), a.chunks(), a.state(), document));
            case IngestOutcome.Replaced r -> ResponseEntity.ok(
                    new UploadResult("replaced", r.documentId(), r.chunks(), r.state(), document));
            case IngestOutcome.Unchanged u -> ResponseEntity.ok(
                    new UploadResult("unchanged", u.documentId(), null, document.state(), document));
        };
    }

    @PostMapping("/{id}/approve")
    public KnowledgeDocument approve(@PathVariable String id, Authentication authentication) {
        return change(id, authentication, ApprovalState.APPROVED);
    }

    /** Takes the document out of every answer from the moment this returns. */
    @PostMapping("/{id}/retire")
    public KnowledgeDocument retire(@PathVariable String id, Authentication authentication) {
        return change(id, authentication, ApprovalState.RETIRED);
    }

    private KnowledgeDocument change(String id, Authentication authentication, ApprovalState to) {
        UUID documentId = uuid(id);
        String actor = CurrentUser.of(authentication).id();
        try {
            return to == ApprovalState.APPROVED ? knowledge.approve(documentId, actor) : knowledge.retire(documentId, actor);
        } catch (NoSuchElementException e) {
            throw notFound(id);
        } catch (IllegalStateException e) {
            throw Problems.KNOWLEDGE_DOCUMENT_RETIRED.exception("Document " + id
                    + " is retired; upload it again to bring it back (a new review starts as a draft)");
        } catch (AuditWriteException e) {
            throw new ChatExceptions.AuditUnavailable(e);
        }
    }

    /** A document for a source the use conditions do not declare could never be cited: refuse it at the door. */
    private void requireDeclaredSource(String sourceId) {
        if (useConditions.knowledgeSource(sourceId).isEmpty()) {
            throw new IngestionException(IngestionException.Reason.INVALID_METADATA, "knowledge source '" + sourceId
                    + "' is not declared in the use conditions (declared: "
                    + useConditions.knowledgeSources().stream().map(KnowledgeSource::id).toList() + ")");
        }
    }

    private static byte[] read(MultipartFile file) {
        // The multipart limit (spring.servlet.multipart.max-file-size) already refused anything over the
        // knowledge base's own limit; this bound is for a deployment that raised that setting.
        try (InputStream in = file.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, DocumentUpload.DEFAULT_MAX_BYTES + 1));
            if (bytes.length > DocumentUpload.DEFAULT_MAX_BYTES) {
                throw new IngestionException(IngestionException.Reason.TOO_LARGE, "the file is larger than the limit of "
                        + DocumentUpload.DEFAULT_MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw Problems.INVALID_REQUEST.exception("The upload could not be read completely; send it again");
        }
    }

    private static ProblemException rejected(IngestionException e) {
        HttpStatus status = switch (e.reason()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail problem = Problems.KNOWLEDGE_DOCUMENT_REJECTED.detail(e.getMessage() + ". The knowledge base is unchanged.");
        problem.setStatus(status);
        problem.setProperty("reason", e.reason().name());
        return new ProblemException(problem);
    }

    private static ProblemException notFound(String id) {
        return Problems.KNOWLEDGE_DOCUMENT_NOT_FOUND.exception("There is no knowledge document " + id);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ApprovalState state(String value) {
        try {
            return ApprovalState.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.INVALID_REQUEST.exception("state must be DRAFT, APPROVED or RETIRED");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
