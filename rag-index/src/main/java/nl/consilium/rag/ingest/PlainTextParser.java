package nl.consilium.rag.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain text: optional front matter, paragraphs separated by blank lines, and a short line in
 * CAPITALS on its own as a section heading (the first one before any text is the document title).
 */
final class PlainTextParser {

    private PlainTextParser() {
    }

    static ParsedDocument parse(byte[] bytes, String name) {
        String text = TextDecoding.utf8(bytes, name).replace("\r\n", "\n");
        Map<String, String> frontMatter = new LinkedHashMap<>();
        text = FrontMatter.split(text, frontMatter);
        List<Block> blocks = new ArrayList<>();
        for (String para : text.split("\n\\s*\n")) {
            String clean = TextDecoding.normalizeSpace(para);
            if (clean.isEmpty()) {
                continue;
            }
            if (isCapitalHeading(para)) {
                blocks.add(new Block.Heading(blocks.isEmpty() ? 1 : 2, clean));
            } else {
                blocks.add(new Block.Paragraph(clean, 0));
            }
        }
        String title = frontMatter.get("title");
        if (title == null && !blocks.isEmpty() && blocks.getFirst() instanceof Block.Heading h) {
            title = h.text();
        }
        return new ParsedDocument(title, blocks, frontMatter);
    }

    private static boolean isCapitalHeading(String para) {
        String line = para.strip();
        if (line.contains("\n") || line.length() > 120) {
            return false;
        }
        boolean letters = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (Character.isLetter(ch)) {
                letters = true;
                if (Character.isLowerCase(ch)) {
                    return false;
                }
            }
        }
        return letters;
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
