package dev.tutorgate.stress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events as the HTML standard frames them: {@code event:} and {@code data:}
 * fields, an empty line dispatches, lines starting with {@code :} are comments (the server's
 * keep-alives). Lines may end in LF, CRLF or CR.
 */
final class SseReader {
    /** One dispatched event; {@code name} is "message" when the server gave none. */
    record Event(String name, String data) {
    }

    private final BufferedReader lines;

    SseReader(InputStream body) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event, or null at the end of the stream (an unfinished event at the end is dropped, as browsers do). */
    Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name == null ? "message" : name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // id, retry and unknown fields do not matter here
            }
        }
        return null;
    }
}
