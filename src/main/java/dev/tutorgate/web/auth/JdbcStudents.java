package dev.tutorgate.web.auth;

import dev.tutorgate.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Students in the {@code students} table. Tokens are looked up by their SHA-256 digest, and the
 * digest found is compared again in constant time. Successful look-ups are remembered for a short
 * while so that a busy student does not cost a query per request.
 */
public final class JdbcStudents implements Students {
    static final int MAX_NAME_CHARS = 200;
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private static final int CACHE_MAX = 10_000;

    private final Database db;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> recent = new ConcurrentHashMap<>();

    private record Cached(Principal.Student student, Instant until) {
    }

    public JdbcStudents(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public IssuedToken add(String name) {
        String cleanName = validName(name);
        String token = AccessTokens.newStudentToken();
        StudentAccount account = new StudentAccount(AccessTokens.newId("stu_"), cleanName, now(), false);
        update("INSERT INTO students (id, name, token_hash, created_at, disabled) VALUES (?, ?, ?, ?, 0)",
                account.id(), account.name(), AccessTokens.sha256Hex(token), account.createdAt().toEpochMilli());
        return new IssuedToken(account, token);
    }

    @Override
    public synchronized IssuedToken rekey(String name) {
        String cleanName = validName(name);
        Optional<StudentAccount> existing = list().stream().filter(s -> s.name().equals(cleanName)).findFirst();
        if (existing.isEmpty()) {
            return add(cleanName);
        }
        String token = AccessTokens.newStudentToken();
        update("UPDATE students SET token_hash = ?, disabled = 0 WHERE id = ?",
                AccessTokens.sha256Hex(token), existing.get().id());
        recent.clear();
        return new IssuedToken(existing.get(), token);
    }

    @Override
    public List<StudentAccount> list() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, name, created_at, disabled FROM students ORDER BY created_at, id");
                 ResultSet rows = s.executeQuery()) {
                List<StudentAccount> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new StudentAccount(rows.getString(1), rows.getString(2),
                            Instant.ofEpochMilli(rows.getLong(3)), rows.getInt(4) != 0));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Principal.Student> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        byte[] digest = AccessTokens.sha256(token);
        String hex = HexFormat.of().formatHex(digest);
        Instant now = now();
        Cached cached = recent.get(hex);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.student());
        }
        Optional<Principal.Student> found = lookUp(hex, digest);
        found.ifPresent(student -> {
            if (recent.size() >= CACHE_MAX) {
                recent.clear();
            }
            recent.put(hex, new Cached(student, now.plus(CACHE_FOR)));
        });
        return found;
    }

    private Optional<Principal.Student> lookUp(String hex, byte[] digest) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, name, token_hash FROM students WHERE token_hash = ? AND disabled = 0")) {
                s.setString(1, hex);
                try (ResultSet rows = s.executeQuery()) {
                    if (rows.next() && AccessTokens.sameDigest(digest, HexFormat.of().parseHex(rows.getString(3)))) {
                        return Optional.of(new Principal.Student(rows.getString(1), rows.getString(2)));
                    }
                    return Optional.empty();
                }
            }
        });
    }

    static String validName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME_CHARS || clean.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a student name is 1–" + MAX_NAME_CHARS + " printable characters");
        }
        return clean;
    }

    private Instant now() {
        return clock.instant();
    }

    private void update(String sql, Object... args) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }
}
