package nl.consilium.app.wiring;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import nl.consilium.app.security.Roles;
import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditAction;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditLog;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditOutcome;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentUpload;
import nl.consilium.rag.EmbeddingModels;
import nl.consilium.rag.IngestOutcome;
import nl.consilium.rag.KnowledgeAuditListener;
import nl.consilium.rag.KnowledgeBase;
import nl.consilium.rag.KnowledgeBaseSettings;
import nl.consilium.rag.KnowledgeEmbeddingModel;
import nl.consilium.rag.KnowledgeEvent;
import nl.consilium.rag.KnowledgeFiles;
import nl.consilium.rag.KnowledgeSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class KnowledgeWiring {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeWiring.class);

    /**
     * @param embeddingThreads threads of the bundled embedding model
     * @param loadDirectory    a folder of self-describing knowledge files loaded (and approved) at start-up; the
     *                         demo points it at infra/demo/knowledge. Unchanged files are skipped (content hash).
     */
    @ConfigurationProperties("consilium.knowledge")
    public record KnowledgeProperties(Integer embeddingThreads, String loadDirectory) {
        public KnowledgeProperties {
            embeddingThreads = embeddingThreads == null ? 2 : embeddingThreads;
        }
    }

    @Bean(destroyMethod = "close")
    KnowledgeEmbeddingModel knowledgeEmbeddingModel(KnowledgeProperties properties) {
        return EmbeddingModels.bundled(properties.embeddingThreads());
    }

    @Bean(destroyMethod = "close")
    KnowledgeBase knowledgeBase(DataSource dataSource, KnowledgeEmbeddingModel embeddings,
            KnowledgeAuditListener knowledgeAudit, KnowledgeProperties properties) {
        KnowledgeSchema.migrate(dataSource);
        KnowledgeBase knowledge = KnowledgeBase.postgres(dataSource, embeddings, knowledgeAudit,
                KnowledgeBaseSettings.defaults());
        if (properties.loadDirectory() != null && !properties.loadDirectory().isBlank()) {
            load(knowledge, Path.of(properties.loadDirectory()));
        }
        return knowledge;
    }

    private static void load(KnowledgeBase knowledge, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("consilium.knowledge.load-directory " + directory.toAbsolutePath()
                    + " is not a directory");
        }
        int added = 0;
        int unchanged = 0;
        for (Path file : KnowledgeFiles.list(directory)) {
            var upload = KnowledgeFiles.upload(file, ApprovalState.APPROVED, DocumentUpload.DEFAULT_MAX_BYTES);
            if (upload.isEmpty()) {
                continue;
            }
            IngestOutcome outcome = knowledge.ingest(upload.get(), "system:knowledge-loader");
            if (outcome instanceof IngestOutcome.Unchanged) {
                unchanged++;
            } else {
                added++;
            }
        }
        log.info("Knowledge loaded from {}: {} added or replaced, {} unchanged", directory, added, unchanged);
    }

    /**
     * Every change to the knowledge base is an audit record: who added, replaced, approved or retired
     * which document, or whose file was refused. It is written inside the knowledge base's transaction,
     * so if the audit log cannot take it the change is rolled back.
     */
    @Bean
    KnowledgeAuditListener knowledgeAudit(AuditLog auditLog) {
        return event -> {
            if (event instanceof KnowledgeEvent.DocumentUnchanged) {
                return;
            }
            AuditActor actor = event.actor().startsWith("system:")
                    ? AuditActor.system(event.actor().substring("system:".length()))
                    : new AuditActor(event.actor(), event.actor(), Roles.IT_ADMIN);
            AuditEvent.Builder builder = AuditEvent.builder(AuditEventType.CONFIGURATION_CHANGED, actor)
                    .outcome(event instanceof KnowledgeEvent.DocumentRejected ? AuditOutcome.MINOR_FAILURE
                            : AuditOutcome.SUCCESS)
                    .occurredAt(event.at());
            switch (event) {
                // The resulting state too: an upload approved in one step goes live without a separate approval,
                // and a retired document uploaded again comes back as a draft.
                case KnowledgeEvent.DocumentAdded e -> builder.action(AuditAction.CREATE).ruleId("KB-DOCUMENT-ADDED")
                        .ruleId("KB-DOCUMENT-" + e.state().name()).object(document(e.documentId()));
                case KnowledgeEvent.DocumentReplaced e -> builder.action(AuditAction.UPDATE).ruleId("KB-DOCUMENT-REPLACED")
                        .ruleId("KB-DOCUMENT-" + e.state().name()).object(document(e.documentId()));
                case KnowledgeEvent.DocumentStateChanged e -> builder.action(AuditAction.UPDATE)
                        .ruleId("KB-DOCUMENT-" + e.to().name()).object(document(e.documentId()));
                case KnowledgeEvent.DocumentRejected e -> builder.action(AuditAction.CREATE)
                        .ruleId("KB-DOCUMENT-REJECTED-" + e.reason().name().replace('_', '-'))
                        .object(AuditObject.document("KnowledgeSource/" + (e.sourceId() == null ? "unknown" : e.sourceId())));
                case KnowledgeEvent.DocumentUnchanged e -> throw new IllegalStateException("not audited");
            }
            auditLog.append(builder.build());
        };
    }

    private static AuditObject document(java.util.UUID id) {
        return AuditObject.document("KnowledgeDocument/" + id);
    }
}
