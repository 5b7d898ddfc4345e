package dev.tutorgate.provider.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The emulator's hand-written JSON strings read back as what was written, whatever they hold. */
class EmulatorJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "ab \"\\\n\r\t\u0001\u001fя😀/<>&'";

    @Test
    void quotedStringsReadBackUnchanged() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String original = text.toString();
            String quoted = Json.quote(original);
            assertThat(JSON.readValue(quoted, String.class)).as(quoted).isEqualTo(original);
        }
    }

    @Test
    void controlCharactersAreWrittenAsUnicodeEscapes() {
        assertThat(Json.quote("a\u0001b\"c")).isEqualTo("\"a\\u0001b\\\"c\"");
        assertThat(Json.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Json.quote(null)).isEqualTo("null");
    }
}
