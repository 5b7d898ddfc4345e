package dev.tutorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationIdsTest {
    @Test
    void aVersion7UuidCarryingItsCreationTime() {
        Instant now = Instant.parse("2026-11-28T21:30:00.123Z");
        UUID id = UUID.fromString(ConversationIds.next(now));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void idsOfLaterConversationsSortAfterEarlierOnes() {
        List<String> ids = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 200; i++) {
            ids.add(ConversationIds.next(t.plusMillis(i * 7L)));
        }
        assertThat(ids).isSorted();
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        Instant now = Instant.now();
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(ConversationIds.next(now));
        }
        assertThat(ids).hasSize(10_000);
    }
}
