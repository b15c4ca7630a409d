package nl.consilium.rag.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.consilium.rag.IngestionException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** PDF via PDFBox 3: text per page, so citations can point at the page. */
final class PdfParser {

    private PdfParser() {
    }

    static ParsedDocument parse(byte[] bytes, String name) {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphStart("\n");
            List<Block> blocks = new ArrayList<>();
            int pages = pdf.getNumberOfPages();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                PlainTextParser.paragraphs(stripper.getText(pdf), page, blocks);
            }
            PDDocumentInformation info = pdf.getDocumentInformation();
            Map<String, String> properties = new LinkedHashMap<>();
            String title = info == null ? null : info.getTitle();
            if (title != null && !title.isBlank()) {
                properties.put("title", title.strip());
            }
            return new ParsedDocument(title == null || title.isBlank() ? null : title.strip(), blocks, properties);
        } catch (InvalidPasswordException e) {
            throw new IngestionException(IngestionException.Reason.CORRUPT, name + " is password-protected; upload an unprotected copy", e);
        } catch (IOException | RuntimeException e) {
            throw new IngestionException(IngestionException.Reason.CORRUPT, name + " is not a readable PDF: " + e.getMessage(), e);
        }
    }
}
