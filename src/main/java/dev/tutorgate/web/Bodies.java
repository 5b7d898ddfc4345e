package dev.tutorgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tutorgate.core.ErrorCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads request bodies with a hard size limit: a declared {@code Content-Length} over the limit is
 * refused before reading; a chunked body is read only up to the limit. Over it → 413.
 */
public final class Bodies {
    private final long maxBytes;

    public Bodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[(int) Math.min(declared >= 0 ? declared : 8192, maxBytes) + 1];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length > maxBytes) {
                        throw new ApiException(ErrorCode.BODY_TOO_LARGE);
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxBytes + 1));
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
            if (length > maxBytes) {
                throw new ApiException(ErrorCode.BODY_TOO_LARGE);
            }
            return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            // The client stopped sending half-way: nothing to answer, but say so in its own words.
            throw new ApiException(ErrorCode.INVALID_REQUEST);
        }
    }

    /** The body as a JSON object: malformed JSON → invalid_json, another JSON value → invalid_request. */
    public ObjectNode jsonObject(Context ctx) {
        byte[] bytes = read(ctx);
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_JSON);
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiException(ErrorCode.INVALID_JSON);
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.invalid("body");
        }
        return object;
    }

    /** A text field that may be absent or null; anything but a string → 400 about that field. */
    public static String optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(field);
        }
        return value.textValue();
    }

    /** A text field that must be present (it may be empty: the caller decides what empty means). */
    public static String requiredText(ObjectNode body, String field) {
        String text = optionalText(body, field);
        if (text == null) {
            throw ApiException.invalid(field);
        }
        return text;
    }
}
