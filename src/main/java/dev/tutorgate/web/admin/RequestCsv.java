package dev.tutorgate.web.admin;

import dev.tutorgate.monitoring.RequestLogEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The request log as CSV (RFC 4180: comma-separated, CRLF, fields with commas, quotes or line
 * breaks quoted, quotes doubled), written as the rows come, so a month of requests never sits in
 * memory. Costs are exact US dollars; times ISO-8601 UTC. A field that a spreadsheet would take for
 * a formula (=, +, -, @ first) gets a leading apostrophe.
 */
final class RequestCsv {
    static final String HEADER = "requestId,startedAt,studentId,studentName,complexity,model,outcome,errorKind,"
            + "fallbackReason,attempts,costUsd,ttftMs,latencyMs,stars,verdict,question";

    private RequestCsv() {
    }

    static void write(OutputStream stream, Consumer<Consumer<RequestLogEntry>> rows) {
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16_384)) {
            out.write(HEADER);
            out.write("\r\n");
            rows.accept(e -> line(out, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(BufferedWriter out, RequestLogEntry e) {
        try {
            out.write(String.join(",", field(e.requestId()), field(e.startedAt().toString()), field(e.studentId()),
                    field(e.studentName()), field(e.complexity()), field(e.model()), field(e.outcome()),
                    field(e.errorKind()), field(e.fallbackReason()), Integer.toString(e.attempts()),
                    e.cost().usd().toPlainString(), number(e.ttftMs()), number(e.latencyMs()),
                    e.stars() == null ? "" : e.stars().toString(), field(e.verdict()), field(e.question())));
            out.write("\r\n");
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private static String number(Long value) {
        return value == null ? "" : value.toString();
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
