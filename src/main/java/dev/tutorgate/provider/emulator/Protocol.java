package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The three wire protocols the emulator speaks, all on the same port. */
public enum Protocol {
    /** {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}. */
    GEMINI,
    /** {@code POST /v1/chat/completions}. */
    OPENAI,
    /** {@code POST /v1/messages}. */
    ANTHROPIC;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Protocol fromId(String id) {
        for (Protocol p : values()) {
            if (p.id().equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + id + "' (gemini, openai, anthropic)");
    }
}
