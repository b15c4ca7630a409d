package nl.consilium.policy.phi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import nl.consilium.policy.DataCategory;
import nl.consilium.policy.PhiSpan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The annotated synthetic notes under src/test/resources/detection (see docs/detection.md). */
public record GoldSet(String name, List<Note> notes) {

    public record Note(String id, String lang, String text, List<PhiSpan> spans) {
    }

    public record Request(String id, String lang, String text, boolean cds) {
    }

    public static final String DEV = "phi-dev.jsonl";
    public static final String HELDOUT = "phi-heldout.jsonl";
    public static final String HELDOUT2 = "phi-heldout2.jsonl";
    public static final String HELDOUT3 = "phi-heldout3.jsonl";
    public static final String CDS_DEV = "cds-dev.jsonl";
    public static final String CDS_HELDOUT = "cds-heldout.jsonl";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public static GoldSet load(String resource) {
        List<Note> notes = new ArrayList<>();
        for (String line : lines(resource)) {
            JsonNode n = JSON.readTree(line);
            List<PhiSpan> spans = new ArrayList<>();
            for (JsonNode s : n.get("spans")) {
                spans.add(new PhiSpan(s.get("start").asInt(), s.get("end").asInt(), DataCategory.valueOf(s.get("category").asString())));
            }
            notes.add(new Note(n.get("id").asString(), n.get("lang").asString(), n.get("text").asString(), List.copyOf(spans)));
        }
        return new GoldSet(resource, List.copyOf(notes));
    }

    public static List<Request> requests(String resource) {
        List<Request> out = new ArrayList<>();
        for (String line : lines(resource)) {
            JsonNode n = JSON.readTree(line);
            out.add(new Request(n.get("id").asString(), n.get("lang").asString(), n.get("text").asString(), n.get("cds").asBoolean()));
        }
        return out;
    }

    static List<String> lines(String resource) {
        try (InputStream in = GoldSet.class.getResourceAsStream("/detection/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /detection/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
