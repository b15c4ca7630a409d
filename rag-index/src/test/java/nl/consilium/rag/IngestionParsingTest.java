package nl.consilium.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.consilium.rag.chunk.Chunk;
import nl.consilium.rag.chunk.SectionChunker;
import nl.consilium.rag.ingest.Block;
import nl.consilium.rag.ingest.DocumentParsers;
import nl.consilium.rag.ingest.ParsedDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class IngestionParsingTest {

    private static final long LIMIT = 1024 * 1024;

    static final String HTML = """
            <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Richtlijn X – Intranet</title>
            <meta name="consilium:title" content="Richtlijn X"></head><body>
            <header id="top"><div class="logo">Ziekenhuis Demo</div><nav><a href="/">Home</a> <a href="/zoek">Zoeken</a></nav></header>
            <div class="cookie-banner">Wij gebruiken cookies</div>
            <main>
              <div class="print-bar"><a href="#">Afdrukken</a></div>
              <article><header class="article-header"><h1>Richtlijn X</h1><p>Fictieve democontent.</p></header>
              <h2>Behandeling</h2><p>Start <strong>direct</strong> met behandeling.</p>
              <h3>Antibiotica</h3>
              <ul><li>Amoxicilline oraal<ul><li>bij allergie: doxycycline</li></ul></li></ul>
              <table><tr><th>Middel</th><th>Dosering</th></tr>
                     <tr><td>Amoxicilline</td><td>750 mg 3 dd</td></tr>
                     <tr><td>Doxycycline</td><td>200 mg oplaad, daarna 100 mg 1 dd</td></tr></table>
              </article>
              <aside><h3>Gerelateerd</h3><a href="/y">Richtlijn Y</a></aside>
            </main>
            <footer>© Ziekenhuis Demo <script>track()</script></footer></body></html>
            """;

    @Test
    void htmlKeepsContentHeadingsListsAndTableRowsAndDropsPageFurniture() {
        ParsedDocument doc = DocumentParsers.parse(DocumentFormat.HTML, HTML.getBytes(StandardCharsets.UTF_8), "x.html", LIMIT);
        String all = String.join("\n", doc.blocks().stream().map(Block::text).toList());
        assertThat(doc.title()).isEqualTo("Richtlijn X");
        assertThat(all).contains("Start direct met behandeling.", "Amoxicilline oraal", "bij allergie: doxycycline",
                "Middel: Amoxicilline | Dosering: 750 mg 3 dd", "Fictieve democontent.")
                .doesNotContain("Home", "cookies", "Afdrukken", "Gerelateerd", "©", "track()", "Ziekenhuis Demo");
        assertThat(doc.blocks()).filteredOn(b -> b instanceof Block.TableRow).hasSize(2);

        List<Chunk> chunks = new SectionChunker(80).chunk(doc, doc.title());
        Chunk antibiotica = chunks.stream().filter(c -> c.text().contains("750 mg")).findFirst().orElseThrow();
        assertThat(antibiotica.headingPathText()).isEqualTo("Richtlijn X > Behandeling > Antibiotica");
        assertThat(chunks.stream().filter(c -> c.text().contains("direct")).findFirst().orElseThrow().headingPathText())
                .isEqualTo("Richtlijn X > Behandeling");
    }

    @Test
    void markdownWithFrontMatterAndPipeTable() {
        String md = """
                ---
                title: "Sepsis: het eerste uur"
                owner: Vakgroep IC
                ---
                # Sepsis: het eerste uur

                ## Antibiotica

                Geef binnen een uur antibiotica.

                | Focus | Middel |
                |---|---|
                | Onbekend | cefuroxim + gentamicine |
                | Urine | ceftriaxon |
                """;
        ParsedDocument doc = DocumentParsers.parse(DocumentFormat.MARKDOWN, md.getBytes(StandardCharsets.UTF_8), "s.md", LIMIT);
        assertThat(doc.title()).isEqualTo("Sepsis: het eerste uur");
        assertThat(doc.properties()).containsEntry("owner", "Vakgroep IC");
        List<Chunk> chunks = new SectionChunker(80).chunk(doc, doc.title());
        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().headingPath()).containsExactly("Sepsis: het eerste uur", "Antibiotica");
        assertThat(chunks.getFirst().text()).contains("Focus: Onbekend | Middel: cefuroxim + gentamicine", "Focus: Urine | Middel: ceftriaxon")
                .doesNotContain("title:");
    }

    @Test
    void chunkerNeverSplitsATableRowAndRespectsTheBudget() {
        StringBuilder md = new StringBuilder("# Doseringen\n\n| Middel | Dosering en opmerkingen |\n|---|---|\n");
        for (int i = 0; i < 30; i++) {
            md.append("| middel").append(i).append(" | ").append("woord ".repeat(8)).append("einde").append(i).append(" |\n");
        }
        ParsedDocument doc = DocumentParsers.parse(DocumentFormat.MARKDOWN, md.toString().getBytes(StandardCharsets.UTF_8), "d.md", LIMIT);
        List<Chunk> chunks = new SectionChunker(40).chunk(doc, "Doseringen");
        assertThat(chunks).hasSizeGreaterThan(5);
        for (int i = 0; i < 30; i++) {
            String row = "Middel: middel" + i + " | Dosering en opmerkingen: " + "woord ".repeat(8) + "einde" + i;
            assertThat(chunks).filteredOn(c -> c.text().contains(row)).as("row %d whole in exactly one chunk", i).hasSize(1);
        }
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().split("\\s+").length).isLessThanOrEqualTo(40));
    }

    @Test
    void longParagraphsSplitAtSentencesAndCapitalLinesInTextAreHeadings() {
        String text = "---\ntitle: Hyponatriëmie\n---\n\nHYPONATRIËMIE\n\nInleiding.\n\nBEHANDELING\n\n"
                + "Dit is zin een met wat woorden erin. ".repeat(20);
        ParsedDocument doc = DocumentParsers.parse(DocumentFormat.TEXT, text.getBytes(StandardCharsets.UTF_8), "h.txt", LIMIT);
        List<Chunk> chunks = new SectionChunker(30).chunk(doc, doc.title());
        assertThat(chunks.getFirst().headingPath()).containsExactly("Hyponatriëmie");
        assertThat(chunks.subList(1, chunks.size())).hasSizeGreaterThan(3)
                .allSatisfy(c -> {
                    assertThat(c.headingPath()).containsExactly("Hyponatriëmie", "BEHANDELING");
                    assertThat(c.text()).endsWith("erin.");
                });
    }

    @Test
    void pdfTextIsReadPerPage() throws Exception {
        byte[] pdf = pdf("Eerste pagina over heparine.", "Tweede pagina over trombose.");
        ParsedDocument doc = DocumentParsers.parse(DocumentFormat.PDF, pdf, "p.pdf", LIMIT);
        assertThat(doc.blocks()).extracting(Block::text).contains("Eerste pagina over heparine.", "Tweede pagina over trombose.");
        List<Chunk> chunks = new SectionChunker(80).chunk(doc, "P");
        assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2);
    }

    @Test
    void badFilesGetATypedError() {
        assertThatThrownBy(() -> DocumentParsers.parse(DocumentFormat.PDF, "%PDF-1.7 garbage".getBytes(StandardCharsets.US_ASCII), "c.pdf", LIMIT))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.CORRUPT));
        assertThatThrownBy(() -> DocumentParsers.parse(DocumentFormat.TEXT, new byte[0], "e.txt", LIMIT))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.EMPTY));
        assertThatThrownBy(() -> DocumentParsers.parse(DocumentFormat.MARKDOWN, "  \n\n ".getBytes(StandardCharsets.UTF_8), "w.md", LIMIT))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.EMPTY));
        byte[] latin1 = "Behandeling van patiënten".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> DocumentParsers.parse(DocumentFormat.TEXT, latin1, "l.txt", LIMIT))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.INVALID_ENCODING));
        assertThatThrownBy(() -> DocumentParsers.parse(DocumentFormat.TEXT, new byte[2048], "big.txt", 1024))
                .isInstanceOfSatisfying(IngestionException.class, e -> assertThat(e.reason()).isEqualTo(IngestionException.Reason.TOO_LARGE));
        // A legacy page that declares its charset is read with it.
        byte[] legacy = "<html><head><meta charset=\"windows-1252\"></head><body><p>Patiënt</p></body></html>".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertThat(DocumentParsers.parse(DocumentFormat.HTML, legacy, "l.html", LIMIT).blocks().getFirst().text()).isEqualTo("Patiënt");
    }

    static byte[] pdf(String... pages) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(text);
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
