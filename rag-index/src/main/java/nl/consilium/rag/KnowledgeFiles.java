package nl.consilium.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.consilium.rag.ingest.FrontMatter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Knowledge files that describe themselves: Markdown and text with front matter, HTML with
 * {@code <meta name="consilium:KEY">}. Keys: title, id, source, owner, version, language,
 * review_date, licence, url. Used by the demo loader and by IT for a directory of protocols.
 */
public final class KnowledgeFiles {

    private KnowledgeFiles() {
    }

    /**
     * The upload for a self-describing file, or empty when the file has no metadata block (a README).
     * Missing required keys are an {@link IngestionException} with reason INVALID_METADATA.
     */
    public static Optional<DocumentUpload> upload(Path file, ApprovalState requestedState, long maxBytes) {
        DocumentFormat format = DocumentFormat.fromFileName(file.getFileName().toString());
        byte[] bytes;
        try {
            if (Files.size(file) > maxBytes) {
                throw new IngestionException(IngestionException.Reason.TOO_LARGE,
                        file.getFileName() + " is larger than the limit of " + maxBytes + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> meta = metadata(format, bytes);
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(build(file.getFileName().toString(), format, bytes, meta, requestedState));
    }

    /**
     * A file received over the management API: metadata given with the upload (same keys as the
     * front matter; blank values ignored) wins over what the file says about itself.
     */
    public static DocumentUpload upload(String fileName, byte[] bytes, Map<String, String> given, ApprovalState requestedState) {
        DocumentFormat format = DocumentFormat.fromFileName(fileName);
        Map<String, String> meta = metadata(format, bytes);
        given.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                meta.put(key, value.strip());
            }
        });
        return build(fileName, format, bytes, meta, requestedState);
    }

    private static DocumentUpload build(String name, DocumentFormat format, byte[] bytes, Map<String, String> meta,
                                        ApprovalState requestedState) {
        String id = meta.getOrDefault("id", name.replaceFirst("\\.[^.]+$", ""));
        LocalDate review = null;
        if (meta.containsKey("review_date")) {
            try {
                review = LocalDate.parse(meta.get("review_date"));
            } catch (DateTimeParseException e) {
                throw new IngestionException(IngestionException.Reason.INVALID_METADATA, name + ": review_date is not YYYY-MM-DD");
            }
        }
        String language = meta.get("language");
        if (language == null) {
            throw new IngestionException(IngestionException.Reason.INVALID_METADATA, name + ": language is required (nl or en)");
        }
        DocumentMetadata metadata;
        try {
            metadata = new DocumentMetadata(meta.get("source"), id, meta.get("title"), meta.get("owner"), meta.get("version"),
                    Language.fromCode(language), review, meta.get("licence"), meta.get("url"));
        } catch (IllegalArgumentException e) {
            throw new IngestionException(IngestionException.Reason.INVALID_METADATA, name + ": " + e.getMessage(), e);
        }
        return new DocumentUpload(metadata, format, bytes, requestedState);
    }

    /** All self-describing files of a directory (not recursive), in name order; others are skipped. */
    public static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(md|markdown|html?|txt|text|pdf)$"))
                    .sorted()
                    .forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Map<String, String> metadata(DocumentFormat format, byte[] bytes) {
        Map<String, String> meta = new LinkedHashMap<>();
        switch (format) {
            case MARKDOWN, TEXT -> FrontMatter.split(new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n"), meta);
            case HTML -> {
                for (Element e : Jsoup.parse(new String(bytes, StandardCharsets.UTF_8)).select("meta[name^=consilium:]")) {
                    meta.put(e.attr("name").substring("consilium:".length()).toLowerCase(Locale.ROOT), e.attr("content").strip());
                }
            }
            case PDF -> {
                // PDFs carry no Consilium metadata; IT supplies it with the upload.
            }
        }
        return meta;
    }
}
