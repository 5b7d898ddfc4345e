package dev.tutorgate.ledger;

import dev.tutorgate.storage.Database;
import java.time.Instant;

/**
 * Run in its own JVM by {@link LedgerDurabilityTest}: records ledger rows from several virtual
 * threads forever and prints {@code ACK <request id> OK} after each {@code record} returned,
 * until the test kills it. Arguments: database file, request log file, writer threads.
 */
public final class LedgerDurabilityChild {
    private LedgerDurabilityChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open("jdbc:sqlite:" + args[0]);
        JdbcLedger ledger = new JdbcLedger(db, RequestLog.open(args[1]));
        int writers = Integer.parseInt(args[2]);
        System.out.println("READY");
        System.out.flush();
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            Thread.ofVirtual().start(() -> {
                for (long i = 0; ; i++) {
                    String requestId = writer + "-" + i;
                    ledger.record(Entries.costing(requestId, "student-" + writer, Instant.now(), 1_000 + i));
                    System.out.println("ACK " + requestId + " OK");
                    System.out.flush();
                }
            });
        }
        Thread.currentThread().join(); // until killed
    }
}
