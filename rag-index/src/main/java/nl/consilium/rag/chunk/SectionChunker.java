package nl.consilium.rag.chunk;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.consilium.rag.ingest.Block;
import nl.consilium.rag.ingest.ParsedDocument;

/**
 * Section-aware chunking: a chunk never crosses a heading, carries its heading path, and never
 * splits a table row (a row longer than the budget becomes a chunk of its own). Paragraphs longer
 * than the budget are split at sentence boundaries.
 * <p>
 * The budget is small on purpose: the bundled model's cost grows with tokens per passage, and
 * short passages are also what a clinician wants to see quoted as a source.
 */
public final class SectionChunker {

    private final int maxWords;

    public SectionChunker(int maxWords) {
        if (maxWords < 10) {
            throw new IllegalArgumentException("maxWords must be at least 10");
        }
        this.maxWords = maxWords;
    }

    public List<Chunk> chunk(ParsedDocument document, String title) {
        List<Chunk> out = new ArrayList<>();
        List<Block.Heading> stack = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int[] words = {0};
        int[] page = {0};
        for (Block block : document.blocks()) {
            if (block instanceof Block.Heading heading) {
                flush(out, path(title, stack), current, words, page[0]);
                while (!stack.isEmpty() && stack.getLast().level() >= heading.level()) {
                    stack.removeLast();
                }
                stack.add(heading);
                continue;
            }
            int blockPage = block instanceof Block.Paragraph p ? p.page() : page[0];
            if (blockPage != page[0]) {
                flush(out, path(title, stack), current, words, page[0]);
                page[0] = blockPage;
            }
            List<String> pieces = block instanceof Block.TableRow ? List.of(block.text()) : split(block.text());
            for (String piece : pieces) {
                int n = countWords(piece);
                if (words[0] > 0 && words[0] + n > maxWords) {
                    flush(out, path(title, stack), current, words, page[0]);
                }
                current.add(piece);
                words[0] += n;
            }
        }
        flush(out, path(title, stack), current, words, page[0]);
        return out;
    }

    private static List<String> path(String title, List<Block.Heading> stack) {
        List<String> path = new ArrayList<>();
        if (title != null && !title.isBlank()) {
            path.add(title);
        }
        for (int i = 0; i < stack.size(); i++) {
            String heading = stack.get(i).text();
            // The H1 usually repeats the title.
            if (i == 0 && title != null && heading.equalsIgnoreCase(title.strip())) {
                continue;
            }
            path.add(heading);
        }
        return path;
    }

    private static void flush(List<Chunk> out, List<String> path, List<String> current, int[] words, int page) {
        if (!current.isEmpty()) {
            out.add(new Chunk(out.size(), path, String.join("\n", current), page));
            current.clear();
            words[0] = 0;
        }
    }

    /** Splits text longer than the budget into sentence-aligned pieces; hard-splits a run-on sentence. */
    private List<String> split(String text) {
        if (countWords(text) <= maxWords) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        StringBuilder piece = new StringBuilder();
        int pieceWords = 0;
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            String sentence = text.substring(start, end).strip();
            int n = countWords(sentence);
            if (n > maxWords) {
                if (!piece.isEmpty()) {
                    pieces.add(piece.toString().strip());
                    piece.setLength(0);
                    pieceWords = 0;
                }
                String[] w = sentence.split("\\s+");
                for (int i = 0; i < w.length; i += maxWords) {
                    pieces.add(String.join(" ", java.util.Arrays.copyOfRange(w, i, Math.min(w.length, i + maxWords))));
                }
                continue;
            }
            if (pieceWords + n > maxWords && !piece.isEmpty()) {
                pieces.add(piece.toString().strip());
                piece.setLength(0);
                pieceWords = 0;
            }
            piece.append(sentence).append(' ');
            pieceWords += n;
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString().strip());
        }
        return pieces;
    }

    static int countWords(String s) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            boolean ws = Character.isWhitespace(s.charAt(i));
            if (!ws && !inWord) {
                n++;
            }
            inWord = !ws;
        }
        return n;
    }
}
