package nl.consilium.rag.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import nl.consilium.rag.IngestionException;

/** Strict decoding: a wrongly encoded file is refused, never indexed as mojibake. */
public final class TextDecoding {

    private TextDecoding() {
    }

    public static String decode(byte[] bytes, Charset charset, String name) {
        int offset = 0;
        if (charset.equals(StandardCharsets.UTF_8) && bytes.length >= 3
                && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            offset = 3;
        }
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
            if (text.indexOf('\u0000') >= 0) {
                throw new IngestionException(IngestionException.Reason.INVALID_ENCODING,
                        name + " contains NUL characters: it is not a text file");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new IngestionException(IngestionException.Reason.INVALID_ENCODING,
                    name + " is not valid " + charset.name() + " text; save it as UTF-8 and upload again", e);
        }
    }

    public static String utf8(byte[] bytes, String name) {
        return decode(bytes, StandardCharsets.UTF_8, name);
    }

    /** Collapses runs of whitespace, as rendered text would show them. */
    public static String normalizeSpace(String s) {
        return s.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }
}
