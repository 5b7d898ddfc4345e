package dev.tutorgate.alerts;

import dev.tutorgate.storage.Database;
import dev.tutorgate.storage.DuplicateKeyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Sent alerts in the {@code alerts_sent} table (V1 schema), in standard SQL so that SQLite and
 * PostgreSQL both work. The primary key makes "first caller wins" hold even for several instances.
 * Runs through tutorgate's {@link Database} (its single writer) or any plain {@link DataSource}.
 */
public final class JdbcSentAlerts implements SentAlerts {
    private static final String INSERT = "INSERT INTO alerts_sent (alert_key, sent_at) VALUES (?, ?)";
    private static final String EXISTS = "SELECT 1 FROM alerts_sent WHERE alert_key = ?";

    /** Inserts the key unless present; true if this call inserted it. */
    @FunctionalInterface
    private interface Marker {
        boolean mark(String key, long atMillis) throws SQLException;
    }

    private final Marker marker;

    /** Through the server's database: the write joins its group commit. */
    public JdbcSentAlerts(Database database) {
        Objects.requireNonNull(database, "database");
        this.marker = (key, at) -> {
            try {
                return database.write(connection -> insertIfAbsent(connection, key, at));
            } catch (DuplicateKeyException e) {
                return false; // another instance inserted it between our check and our insert
            }
        };
    }

    /** Through a plain data source (auto-commit connections). */
    public JdbcSentAlerts(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.marker = (key, at) -> {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    return insertIfAbsent(connection, key, at);
                } catch (SQLException e) {
                    // Someone else inserted it between our check and our insert: the key is taken, not an error.
                    if (exists(connection, key)) {
                        return false;
                    }
                    throw e;
                }
            }
        };
    }

    @Override
    public boolean markSent(String key, Instant at) {
        try {
            return marker.mark(key, at.toEpochMilli());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record sent alert " + key + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private static boolean insertIfAbsent(Connection connection, String key, long atMillis) throws SQLException {
        if (exists(connection, key)) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, key);
            insert.setLong(2, atMillis);
            insert.executeUpdate();
            return true;
        }
    }

    private static boolean exists(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(EXISTS)) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
