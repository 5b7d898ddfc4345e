package dev.tutorgate.web;

import java.nio.file.Path;
import javax.sql.DataSource;

/** Lets tests in other packages use {@link TestDatabase}. Temporary, like it. */
public final class TestDatabaseAccess {
    private TestDatabaseAccess() {
    }

    public static DataSource migrated(Path file) throws Exception {
        return TestDatabase.migrated(file);
    }
}
