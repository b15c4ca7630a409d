package nl.consilium.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

/**
 * The knowledge base's behaviour, the same for every engine (DESIGN: "The OpenSearch engine must pass
 * the same retrieval tests as the PostgreSQL one"). Each engine's subclass says how to open a fresh,
 * empty store and how to look at its raw chunks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KnowledgeBaseContract {

    protected KnowledgeBase kb;
    protected final List<KnowledgeEvent> events = new CopyOnWriteArrayList<>();

    /** A knowledge base in a fresh, empty schema or index prefix, removed again by {@link #dropAll()}. */
    protected abstract KnowledgeBase openFresh(KnowledgeEmbeddingModel model, KnowledgeAuditListener audit) throws Exception;

    /** The store of {@link #kb} opened again, with another embedding model. */
    protected abstract KnowledgeBase reopenMain(KnowledgeEmbeddingModel model) throws Exception;

    /** Ids of all chunks stored for the document (whatever their visibility), in order. */
    protected abstract String chunkIds(UUID documentId) throws Exception;

    /** All chunks stored in the main store (whatever their visibility). */
    protected abstract long chunkCount() throws Exception;

    protected abstract void dropAll() throws Exception;

    @BeforeAll
    void setUp() throws Exception {
        kb = openFresh(SharedModel.bundled(), events::add);
    }

    @AfterAll
    void tearDown() throws Exception {
        kb.close();
        dropAll();
    }

    static DocumentMetadata meta(String source, String key, String version, Language language) {
        return new DocumentMetadata(source, key, null, "Vakgroep Test", version, language, LocalDate.of(2027, 1, 1),
                "CC BY 4.0 — fictief", "https://intranet.test/" + key);
    }

    static DocumentUpload md(String source, String key, String version, String text, ApprovalState state) {
        return new DocumentUpload(meta(source, key, version, Language.NL), DocumentFormat.MARKDOWN, text.getBytes(StandardCharsets.UTF_8), state);
    }

    static final String CAP = """
            # Pneumonie buiten het ziekenhuis

            ## Behandeling

            ### Antibiotica

            Bij een lichte pneumonie geef je amoxicilline 750 mg driemaal daags gedurende vijf dagen.

            | Ernst | Middel |
            |---|---|
            | Matig | penicilline intraveneus |
            """;

    static final String HYPO = """
            # Hypoglykemie

            ## Behandeling

            Geef bij een bewuste patiënt twintig gram snelle koolhydraten, bijvoorbeeld druivensuiker.
            """;

    @Test
    void readersSeeTheOldOrTheNewVersionDuringReplacesNeverBothOrNeither() throws Exception {
        String template = "# Tromboseprofylaxe\n\n## Dosering\n\nVersie %d: geef enoxaparine %d mg eenmaal daags subcutaan.\n\n"
                + "## Duur\n\nVersie %d: ga door tot volledige mobilisatie van de patiënt.\n";
        IngestOutcome first = kb.ingest(md("atomair", "tp.md", "1", template.formatted(1, 40, 1), ApprovalState.APPROVED), "it");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> violations = new CopyOnWriteArrayList<>();
        int[] reads = new int[1];
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                // Each mode in turn: hybrid fuses two searches, which must not mix two versions either.
                SearchMode mode = SearchMode.values()[reads[0] % SearchMode.values().length];
                List<RetrievedPassage> hits = kb.search(new SearchRequest("enoxaparine mobilisatie versie", 10, mode,
                        Set.of("atomair"), null));
                Set<String> versions = new java.util.HashSet<>();
                hits.forEach(h -> versions.add(h.version()));
                if (hits.size() != 2 || versions.size() != 1) {
                    violations.add(mode + ": " + hits.size() + " passages of versions " + versions);
                }
                reads[0]++;
            }
        });
        try {
            for (int v = 2; v <= 6; v++) {
                IngestOutcome o = kb.ingest(md("atomair", "tp.md", Integer.toString(v), template.formatted(v, 40 + v, v), null), "it");
                assertThat(o).isInstanceOf(IngestOutcome.Replaced.class);
            }
        } finally {
            writing.set(false);
            reader.join();
        }
        assertThat(reads[0]).isPositive();
        assertThat(violations).isEmpty();
        assertThat(kb.search(new SearchRequest("enoxaparine", 10, SearchMode.HYBRID, Set.of("atomair"), null)))
                .isNotEmpty().allMatch(p -> p.version().equals("6"));
        assertThat(chunkIds(first.documentId()).split(",")).hasSize(2);
    }

    @Test
    void aRetiredDocumentUploadedAgainComesBackAsADraftForANewReview() {
        String text = "# Valpreventie\n\n## Beleid\n\nBij valrisico meet je orthostatische hypotensie en saneer je sederende medicatie.\n";
        IngestOutcome first = kb.ingest(md("terugkeer", "val.md", "1", text, ApprovalState.APPROVED), "it");
        kb.retire(first.documentId(), "eigenaar");
        SearchRequest query = new SearchRequest("orthostatische hypotensie valrisico", 5, SearchMode.LEXICAL, Set.of("terugkeer"), null);
        assertThat(kb.search(query)).isEmpty();
        assertThatThrownBy(() -> kb.approve(first.documentId(), "eigenaar")).isInstanceOf(IllegalStateException.class);

        // The same file again is not "unchanged": it brings the document back, as a draft, still invisible.
        IngestOutcome again = kb.ingest(md("terugkeer", "val.md", "1", text, null), "it");
        assertThat(again).isInstanceOf(IngestOutcome.Replaced.class);
        assertThat(((IngestOutcome.Replaced) again).state()).isEqualTo(ApprovalState.DRAFT);
        assertThat(again.documentId()).isEqualTo(first.documentId());
        assertThat(kb.search(query)).isEmpty();
        kb.approve(again.documentId(), "eigenaar");
        assertThat(kb.search(query)).extracting(RetrievedPassage::externalKey).containsOnly("val.md");
        // A second identical upload of the approved document is a no-op again.
        assertThat(kb.ingest(md("terugkeer", "val.md", "1", text, null), "it")).isInstanceOf(IngestOutcome.Unchanged.class);
    }

    @Test
    void draftIsInvisibleApprovedIsFoundWithCitationRetiredIsGoneAtOnce() {
        IngestOutcome outcome = kb.ingest(md("richtlijnen", "cap.md", "1.0", CAP, null), "it-beheer");
        assertThat(outcome).isInstanceOf(IngestOutcome.Added.class);
        assertThat(((IngestOutcome.Added) outcome).state()).isEqualTo(ApprovalState.DRAFT);
        kb.ingest(md("richtlijnen", "hypo.md", "2.0", HYPO, ApprovalState.APPROVED), "it-beheer");

        String question = "welke dosering amoxicilline bij pneumonie";
        assertThat(kb.search(SearchRequest.hybrid(question, 5, null))).noneMatch(p -> p.externalKey().equals("cap.md"));

        kb.approve(outcome.documentId(), "apotheker");
        for (SearchMode mode : SearchMode.values()) {
            List<RetrievedPassage> hits = kb.search(new SearchRequest(question, 5, mode, null, null));
            assertThat(hits).as(mode.name()).isNotEmpty();
            RetrievedPassage top = hits.getFirst();
            assertThat(top.externalKey()).as(mode.name()).isEqualTo("cap.md");
            assertThat(top.title()).isEqualTo("Pneumonie buiten het ziekenhuis");
            assertThat(top.headingPath()).isEqualTo("Pneumonie buiten het ziekenhuis > Behandeling > Antibiotica");
            assertThat(top.version()).isEqualTo("1.0");
            assertThat(top.location()).isEqualTo("https://intranet.test/cap.md");
            assertThat(top.text()).contains("amoxicilline 750 mg driemaal daags", "Ernst: Matig | Middel: penicilline intraveneus");
            assertThat(top.score()).isPositive();
        }

        kb.retire(outcome.documentId(), "apotheker");
        assertThat(kb.search(SearchRequest.hybrid(question, 10, null))).noneMatch(p -> p.externalKey().equals("cap.md"));
        assertThat(kb.find(outcome.documentId()).orElseThrow().state()).isEqualTo(ApprovalState.RETIRED);
        assertThat(events).anyMatch(e -> e instanceof KnowledgeEvent.DocumentStateChanged s
                && s.to() == ApprovalState.RETIRED && s.actor().equals("apotheker"));
        assertThatThrownBy(() -> kb.approve(outcome.documentId(), "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reIngestUnchangedIsANoOpAndChangedReplacesChunksAtomically() throws Exception {
        String v1 = "# Heparine\n\n## Dosering\n\nGeef nadroparine eenmaal daags subcutaan.\n";
        String v2 = "# Heparine\n\n## Dosering\n\nGeef dalteparine tweemaal daags subcutaan.\n\n## Controle\n\nControleer trombocyten.\n";
        IngestOutcome first = kb.ingest(md("protocollen", "heparine.md", "1", v1, ApprovalState.APPROVED), "it");
        String chunkIdsBefore = chunkIds(first.documentId());
        IngestOutcome again = kb.ingest(md("protocollen", "heparine.md", "1", v1, ApprovalState.APPROVED), "it");
        assertThat(again).isEqualTo(new IngestOutcome.Unchanged(first.documentId()));
        assertThat(chunkIds(first.documentId())).isEqualTo(chunkIdsBefore);
        assertThat(events).anyMatch(e -> e instanceof KnowledgeEvent.DocumentUnchanged u && u.documentId().equals(first.documentId()));

        IngestOutcome changed = kb.ingest(md("protocollen", "heparine.md", "2", v2, null), "it");
        assertThat(changed).isInstanceOf(IngestOutcome.Replaced.class);
        assertThat(changed.documentId()).isEqualTo(first.documentId());
        assertThat(((IngestOutcome.Replaced) changed).state()).isEqualTo(ApprovalState.APPROVED); // state kept
        List<RetrievedPassage> hits = kb.search(new SearchRequest("nadroparine dalteparine", 10, SearchMode.LEXICAL, Set.of("protocollen"), null));
        assertThat(hits).extracting(RetrievedPassage::text).anyMatch(t -> t.contains("dalteparine")).noneMatch(t -> t.contains("nadroparine"));
        assertThat(hits).allMatch(p -> p.version().equals("2"));
        assertThat(kb.find(first.documentId()).orElseThrow().chunkCount()).isEqualTo(2);
        // The old version's chunks are gone from storage, not merely hidden.
        assertThat(chunkIds(first.documentId()).split(",")).hasSize(2).doesNotContain(chunkIdsBefore.split(","));
    }

    @Test
    void badFilesLeaveTheIndexUnchangedAndAreAudited() throws Exception {
        long before = chunkCount();
        assertThatThrownBy(() -> kb.ingest(new DocumentUpload(meta("protocollen", "kapot.pdf", "1", Language.NL), DocumentFormat.PDF,
                "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII), ApprovalState.APPROVED), "it"))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.CORRUPT));
        assertThatThrownBy(() -> kb.ingest(new DocumentUpload(meta("protocollen", "leeg.txt", "1", Language.NL), DocumentFormat.TEXT,
                new byte[0], ApprovalState.APPROVED), "it"))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.EMPTY));
        assertThatThrownBy(() -> DocumentUpload.fromStream(new java.io.ByteArrayInputStream(new byte[4096]),
                meta("protocollen", "groot.txt", "1", Language.NL), DocumentFormat.TEXT, null, 1024))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.TOO_LARGE));
        assertThat(chunkCount()).isEqualTo(before);
        assertThat(kb.list(DocumentFilter.all())).noneMatch(d -> d.externalKey().equals("kapot.pdf") || d.externalKey().equals("leeg.txt"));
        assertThat(events).anyMatch(e -> e instanceof KnowledgeEvent.DocumentRejected r && r.externalKey().equals("kapot.pdf")
                && r.reason() == IngestionException.Reason.CORRUPT);

        // A failing audit hook rolls the change back: nothing unaudited happens.
        try (KnowledgeBase failing = openFresh(SharedModel.bundled(), e -> {
            throw new IllegalStateException("audit log unavailable");
        })) {
            assertThatThrownBy(() -> failing.ingest(md("protocollen", "a.md", "1", HYPO, ApprovalState.APPROVED), "it"))
                    .hasMessageContaining("audit log unavailable");
            assertThat(failing.list(DocumentFilter.all())).isEmpty();
            assertThat(failing.search(SearchRequest.hybrid("snelle koolhydraten druivensuiker", 5, null))).isEmpty();
        }
    }

    @Test
    void filtersBySourceAndLanguageAndRetrieverCarriesCitationMetadata() {
        kb.ingest(new DocumentUpload(new DocumentMetadata("folders", "flu.md", "Influenza vaccination", "GGD", "1", Language.EN,
                null, null, "https://intranet.test/flu"), DocumentFormat.MARKDOWN,
                "# Influenza vaccination\n\nHealthcare workers receive the influenza vaccine every autumn.\n".getBytes(StandardCharsets.UTF_8),
                ApprovalState.APPROVED), "it");
        kb.ingest(md("richtlijnen", "griep.md", "1", "# Griepvaccinatie\n\nZorgmedewerkers krijgen elk najaar de griepvaccinatie.\n",
                ApprovalState.APPROVED), "it");
        assertThat(kb.search(new SearchRequest("influenza vaccine healthcare workers", 5, SearchMode.HYBRID, Set.of("folders"), null)))
                .isNotEmpty().allMatch(p -> p.sourceId().equals("folders"));
        assertThat(kb.search(new SearchRequest("influenza vaccine", 5, SearchMode.HYBRID, Set.of(), null))).isEmpty();
        assertThat(kb.search(new SearchRequest("vaccinatie vaccine", 10, SearchMode.HYBRID, null, Set.of(Language.NL))))
                .isNotEmpty().allMatch(p -> p.language() == Language.NL);
        // Dutch stemming on the lexical side: "griepvaccinaties" finds "griepvaccinatie", "medewerker" finds "zorgmedewerkers" not.
        assertThat(kb.search(new SearchRequest("griepvaccinaties najaar", 5, SearchMode.LEXICAL, null, null)))
                .extracting(RetrievedPassage::externalKey).contains("griep.md");

        List<Document> docs = kb.retriever(Set.of("folders"), 3).retrieve(new Query("who gets the flu vaccine"));
        assertThat(docs).isNotEmpty();
        Document top = docs.getFirst();
        assertThat(top.getText()).contains("influenza vaccine every autumn");
        assertThat(top.getMetadata()).containsEntry(RetrievedPassage.META_TITLE, "Influenza vaccination")
                .containsEntry(RetrievedPassage.META_LOCATION, "https://intranet.test/flu")
                .containsEntry(RetrievedPassage.META_VERSION, "1")
                .containsEntry(RetrievedPassage.META_SOURCE_ID, "folders")
                .containsKeys(RetrievedPassage.META_HEADING_PATH, RetrievedPassage.META_CHUNK_ID, RetrievedPassage.META_DOCUMENT_ID);
        assertThat(top.getScore()).isPositive();
    }

    @Test
    void anIndexRefusesASecondEmbeddingModel() {
        KnowledgeEmbeddingModel other = new KnowledgeEmbeddingModel() {
            @Override
            public String modelId() {
                return "some-other-model";
            }

            @Override
            public int dimensions() {
                return 384;
            }

            @Override
            public float[] embedQuery(String query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.springframework.ai.embedding.EmbeddingResponse call(org.springframework.ai.embedding.EmbeddingRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public float[] embed(Document document) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> reopenMain(other))
                .isInstanceOf(EmbeddingModelMismatchException.class).hasMessageContaining("bge-small-en-v1.5-q");
    }

    @Test
    void bulkIngestReportsRejectsAndLoadsTheRest() {
        List<DocumentUpload> uploads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            uploads.add(md("bulk", "doc" + i + ".md", "1", "# Document " + i + "\n\nInhoud nummer " + i + " over onderwerp " + i + ".\n", ApprovalState.APPROVED));
        }
        uploads.add(new DocumentUpload(meta("bulk", "bad.txt", "1", Language.NL), DocumentFormat.TEXT, new byte[] {(byte) 0xC3, 0x28}, ApprovalState.APPROVED));
        BulkIngestReport report = kb.ingestAll(uploads.iterator(), "it");
        assertThat(report.added()).isEqualTo(20);
        assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(IngestionException.Reason.INVALID_ENCODING));
        assertThat(kb.list(new DocumentFilter("bulk", ApprovalState.APPROVED))).hasSize(20);
        BulkIngestReport again = kb.ingestAll(uploads.subList(0, 20).iterator(), "it");
        assertThat(again.unchanged()).isEqualTo(20);
        assertThat(again.chunks()).isZero();
    }
}
