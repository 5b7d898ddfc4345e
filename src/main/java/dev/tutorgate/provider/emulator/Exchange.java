package dev.tutorgate.provider.emulator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;

/**
 * One HTTP request and its response, as the handlers see them: a thin layer over Jetty's servlet
 * objects, so that nothing but {@link EmulatorServer} knows the server underneath.
 */
final class Exchange {
    private final Request base;
    private final HttpServletRequest req;
    private final HttpServletResponse res;
    private final String path;
    private final String pathParam;

    Exchange(Request base, HttpServletRequest req, HttpServletResponse res, String path, String pathParam) {
        this.base = base;
        this.req = req;
        this.res = res;
        this.path = path;
        this.pathParam = pathParam;
    }

    String method() {
        return req.getMethod();
    }

    /** The decoded path, without the query. */
    String path() {
        return path;
    }

    /** The variable last segment of the route ({model}, {target}), or null. */
    String pathParam() {
        return pathParam;
    }

    String header(String name) {
        return req.getHeader(name);
    }

    void header(String name, String value) {
        res.setHeader(name, value);
    }

    /**
     * A query parameter, read from the query string only: the servlet's getParameter would
     * consume a form-encoded body.
     */
    String queryParam(String name) {
        String query = req.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    String contentType() {
        return req.getContentType();
    }

    HttpServletRequest req() {
        return req;
    }

    HttpServletResponse res() {
        return res;
    }

    /** The body as text (control API bodies are small). */
    String body() throws IOException {
        return new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Sends a complete JSON (or other) response. */
    void send(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setContentType(contentType);
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    void sendJson(int status, String body) throws IOException {
        send(status, "application/json; charset=utf-8", body);
    }

    /** Drops the connection without finishing the response (no end marker, no final chunk). */
    void abort() {
        base.getHttpChannel().abort(new EofException("connection cut by the emulator"));
    }
}
