package dev.tutorgate.tutor;

import dev.tutorgate.storage.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;

/** tutorgate's real database in a temporary SQLite file, and the students tests need in it. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database open(Path dir) {
        return Database.open("jdbc:sqlite:" + dir.resolve("tutorgate.db"));
    }

    public static void addStudent(Database db, String id) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO students (id, name, token_hash, created_at) VALUES (?, ?, ?, 0)")) {
                st.setString(1, id);
                st.setString(2, id);
                st.setString(3, "hash-" + id);
                return st.executeUpdate();
            }
        });
    }
}
