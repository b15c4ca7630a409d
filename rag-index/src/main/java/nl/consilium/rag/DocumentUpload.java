package nl.consilium.rag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One document handed to the knowledge base.
 *
 * @param requestedState {@link ApprovalState#DRAFT} for the normal review flow; {@link ApprovalState#APPROVED}
 *                       when IT uploads and approves in one step. Null on a re-upload keeps the current state.
 */
public record DocumentUpload(DocumentMetadata metadata, DocumentFormat format, byte[] content, ApprovalState requestedState) {

    /** Default size limit: larger files are refused before they are read. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

    public DocumentUpload {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(content, "content");
        if (requestedState == ApprovalState.RETIRED) {
            throw new IngestionException(IngestionException.Reason.INVALID_METADATA, "a document cannot be uploaded as retired");
        }
    }

    /** Reads a file, refusing it by size before reading it into memory. */
    public static DocumentUpload fromFile(Path file, DocumentMetadata metadata, ApprovalState requestedState, long maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(file.getFileName().toString(), size, maxBytes);
            }
            return new DocumentUpload(metadata, DocumentFormat.fromFileName(file.getFileName().toString()),
                    Files.readAllBytes(file), requestedState);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads at most {@code maxBytes} from a stream (an upload); a longer stream is refused without buffering it all. */
    public static DocumentUpload fromStream(InputStream in, DocumentMetadata metadata, DocumentFormat format,
                                            ApprovalState requestedState, long maxBytes) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(metadata.externalKey(), -1, maxBytes);
            }
            return new DocumentUpload(metadata, format, bytes, requestedState);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + metadata.externalKey(), e);
        }
    }

    private static IngestionException tooLarge(String name, long size, long maxBytes) {
        return new IngestionException(IngestionException.Reason.TOO_LARGE,
                name + " is too large" + (size >= 0 ? " (" + size + " bytes)" : "") + ": the limit is " + maxBytes + " bytes");
    }
}
