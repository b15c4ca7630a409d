package nl.consilium.rag.ingest;

import java.util.ArrayList;
import java.util.List;

/** Plain text: paragraphs are separated by blank lines. */
final class PlainTextParser {

    private PlainTextParser() {
    }

    static ParsedDocument parse(byte[] bytes, String name) {
        return fromText(TextDecoding.utf8(bytes, name), 0, null);
    }

    static ParsedDocument fromText(String text, int page, String title) {
        List<Block> blocks = new ArrayList<>();
        paragraphs(text, page, blocks);
        return new ParsedDocument(title, blocks);
    }

    static void paragraphs(String text, int page, List<Block> out) {
        for (String para : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            String clean = TextDecoding.normalizeSpace(para);
            if (!clean.isEmpty()) {
                out.add(new Block.Paragraph(clean, page));
            }
        }
    }
}
