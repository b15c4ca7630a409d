package nl.consilium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** detect-phi and classify-intent as outside checks call them: files in, JSONL out, bad lines reported per line. */
class DetectionCommandsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private record Run(int exit, List<JsonNode> lines, String stdout, String stderr) {
    }

    private Run run(Command command, byte[] input, boolean toFile) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.write(in, input);
        Path out = dir.resolve("out.jsonl");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> args = toFile ? List.of("--in", in.toString(), "--out", out.toString()) : List.of("--in", in.toString());
        int exit = command.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String produced = toFile ? Files.readString(out) : stdout.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : produced.split("\n")) {
            if (!l.isEmpty()) {
                lines.add(JSON.readTree(l));
            }
        }
        return new Run(exit, lines, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void detectPhiWritesSpansWithCharacterOffsetsToStdout() throws Exception {
        String text = "Mevr. De Vries, 78-jarige vrouw, BSN 628194821, gezien op 12-03-2024. Bekend met M. Parkinson.";
        byte[] input = ("{\"id\":\"n1\",\"text\":" + JSON.writeValueAsString(text) + "}\n").getBytes(StandardCharsets.UTF_8);
        Run r = run(new DetectPhiCommand(), input, false);
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(1);
        JsonNode line = r.lines().getFirst();
        assertThat(line.get("id").asString()).isEqualTo("n1");
        List<String> found = new ArrayList<>();
        for (JsonNode s : line.get("spans")) {
            found.add(s.get("category").asString() + ":" + text.substring(s.get("start").asInt(), s.get("end").asInt()));
        }
        assertThat(found).containsExactly("PERSON:De Vries", "AGE:78", "BSN:628194821", "DATE:12-03-2024");
        assertThat(r.stderr()).doesNotContain("Vries");
    }

    @Test
    void badLinesGetAnErrorEachAndTheBatchGoesOn() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes("{\"id\":1,\"text\":\"Dhr. Jansen belde op 06-12345678.\"}\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"id\":2,\"text\":\"\"}\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"id\":3,\"text\":\"".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("x".repeat(1_100_000).getBytes(StandardCharsets.UTF_8));
        input.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"id\":4,\"text\":\"caf".getBytes(StandardCharsets.UTF_8));
        input.write(0xC3);
        input.write(0x28); // invalid UTF-8 sequence
        input.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"id\":5,\"text\": \"no closing brace\"\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"text\":\"zonder id\"}\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"id\":\"last\",\"text\":\"Mail k.jansen@example.nl\"}".getBytes(StandardCharsets.UTF_8)); // no final newline

        Run r = run(new DetectPhiCommand(), input.toByteArray(), true);
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(8);
        assertThat(r.lines().get(0).get("spans")).hasSize(2);
        assertError(r.lines().get(1), 2, "2", "empty text");
        assertError(r.lines().get(2), 3, "3", "line longer than");
        assertError(r.lines().get(3), 4, "4", "invalid UTF-8");
        assertError(r.lines().get(4), 5, null, "malformed JSON");
        assertError(r.lines().get(5), 6, null, "blank line");
        assertError(r.lines().get(6), 7, null, "missing id");
        assertThat(r.lines().get(7).get("id").asString()).isEqualTo("last");
        assertThat(r.lines().get(7).get("spans").get(0).get("category").asString()).isEqualTo("EMAIL");
        assertThat(r.stderr()).contains("8 lines, 6 with errors");
    }

    private static void assertError(JsonNode line, int number, String id, String message) {
        assertThat(line.get("line").asInt()).isEqualTo(number);
        assertThat(line.get("error").asString()).startsWith(message);
        if (id == null) {
            assertThat(line.get("id").isNull()).isTrue();
        } else {
            assertThat(line.get("id").asString()).isEqualTo(id);
        }
        assertThat(line.has("spans")).isFalse();
    }

    @Test
    void offsetsCountCodePointsWhenTheTextHasCharactersOutsideTheBmp() throws Exception {
        String text = "\uD83D\uDE00 Dhr. Jansen";
        byte[] input = ("{\"id\":\"e\",\"text\":" + JSON.writeValueAsString(text) + "}\n").getBytes(StandardCharsets.UTF_8);
        JsonNode span = run(new DetectPhiCommand(), input, false).lines().getFirst().get("spans").get(0);
        int[] cps = text.codePoints().toArray();
        assertThat(new String(cps, span.get("start").asInt(), span.get("end").asInt() - span.get("start").asInt())).isEqualTo("Jansen");
    }

    @Test
    void classifyIntentSaysCdsAndWhichRuleFired() throws Exception {
        String input = """
                {"id":"a","text":"Welke dosis amoxicilline moet ik deze patiënt van 23 kg geven?"}
                {"id":"b","text":"Wat zegt de NHG-standaard over otitis media acuta?"}
                {"id":"c","text":"   "}
                """;
        Run r = run(new ClassifyIntentCommand(), input.getBytes(StandardCharsets.UTF_8), false);
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(0).get("cds").asBoolean()).isTrue();
        assertThat(r.lines().get(0).get("rule").asString()).startsWith("cds.");
        assertThat(r.lines().get(1).get("cds").asBoolean()).isFalse();
        assertThat(r.lines().get(1).get("rule").asString()).isEqualTo("cds.general-knowledge");
        assertThat(r.lines().get(2).get("error").asString()).isEqualTo("empty text");
    }

    @Test
    void usageErrorsAndMissingFilesExitNonZero() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(new DetectPhiCommand().run(List.of(), System.in, o, e)).isEqualTo(JsonlBatch.EX_USAGE);
        assertThat(new DetectPhiCommand().run(List.of("--bogus"), System.in, o, e)).isEqualTo(JsonlBatch.EX_USAGE);
        assertThat(new ClassifyIntentCommand().run(List.of("--in", dir.resolve("missing.jsonl").toString()), System.in, o, e))
                .isEqualTo(JsonlBatch.EX_NOINPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: consilium detect-phi").contains("input file not found");
    }

    @Test
    void readsStandardInputWithADash() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new DetectPhiCommand().run(List.of("--in", "-"),
                new ByteArrayInputStream("{\"id\":9,\"text\":\"Woont in 3584 CX Utrecht\"}\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        JsonNode line = JSON.readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.get("id").asInt()).isEqualTo(9);
        assertThat(line.get("spans")).hasSize(2);
    }
}
