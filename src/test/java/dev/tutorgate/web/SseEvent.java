package dev.tutorgate.web;

import java.util.ArrayList;
import java.util.List;

/** One SSE frame as a client reads it (comments dropped). */
record SseEvent(String name, String data) {
    static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            boolean any = false;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                    any = true;
                }
            }
            if (any) {
                events.add(new SseEvent(name, data.toString()));
            }
        }
        return events;
    }
}
