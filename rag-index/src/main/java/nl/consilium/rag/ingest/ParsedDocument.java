package nl.consilium.rag.ingest;

import java.util.List;
import java.util.Map;

/**
 * The readable structure of a document; {@code title} may be null when the content has none.
 * {@code properties} holds front-matter fields (Markdown) or document information (PDF).
 */
public record ParsedDocument(String title, List<Block> blocks, Map<String, String> properties) {

    public ParsedDocument {
        blocks = List.copyOf(blocks);
        properties = Map.copyOf(properties);
    }

    public ParsedDocument(String title, List<Block> blocks) {
        this(title, blocks, Map.of());
    }

    public boolean hasText() {
        return blocks.stream().anyMatch(b -> !b.text().isBlank());
    }
}
