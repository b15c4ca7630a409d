package nl.consilium.rag.chunk;

import java.util.List;

/**
 * A retrievable passage with the section it sits in.
 *
 * @param headingPath document title first, then the headings down to this section
 * @param page        1-based PDF page, 0 when the format has no pages
 */
public record Chunk(int position, List<String> headingPath, String text, int page) {

    public Chunk {
        headingPath = List.copyOf(headingPath);
    }

    public String headingPathText() {
        return String.join(" > ", headingPath);
    }

    /** What the embedding model sees: the section path gives short passages their context. */
    public String embeddingText() {
        return headingPath.isEmpty() ? text : headingPathText() + "\n" + text;
    }
}
