package dev.tutorgate.gateway;

import java.time.Instant;
import java.util.UUID;

/**
 * Ids of new conversations: UUIDs of version 7 (RFC 9562), the creation time in milliseconds
 * followed by 74 random bits. Time-ordered ids land at the end of the {@code conversations}
 * primary key and of the messages' conversation index, so a commit touches the same few pages
 * instead of one random page per new conversation (random v4 ids did).
 */
final class ConversationIds {
    private static final long VERSION_7 = 0x7000L;

    private ConversationIds() {
    }

    static String next(Instant now) {
        UUID random = UUID.randomUUID(); // 122 random bits from SecureRandom; 74 of them are kept
        long millis = now.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long most = (millis << 16) | VERSION_7 | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(most, random.getLeastSignificantBits()).toString(); // variant bits already set
    }
}
