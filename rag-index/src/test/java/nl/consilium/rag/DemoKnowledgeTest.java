package nl.consilium.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Loads the repository's demo knowledge base (infra/demo/knowledge) the way the demo command will. */
class DemoKnowledgeTest {

    private static final Path DIR = Path.of("../infra/demo/knowledge");

    @Test
    void everyDemoDocumentLoadsWithItsMetadataAndWithoutPageFurniture() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "demo knowledge base not present");
        List<Path> files = KnowledgeFiles.list(DIR);
        List<DocumentUpload> uploads = new ArrayList<>();
        for (Path f : files) {
            KnowledgeFiles.upload(f, ApprovalState.APPROVED, DocumentUpload.DEFAULT_MAX_BYTES).ifPresent(uploads::add);
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().equals("README.md"));
        assertThat(uploads).hasSize(files.size() - 1).noneMatch(u -> u.metadata().externalKey().equalsIgnoreCase("readme"));

        DataSource ds = TestDatabase.dataSource();
        String schema = TestDatabase.freshSchema("demo_kb");
        KnowledgeSchema.migrate(ds, schema, 384);
        try (KnowledgeBase kb = KnowledgeBase.postgres(ds, SharedModel.bundled(), KnowledgeAuditListener.NONE,
                KnowledgeBaseSettings.defaults().withSchema(schema))) {
            BulkIngestReport report = kb.ingestAll(uploads.iterator(), "demo");
            assertThat(report.rejected()).isEmpty();
            assertThat(report.added()).isEqualTo(uploads.size());

            List<KnowledgeDocument> docs = kb.list(DocumentFilter.all());
            assertThat(docs).allSatisfy(d -> {
                assertThat(d.state()).isEqualTo(ApprovalState.APPROVED);
                assertThat(d.language()).isEqualTo(Language.NL);
                assertThat(d.url()).startsWith("https://");
                assertThat(d.reviewDate()).isNotNull();
                assertThat(d.licenceNote()).isNotBlank();
                assertThat(d.title()).doesNotContain("– Protocollen", "- Intranet");
            });
            assertThat(docs).filteredOn(d -> d.externalKey().equals("koorts-kind")).singleElement()
                    .satisfies(d -> assertThat(d.title()).isEqualTo("Koorts bij kinderen: beoordeling op de Spoedeisende Hulp"));

            try (Connection c = ds.getConnection();
                 ResultSet rs = c.createStatement().executeQuery("select string_agg(text, ' ') from " + schema + ".chunk")) {
                rs.next();
                String all = rs.getString(1).toLowerCase(Locale.ROOT);
                assertThat(all).doesNotContain("cookies accepteren", "afdrukken", "cookiebeleid", "toegankelijkheid", "queryselector");
                // The article header of koorts-kind is content: its disclaimer is kept.
                assertThat(all).contains("niet voor klinisch gebruik");
            }

            List<RetrievedPassage> hits = kb.search(SearchRequest.hybrid("dosering amoxicilline bij een lichte CAP", 5, Set.of("demo-richtlijnen")));
            assertThat(hits).isNotEmpty();
            assertThat(hits.getFirst().externalKey()).isEqualTo("cap-antibiotica");
            assertThat(hits.getFirst().headingPath()).startsWith("Pneumonie opgelopen buiten het ziekenhuis (CAP): antibiotisch beleid > ");
            assertThat(hits.getFirst().location()).isEqualTo("https://intranet.ziekenhuis-demo.nl/richtlijnen/cap-antibiotica");
            assertThat(hits.getFirst().citation()).contains("versie 3.2");
        } finally {
            KnowledgeSchema.drop(ds, schema);
        }
    }
}
