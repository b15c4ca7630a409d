package nl.consilium.rag.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A BEIR-format directory: {@code corpus.jsonl} (streamed, never loaded whole), {@code queries.jsonl},
 * {@code qrels/test.tsv}.
 */
public final class BeirDataset {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record CorpusDocument(String id, String title, String text) {
    }

    private final Path dir;

    public BeirDataset(Path dir) {
        this.dir = dir;
        for (Path required : new Path[] {dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), dir.resolve("qrels").resolve("test.tsv")}) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalArgumentException("not a BEIR directory: " + required + " is missing");
            }
        }
    }

    /** Streams the corpus; close the returned iterator's reader by exhausting it or via {@link CorpusReader#close()}. */
    public CorpusReader corpus() {
        try {
            return new CorpusReader(Files.newBufferedReader(dir.resolve("corpus.jsonl"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> queries() {
        Map<String, String> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                out.put(n.path("_id").asString(), n.path("text").asString(""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** query id → (document id → graded relevance), header line skipped. */
    public Map<String, Map<String, Integer>> qrels() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("qrels").resolve("test.tsv"), StandardCharsets.UTF_8)) {
            String line;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t");
                if (first) {
                    first = false;
                    if (f.length >= 3 && !f[2].strip().matches("-?\\d+")) {
                        continue;
                    }
                }
                if (f.length < 3) {
                    continue;
                }
                out.computeIfAbsent(f[0].strip(), k -> new LinkedHashMap<>()).put(f[1].strip(), Integer.parseInt(f[2].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static final class CorpusReader implements Iterator<CorpusDocument>, AutoCloseable {
        private final BufferedReader reader;
        private CorpusDocument next;

        CorpusReader(BufferedReader reader) {
            this.reader = reader;
            advance();
        }

        private void advance() {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        JsonNode n = JSON.readTree(line);
                        next = new CorpusDocument(n.path("_id").asString(), n.path("title").asString(""), n.path("text").asString(""));
                        return;
                    }
                }
                next = null;
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public CorpusDocument next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            CorpusDocument d = next;
            advance();
            return d;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
