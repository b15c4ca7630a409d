package nl.consilium.app.support;

import java.util.ArrayList;
import java.util.List;

/** Parses a Server-Sent Events body into (event, data) pairs. */
public final class Sse {

    public record Event(String name, String data) {
    }

    private Sse() {
    }

    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name, data.toString()));
                }
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }
        if (!data.isEmpty()) {
            events.add(new Event(name, data.toString()));
        }
        return events;
    }

    public static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).distinct().toList();
    }

    public static Event first(List<Event> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + name + "' event in " + names(events)));
    }
}
