package nl.consilium.rag.ingest;

/** A structural piece of a parsed document, in reading order. */
public sealed interface Block {

    String text();

    /** Section heading; level 1 is the top. */
    record Heading(int level, String text) implements Block {
    }

    /** Running text; {@code page} is the 1-based PDF page, 0 when the format has no pages. */
    record Paragraph(String text, int page) implements Block {
    }

    record ListItem(String text) implements Block {
    }

    /** One table row rendered as "column: value | column: value", so it reads on its own. Never split. */
    record TableRow(String text) implements Block {
    }
}
