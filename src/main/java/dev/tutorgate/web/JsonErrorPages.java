package dev.tutorgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error pages (a request line or headers Jetty cannot parse, a URI too long…) in the
 * contract's JSON instead of Jetty's HTML. Errors inside Javalin never get here.
 */
final class JsonErrorPages extends ErrorHandler {
    private final ErrorRenderer renderer;

    JsonErrorPages(ErrorRenderer renderer) {
        this.renderer = renderer;
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
        return ByteBuffer.wrap(json(status).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(json(response.getStatus()).getBytes(StandardCharsets.UTF_8));
    }

    private String json(int status) {
        return renderer.contractJson(WebServer.codeForStatus(status), null, null, Locale.ENGLISH, null);
    }
}
