package dev.tutorgate.web.openai;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an OpenAI {@code chat.completions} request tutorgate uses, read in one pass with
 * Jackson's streaming parser (no tree, no second copy). The last message must be the user's
 * question; earlier user and assistant messages are the history; system/developer/tool messages
 * are dropped (the tutor brings its own instructions and the course). Other fields are skipped.
 */
record OpenAiRequest(String model, String question, List<ChatMessage> history, boolean stream, boolean includeUsage) {

    static OpenAiRequest parse(byte[] body) {
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw p.currentToken() == null ? new ApiException(ErrorCode.INVALID_JSON) : ApiException.invalid("body");
            }
            String model = null;
            boolean stream = false;
            boolean includeUsage = true;
            List<Turn> turns = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "model" -> model = text(p, value, "model");
                    case "stream" -> stream = bool(value, "stream");
                    case "stream_options" -> includeUsage = includeUsage(p, value);
                    case "messages" -> turns = turns(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new ApiException(ErrorCode.INVALID_JSON);
            }
            return of(model, turns, stream, includeUsage);
        } catch (JsonParseException e) {
            throw new ApiException(ErrorCode.INVALID_JSON);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_JSON);
        }
    }

    private record Turn(String role, String content) {
    }

    private static OpenAiRequest of(String model, List<Turn> turns, boolean stream, boolean includeUsage) {
        if (turns == null || turns.isEmpty()) {
            throw ApiException.invalid("messages");
        }
        Turn last = turns.getLast();
        if (!"user".equals(last.role()) || last.content() == null) {
            throw ApiException.invalid("messages");
        }
        List<ChatMessage> history = new ArrayList<>(turns.size() - 1);
        for (Turn turn : turns.subList(0, turns.size() - 1)) {
            if (turn.content() == null) {
                continue;
            }
            switch (turn.role()) {
                case "user" -> history.add(ChatMessage.user(turn.content()));
                case "assistant" -> history.add(ChatMessage.assistant(turn.content()));
                default -> {
                    // system, developer, tool: not part of a student's conversation
                }
            }
        }
        return new OpenAiRequest(model == null || model.isBlank() ? "auto" : model, last.content(),
                history, stream, includeUsage);
    }

    private static List<Turn> turns(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw ApiException.invalid("messages");
        }
        List<Turn> turns = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw ApiException.invalid("messages");
            }
            String role = null;
            String content = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "role" -> role = text(p, v, "messages");
                    case "content" -> content = content(p, v);
                    default -> p.skipChildren();
                }
            }
            if (role == null) {
                throw ApiException.invalid("messages");
            }
            turns.add(new Turn(role, content));
        }
        return turns;
    }

    /** A string, or an array of parts of which only {@code {"type": "text", "text": …}} is accepted. */
    private static String content(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw ApiException.invalid("messages");
        }
        StringBuilder text = new StringBuilder();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw ApiException.invalid("messages");
            }
            String type = null;
            String partText = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "type" -> type = text(p, v, "messages");
                    case "text" -> partText = text(p, v, "messages");
                    default -> p.skipChildren();
                }
            }
            if (!"text".equals(type) || partText == null) {
                throw ApiException.invalid("messages"); // images and audio: the tutor reads text only
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(partText);
        }
        return text.toString();
    }

    private static boolean includeUsage(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return true;
        }
        if (value != JsonToken.START_OBJECT) {
            throw ApiException.invalid("stream");
        }
        boolean include = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("include_usage")) {
                include = v != JsonToken.VALUE_NULL ? bool(v, "stream") : true;
            } else {
                p.skipChildren();
            }
        }
        return include;
    }

    private static String text(JsonParser p, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw ApiException.invalid(field);
        }
        return p.getText();
    }

    private static boolean bool(JsonToken value, String field) {
        return switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw ApiException.invalid(field);
        };
    }
}
