package nl.consilium.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BM25 on the PostgreSQL engine: rare words weigh more, and the statistics follow curation exactly. */
class LexicalRankingTest {

    private static DataSource ds;
    private static String schema;
    private static KnowledgeBase kb;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestDatabase.dataSource();
        schema = TestDatabase.freshSchema("bm25_test");
        KnowledgeSchema.migrate(ds, schema, 384);
        kb = KnowledgeBase.postgres(ds, SharedModel.bundled(), KnowledgeAuditListener.NONE,
                KnowledgeBaseSettings.defaults().withSchema(schema));
    }

    @AfterAll
    static void tearDown() {
        kb.close();
        KnowledgeSchema.drop(ds, schema);
    }

    private static IngestOutcome text(String key, String title, String body, Language language, ApprovalState state) {
        DocumentMetadata meta = new DocumentMetadata("bm25", key, title, "test", "1", language, null, null, null);
        return kb.ingest(new DocumentUpload(meta, DocumentFormat.TEXT, body.getBytes(StandardCharsets.UTF_8), state), "test");
    }

    private static List<String> lexical(String query) {
        return kb.search(new SearchRequest(query, 10, SearchMode.LEXICAL, null, null)).stream().map(RetrievedPassage::externalKey).toList();
    }

    @Test
    void aRareWordOutweighsACommonOneRepeated() {
        // "patient" is in every document, "vancomycin" in one: BM25's IDF ranks the vancomycin
        // passage first even though the others repeat the common word (ts_rank, without IDF, did not).
        for (int i = 0; i < 6; i++) {
            text("common-" + i, "Ward note " + i, "The patient was seen. The patient is stable and the patient eats well.",
                    Language.EN, ApprovalState.APPROVED);
        }
        text("rare", "Dosing", "The patient receives vancomycin by infusion.", Language.EN, ApprovalState.APPROVED);
        assertThat(lexical("patient vancomycin")).first().isEqualTo("rare");
        // Shorter passages with the same term frequency rank higher (length normalisation, b = 0.75).
        text("short", "Levels", "Vancomycin trough level.", Language.EN, ApprovalState.APPROVED);
        text("long", "Levels in renal failure", "Vancomycin trough level, measured before the fourth dose in stable"
                + " renal function, repeated weekly, adjusted for weight, recorded in the chart by the ward pharmacist.",
                Language.EN, ApprovalState.APPROVED);
        List<String> ranked = lexical("trough");
        assertThat(ranked.indexOf("short")).isLessThan(ranked.indexOf("long"));
    }

    @Test
    void statisticsFollowIngestApproveRetireAndReplaceExactly() throws Exception {
        IngestOutcome draft = text("curated", "Koorts bij kinderen", "Bij koorts boven 40 graden wordt paracetamol gegeven.",
                Language.NL, ApprovalState.DRAFT);
        assertStatisticsMatchApprovedChunks();
        assertThat(lexical("paracetamol koorts")).doesNotContain("curated");
        kb.approve(draft.documentId(), "owner");
        assertStatisticsMatchApprovedChunks();
        assertThat(lexical("paracetamol koorts")).contains("curated");
        text("curated", "Koorts bij kinderen", "Bij koorts boven 39 graden wordt ibuprofen of paracetamol gegeven.",
                Language.NL, null);
        assertStatisticsMatchApprovedChunks();
        assertThat(lexical("ibuprofen")).contains("curated");
        kb.retire(draft.documentId(), "owner");
        assertStatisticsMatchApprovedChunks();
        assertThat(lexical("ibuprofen paracetamol koorts")).doesNotContain("curated");
    }

    /** Document frequencies and totals equal what PostgreSQL itself counts over the approved chunks. */
    private static void assertStatisticsMatchApprovedChunks() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (Language lang : Language.values()) {
                Map<String, Long> expected = new TreeMap<>();
                try (ResultSet rs = st.executeQuery("select word, ndoc from ts_stat('select tsv from " + schema
                        + ".chunk where approved and language = ''" + lang.code() + "''')")) {
                    while (rs.next()) {
                        expected.put(rs.getString(1), rs.getLong(2));
                    }
                }
                Map<String, Long> recorded = new TreeMap<>();
                try (ResultSet rs = st.executeQuery("select lexeme, df from " + schema + ".lexeme_df where language = '"
                        + lang.code() + "'")) {
                    while (rs.next()) {
                        recorded.put(rs.getString(1), rs.getLong(2));
                    }
                }
                assertThat(recorded).as("document frequencies (%s)", lang).isEqualTo(expected);
                try (ResultSet rs = st.executeQuery("select (select count(*) from " + schema + ".chunk where approved and language = '"
                        + lang.code() + "'), chunks from " + schema + ".bm25_totals where language = '" + lang.code() + "'")) {
                    rs.next();
                    assertThat(rs.getLong(2)).as("approved chunks (%s)", lang).isEqualTo(rs.getLong(1));
                }
            }
        }
    }

    @Test
    void aSchemaFilledAroundTheStoreIsRepaired() throws Exception {
        IngestOutcome doc = text("bulk", "Bulk", "Hyperkaliemie wordt behandeld met insuline en glucose.", Language.NL,
                ApprovalState.APPROVED);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // A bulk load that bypassed the store: postings of this document are missing.
            st.execute("delete from " + schema + ".posting where document_id = '" + doc.documentId() + "'");
            st.execute("update " + schema + ".bm25_totals set chunks = 0");
        }
        assertThat(lexical("hyperkaliemie")).doesNotContain("bulk");
        kb.refreshSearchStatistics();
        assertStatisticsMatchApprovedChunks();
        assertThat(lexical("hyperkaliemie")).contains("bulk");
    }
}
