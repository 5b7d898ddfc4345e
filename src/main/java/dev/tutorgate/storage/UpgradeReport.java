package dev.tutorgate.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what an upgrade of an existing database is doing, migration by migration: some rebuild
 * tables of a large ledger (V90: about half a minute per million requests), and Flyway's own log
 * is at WARN, so without this a long upgrade would look hung. A new file says nothing (it
 * migrates in a blink). Runs inside Flyway's migrate, so a start with nothing to migrate pays
 * nothing for it.
 */
final class UpgradeReport implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String CURRENT_VERSION = "SELECT version FROM flyway_schema_history"
            + " WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    private final String location;
    private boolean looked;
    /** The schema version before the migration about to run; null for a new file. */
    private String from;

    UpgradeReport(String location) {
        this.location = location;
    }

    /** Whether migrations ran on a file that already had a schema. */
    boolean upgraded() {
        return from != null;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (!looked) {
            looked = true;
            from = currentVersion(context);
        }
        if (from != null) {
            String to = context.getMigrationInfo().getVersion().getVersion();
            LOG.info("Upgrading the database {} from schema version {} to {}: a large ledger may take a minute",
                    location, from, to);
            from = to;
        }
    }

    @Override
    public String getCallbackName() {
        return "tutorgate-upgrade-report";
    }

    private static String currentVersion(Context context) {
        try (Statement st = context.getConnection().createStatement(); ResultSet rs = st.executeQuery(CURRENT_VERSION)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null; // no history yet: a new file
        }
    }
}
