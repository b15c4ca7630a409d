package nl.consilium.rag;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import nl.consilium.rag.eval.BeirDataset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End-to-end ingestion with the bundled model: Markdown generated on the fly (streamed, never held
 * as a corpus) → parse → chunk → embed → PostgreSQL. Prints chunks/s and heap after GC at each
 * tenth of the run, to show memory stays flat.
 * <pre>mvn -B -o -pl rag-index test -Pbenchmark -Dtest=IngestionBenchmark -Dbench.chunks=5000</pre>
 */
@Tag("benchmark")
class IngestionBenchmark {

    @Test
    void chunksPerSecondAndFlatMemory() throws Exception {
        int target = Integer.getInteger("bench.chunks", 3000);
        int wordsPerSection = Integer.getInteger("bench.words", 50);
        DataSource ds = TestDatabase.dataSource();
        String schema = TestDatabase.freshSchema("bench_ingest");
        KnowledgeSchema.migrate(ds, schema, 384);
        List<String> words = new ArrayList<>();
        try (BeirDataset.CorpusReader corpus = new BeirDataset(Path.of("src/test/resources/beir/consilium-demo")).corpus()) {
            corpus.forEachRemaining(d -> words.addAll(Arrays.asList(d.text().split("\\s+"))));
        }
        Random random = new Random(7);
        int sectionsPerDoc = 10;
        int docs = target / sectionsPerDoc;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<String> heapSamples = new ArrayList<>();
        Iterator<DocumentUpload> generator = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < docs;
            }

            @Override
            public DocumentUpload next() {
                if (next % Math.max(1, docs / 10) == 0) {
                    System.gc();
                    heapSamples.add((memory.getHeapMemoryUsage().getUsed() >> 20) + " MB@" + next * sectionsPerDoc);
                }
                StringBuilder md = new StringBuilder("# Protocol ").append(next).append("\n\n");
                for (int s = 0; s < sectionsPerDoc; s++) {
                    md.append("## Sectie ").append(s).append("\n\n");
                    int start = random.nextInt(words.size() - wordsPerSection);
                    md.append(String.join(" ", words.subList(start, start + wordsPerSection))).append("\n\n");
                }
                next++;
                return new DocumentUpload(new DocumentMetadata("bench", "doc" + next, null, "bench", "1", Language.NL, null, null, null),
                        DocumentFormat.MARKDOWN, md.toString().getBytes(StandardCharsets.UTF_8), ApprovalState.APPROVED);
            }
        };
        try (KnowledgeBase kb = KnowledgeBase.postgres(ds, SharedModel.bundled(), KnowledgeAuditListener.NONE,
                KnowledgeBaseSettings.defaults().withSchema(schema))) {
            BulkIngestReport report = kb.ingestAll(generator, "bench");
            System.out.printf("BENCH ingestion chunks=%d docs=%d words/section=%d seconds=%.1f chunks/s=%.1f heap=%s maxHeap=%d MB load=%s%n",
                    report.chunks(), report.added(), wordsPerSection, report.seconds(), report.chunks() / report.seconds(), heapSamples,
                    Runtime.getRuntime().maxMemory() >> 20, Files.readString(Path.of("/proc/loadavg")).strip());
            org.assertj.core.api.Assertions.assertThat(report.chunks()).isGreaterThanOrEqualTo(target - sectionsPerDoc);
        } finally {
            KnowledgeSchema.drop(ds, schema);
        }
    }
}
