package nl.consilium.rag.ingest;

import java.util.ArrayList;
import java.util.List;

/** Renders a table row with its column names, so a dose row reads correctly when cited alone. */
final class TableRows {

    private TableRows() {
    }

    static String render(List<String> header, List<String> cells) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.isBlank()) {
                continue;
            }
            String column = header != null && i < header.size() ? header.get(i) : "";
            parts.add(column.isBlank() ? cell : column + ": " + cell);
        }
        return String.join(" | ", parts);
    }
}
