package nl.consilium.cli;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSONL batch loop shared by detect-phi and classify-intent: {@code --in FILE [--out FILE]}, one output
 * line per input line, in order. A bad line (blank, longer than {@link #MAX_LINE_BYTES}, invalid UTF-8,
 * malformed JSON, no id, empty text) gets {@code {"id":...,"line":n,"error":"..."}} and the batch goes on.
 * Texts are never written to stderr: they may hold patient data.
 */
final class JsonlBatch {

    /** Longer lines are refused: no clinical note is half a megabyte, and this bounds memory per line. */
    static final int MAX_LINE_BYTES = 512 * 1024;

    static final int EX_USAGE = 64;
    static final int EX_NOINPUT = 66;
    static final int EX_IOERR = 74;

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Fills the result fields for one valid line; throws nothing the batch cannot survive. */
    interface LineHandler {
        void handle(String text, ObjectNode result);
    }

    private JsonlBatch() {
    }

    static int run(String command, String description, List<String> args, InputStream stdin, PrintStream stdout, PrintStream err,
                   LineHandler handler) {
        String in = null;
        String out = null;
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            switch (a) {
                case "--in" -> {
                    if (k + 1 >= args.size()) {
                        return usage(command, description, err, "--in needs a file");
                    }
                    in = args.get(++k);
                }
                case "--out" -> {
                    if (k + 1 >= args.size()) {
                        return usage(command, description, err, "--out needs a file");
                    }
                    out = args.get(++k);
                }
                case "--help", "-h" -> {
                    usage(command, description, stdout, null);
                    return 0;
                }
                default -> {
                    return usage(command, description, err, "unknown option '" + a + "'");
                }
            }
        }
        if (in == null) {
            return usage(command, description, err, "--in FILE is required (use - for standard input)");
        }
        InputStream source;
        try {
            source = in.equals("-") ? stdin : Files.newInputStream(Path.of(in));
        } catch (NoSuchFileException e) {
            err.println("consilium " + command + ": input file not found: " + in);
            return EX_NOINPUT;
        } catch (IOException e) {
            err.println("consilium " + command + ": cannot read " + in + ": " + e.getMessage());
            return EX_NOINPUT;
        }
        try (InputStream input = new BufferedInputStream(source, 1 << 16)) {
            OutputStream sink = out == null ? stdout : Files.newOutputStream(Path.of(out));
            Writer writer = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 1 << 16);
            long[] counts = process(input, writer, handler);
            writer.flush();
            if (out != null) {
                writer.close();
            }
            err.println("consilium " + command + ": " + counts[0] + " lines, " + counts[1] + " with errors");
            return 0;
        } catch (IOException e) {
            err.println("consilium " + command + ": I/O error: " + e.getMessage());
            return EX_IOERR;
        }
    }

    private static int usage(String command, String description, PrintStream to, String problem) {
        if (problem != null) {
            to.println("consilium " + command + ": " + problem);
        }
        to.println("usage: consilium " + command + " --in FILE.jsonl [--out FILE.jsonl]");
        to.println("  " + description);
        to.println("  input lines {\"id\":...,\"text\":...}; a bad line gets {\"id\":...,\"line\":n,\"error\":...} and the batch goes on");
        return problem == null ? 0 : EX_USAGE;
    }

    static long[] process(InputStream input, Writer writer, LineHandler handler) throws IOException {
        long lines = 0;
        long errors = 0;
        ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        boolean tooLong = false;
        boolean any = false;
        int b;
        while (true) {
            b = input.read();
            if (b == -1 || b == '\n') {
                if (b == -1 && !any) {
                    break; // no partial last line
                }
                lines++;
                ObjectNode result = line(lines, buf, tooLong, utf8, handler);
                if (result.has("error")) {
                    errors++;
                }
                writer.write(JSON.writeValueAsString(result));
                writer.write('\n');
                buf.reset();
                tooLong = false;
                any = false;
                if (b == -1) {
                    break;
                }
                continue;
            }
            any = true;
            if (!tooLong) {
                if (buf.size() >= MAX_LINE_BYTES) {
                    tooLong = true;
                } else {
                    buf.write(b);
                }
            }
        }
        return new long[] {lines, errors};
    }

    private static ObjectNode line(long number, ByteArrayOutputStream buf, boolean tooLong, CharsetDecoder utf8, LineHandler handler) {
        ObjectNode result = JSON.createObjectNode();
        byte[] bytes = buf.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        if (tooLong) {
            return error(result, number, idFromPrefix(bytes), "line longer than " + MAX_LINE_BYTES + " bytes");
        }
        String raw;
        try {
            raw = utf8.reset().decode(ByteBuffer.wrap(bytes, 0, len)).toString();
        } catch (CharacterCodingException e) {
            return error(result, number, idFromPrefix(bytes), "invalid UTF-8");
        }
        if (raw.isBlank()) {
            return error(result, number, null, "blank line");
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JacksonException e) {
            return error(result, number, null, "malformed JSON");
        }
        if (node == null || !node.isObject()) {
            return error(result, number, null, "not a JSON object");
        }
        JsonNode id = node.get("id");
        if (id == null || id.isNull() || id.isContainer()) {
            return error(result, number, null, "missing id");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isString()) {
            return error(result, number, id, "missing text");
        }
        if (text.asString().isBlank()) {
            return error(result, number, id, "empty text");
        }
        result.set("id", id);
        try {
            handler.handle(text.asString(), result);
        } catch (RuntimeException e) {
            ObjectNode failed = JSON.createObjectNode();
            return error(failed, number, id, "internal error: " + e.getClass().getSimpleName());
        }
        return result;
    }

    private static ObjectNode error(ObjectNode result, long line, JsonNode id, String message) {
        result.removeAll();
        if (id == null) {
            result.putNull("id");
        } else {
            result.set("id", id);
        }
        result.put("line", line);
        result.put("error", message);
        return result;
    }

    /** Best effort: the id of a line that cannot be read whole, from its first bytes ({"id":"n17",...). */
    private static JsonNode idFromPrefix(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.UTF_8);
        int p = head.indexOf("\"id\"");
        if (p < 0) {
            return null;
        }
        int colon = head.indexOf(':', p + 4);
        if (colon < 0) {
            return null;
        }
        int s = colon + 1;
        while (s < head.length() && Character.isWhitespace(head.charAt(s))) {
            s++;
        }
        int e = s;
        if (e < head.length() && head.charAt(e) == '"') {
            e = head.indexOf('"', s + 1);
            if (e < 0) {
                return null;
            }
            e++;
        } else {
            while (e < head.length() && (Character.isDigit(head.charAt(e)) || head.charAt(e) == '-')) {
                e++;
            }
        }
        try {
            JsonNode id = JSON.readTree(head.substring(s, e));
            return id != null && id.isValueNode() && !head.substring(s, e).contains("\uFFFD") ? id : null;
        } catch (JacksonException | IndexOutOfBoundsException ex) {
            return null;
        }
    }

    /** Offsets in Unicode code points, so that Python's text[start:end] and Java agree even with emoji. */
    static int[] codePointOffsets(String text, int start, int end) {
        if (!hasSurrogates(text)) {
            return new int[] {start, end};
        }
        int s = text.codePointCount(0, start);
        return new int[] {s, s + text.codePointCount(start, end)};
    }

    static boolean hasSurrogates(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (Character.isSurrogate(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }
}
