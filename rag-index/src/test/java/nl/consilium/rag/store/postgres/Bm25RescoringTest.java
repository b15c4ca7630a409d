package nl.consilium.rag.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentFormat;
import nl.consilium.rag.DocumentMetadata;
import nl.consilium.rag.DocumentUpload;
import nl.consilium.rag.EmbeddingModels;
import nl.consilium.rag.KnowledgeAuditListener;
import nl.consilium.rag.KnowledgeBase;
import nl.consilium.rag.KnowledgeBaseSettings;
import nl.consilium.rag.KnowledgeEmbeddingModel;
import nl.consilium.rag.KnowledgeSchema;
import nl.consilium.rag.Language;
import nl.consilium.rag.store.ChunkHit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When common words are only looked up for the best candidates (a knowledge base past the postings
 * budget), those candidates must get exactly their full BM25 score and rank as full BM25 ranks them:
 * checked with a budget so small that every query takes that path, on a corpus small enough that
 * every candidate is rescored.
 */
class Bm25RescoringTest {

    private static HikariDataSource ds;
    private static String schema;

    @BeforeAll
    static void setUp() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getenv().getOrDefault("CONSILIUM_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres")
                .replaceAll("/[^/?]*(\\?.*)?$", "/consilium_test_rag"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(2);
        ds = new HikariDataSource(config);
        schema = "bm25_rescore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        // Only the lexical side is tested, but ingestion embeds: the real bundled model.
        KnowledgeSchema.migrate(ds, schema, 384);
        KnowledgeEmbeddingModel model = EmbeddingModels.bundled(1);
        try (KnowledgeBase kb = KnowledgeBase.postgres(ds, model, KnowledgeAuditListener.NONE,
                KnowledgeBaseSettings.defaults().withSchema(schema))) {
            String[] bodies = {
                    "Bij sepsis start je binnen het eerste uur breedspectrum antibiotica na het afnemen van bloedkweken.",
                    "Bij een patiënt met koorts en neutropenie start je direct antibiotica, ook zonder focus.",
                    "Vancomycine wordt gedoseerd op gewicht; de dalspiegel bepaal je voor de vierde gift.",
                    "Gentamicine eenmaal daags; spiegel na de eerste gift bij nierfunctiestoornis.",
                    "Antibiotica bij een urineweginfectie: nitrofurantoïne vijf dagen, bij koorts ciprofloxacine.",
                    "De patiënt met een delier krijgt eerst niet-medicamenteuze maatregelen; haloperidol alleen bij onrust.",
                    "Bloedkweken twee sets afnemen voor de eerste gift antibiotica bij verdenking sepsis.",
            };
            for (int i = 0; i < bodies.length; i++) {
                DocumentMetadata meta = new DocumentMetadata("src", "doc" + i, "Protocol " + i, "test", "1", Language.NL,
                        null, null, null);
                kb.ingest(new DocumentUpload(meta, DocumentFormat.TEXT, bodies[i].getBytes(StandardCharsets.UTF_8),
                        ApprovalState.APPROVED), "test");
            }
        }
        model.close();
    }

    @AfterAll
    static void tearDown() {
        KnowledgeSchema.drop(ds, schema);
        ds.close();
    }

    @Test
    void lookingUpCommonWordsForTheCandidatesRanksAsFullBm25() throws Exception {
        Bm25Postings full = new Bm25Postings(schema, Long.MAX_VALUE);
        Bm25Postings budgeted = new Bm25Postings(schema, 0);
        try (Connection c = ds.getConnection()) {
            for (String query : List.of("antibiotica bij sepsis en koorts", "eerste gift antibiotica bloedkweken",
                    "patiënt koorts antibiotica spiegel gift")) {
                List<Bm25Postings.Term> terms = full.terms(c, query, null);
                // Budget 0 scans only the two rarest words, so the common ones take the lookup path.
                assertThat(Bm25Postings.withinBudget(terms, 0).lookedUp()).as(query).isNotEmpty();
                // Candidates are the chunks with one of the scanned (rarest) words; among them the ranking is full BM25.
                java.util.Set<Long> candidates = new java.util.HashSet<>();
                full.search(c, Bm25Postings.withinBudget(terms, 0).scanned(), 1000, null)
                        .forEach(h -> candidates.add(h.chunkId()));
                List<ChunkHit> expected = full.search(c, terms, 1000, null).stream()
                        .filter(h -> candidates.contains(h.chunkId())).limit(5).toList();
                List<ChunkHit> actual = budgeted.search(c, terms, 5, null);
                assertThat(expected).as(query).isNotEmpty();
                assertThat(actual).as(query).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(actual.get(i).chunkId()).as(query + " rank " + i).isEqualTo(expected.get(i).chunkId());
                    assertThat(actual.get(i).score()).as(query + " rank " + i)
                            .isCloseTo(expected.get(i).score(), org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }
}
