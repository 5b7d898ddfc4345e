package dev.tutorgate.web;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.core.Usage;
import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.AnswerListener;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.gateway.ChatCommand;
import dev.tutorgate.gateway.ChatFailure;
import dev.tutorgate.gateway.ChatService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.tutorgate.storage.Database;

/**
 * TEMPORARY stand-in for the pipeline's ChatService until it lands on main: validates like the
 * contract says, answers in word-sized deltas, and writes the conversation, messages and a ledger
 * row to the real SQLite file. Words in the question script failures: "ratelimit", "budget",
 * "explode", "interrupt", "slow" (one delta per 50 ms, 400 of them), "wait" (blocks until released).
 */
final class ScriptedChatService implements ChatService {
    static final String ANSWER = "FastAPI is a **web framework** for Python.\n\n```python\nprint('hi')\n```\n";

    private final Database db;
    private final int maxChars;
    final ConcurrentLinkedQueue<ChatCommand> commands = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> cancelled = new ConcurrentLinkedQueue<>();
    volatile CountDownLatch release = new CountDownLatch(1);
    volatile CountDownLatch waiting = new CountDownLatch(1);

    ScriptedChatService(Database db, int maxChars) {
        this.db = db;
        this.maxChars = maxChars;
    }

    @Override
    public void answer(ChatCommand c, AnswerListener listener) {
        commands.add(c);
        String q = c.message();
        if (q.isBlank()) {
            listener.onError(new ChatFailure(c.requestId(), ErrorCode.MESSAGE_EMPTY, null, null));
            return;
        }
        if (q.length() > maxChars) {
            listener.onError(new ChatFailure(c.requestId(), ErrorCode.MESSAGE_TOO_LONG, null, null));
            return;
        }
        if (q.contains("ratelimit")) {
            listener.onError(new ChatFailure(c.requestId(), ErrorCode.RATE_LIMITED, 42L, null));
            return;
        }
        if (q.contains("budget")) {
            listener.onError(new ChatFailure(c.requestId(), ErrorCode.BUDGET_EXCEEDED, 5 * 3600L - 100, null));
            return;
        }
        if (q.contains("explode")) {
            throw new IllegalStateException("secret-detail sk-THIS-MUST-NOT-LEAK");
        }
        String conversationId = c.conversationId();
        try {
            if (conversationId != null) {
                String owner = owner(conversationId);
                if (owner == null) {
                    listener.onError(new ChatFailure(c.requestId(), ErrorCode.CONVERSATION_NOT_FOUND, null, null));
                    return;
                }
                if (!owner.equals(c.studentId())) {
                    listener.onError(new ChatFailure(c.requestId(), ErrorCode.CONVERSATION_FORBIDDEN, null, null));
                    return;
                }
            } else {
                conversationId = "c-" + UUID.randomUUID();
            }
            String model = c.requestedModel() == null ? "offline" : c.requestedModel();
            listener.onMeta(new AnswerMeta(c.requestId(), conversationId, model, "simple", null));
            if (q.contains("wait")) {
                waiting.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            if (q.contains("interrupt")) {
                listener.onDelta("Half an ans");
                listener.onError(new ChatFailure(c.requestId(), ErrorCode.ANSWER_INTERRUPTED, null, null));
                return;
            }
            List<String> pieces = q.contains("slow")
                    ? java.util.Collections.nCopies(400, "word ")
                    : List.of(ANSWER.split("(?<= )"));
            StringBuilder answer = new StringBuilder();
            for (String piece : pieces) {
                if (q.contains("slow")) {
                    Thread.sleep(50);
                }
                answer.append(piece);
                if (!listener.onDelta(piece)) {
                    cancelled.add(c.requestId());
                    listener.onError(new ChatFailure(c.requestId(), ErrorCode.ANSWER_INTERRUPTED, null, "client gone"));
                    return;
                }
            }
            Usage usage = new Usage(1200, 1000, 0, 0, 35, 0, false);
            long cost = 123_456_789L; // $0.000123456789
            persist(c, conversationId, model, answer.toString(), cost);
            listener.onDone(new AnswerDone(c.requestId(), conversationId, model, "simple", answer.toString(), usage,
                    cost, List.of("FastAPI basics", "HTTP and REST"), 12L, 34L));
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String owner(String conversationId) throws SQLException {
        return db.read(conn -> {
            try (PreparedStatement s = conn.prepareStatement("SELECT student_id FROM conversations WHERE id = ?")) {
                s.setString(1, conversationId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    private void persist(ChatCommand c, String conversationId, String model, String answer, long cost) throws SQLException {
        long now = System.currentTimeMillis();
        db.write(conn -> {
            exec(conn, "INSERT INTO conversations (id, student_id, created_at, updated_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at", conversationId, c.studentId(), now, now);
            exec(conn, "INSERT INTO messages (conversation_id, role, content, request_id, created_at) VALUES (?, 'user', ?, ?, ?)",
                    conversationId, c.message(), c.requestId(), now);
            exec(conn, "INSERT INTO messages (conversation_id, role, content, request_id, model, sources, created_at) "
                    + "VALUES (?, 'assistant', ?, ?, ?, ?, ?)", conversationId, answer, c.requestId(), model,
                    "[\"FastAPI basics\",\"HTTP and REST\"]", now);
            exec(conn, "INSERT INTO ledger (request_id, attempt, is_final, started_at, student_id, conversation_id, model, "
                    + "outcome, cost_picos) VALUES (?, 1, 1, ?, ?, ?, ?, 'ok', ?)", c.requestId(), now, c.studentId(),
                    conversationId, model, cost);
            return null;
        });
    }

    private static void exec(Connection conn, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
