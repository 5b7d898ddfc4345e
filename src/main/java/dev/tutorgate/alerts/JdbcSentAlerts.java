package dev.tutorgate.alerts;

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
 */
public final class JdbcSentAlerts implements SentAlerts {
    private static final String INSERT = "INSERT INTO alerts_sent (alert_key, sent_at) VALUES (?, ?)";
    private static final String EXISTS = "SELECT 1 FROM alerts_sent WHERE alert_key = ?";

    private final DataSource dataSource;

    public JdbcSentAlerts(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean markSent(String key, Instant at) {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection, key)) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, key);
                insert.setLong(2, at.toEpochMilli());
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                // Someone else inserted it between our check and our insert: the key is taken, not an error.
                if (exists(connection, key)) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record sent alert " + key + " (SQL state " + e.getSQLState() + ")", e);
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
