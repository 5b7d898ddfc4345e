package dev.tutorgate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
    private static final String INSERT = "INSERT INTO t (k, v) VALUES (?, ?)";

    @TempDir
    Path dir;

    private Connection raw;
    private StatementCache cache;

    @BeforeEach
    void open() throws SQLException {
        raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db"));
        try (Statement st = raw.createStatement()) {
            st.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)");
        }
        cache = new StatementCache(raw, 2);
    }

    @AfterEach
    void close() throws SQLException {
        cache.close();
        raw.close();
    }

    @Test
    void theSameSqlIsCompiledOnceAndReusedWithFreshParameters() throws SQLException {
        PreparedStatement first = underlying(c -> insert(c, "a", 1));
        PreparedStatement second = underlying(c -> insert(c, "b", 2));

        assertThat(second).isSameAs(first);
        assertThat(first.isClosed()).isFalse();
        assertThat(rows()).isEqualTo("a=1,b=2");
    }

    @Test
    void aBatchLeftUnexecutedDoesNotLeakIntoTheNextUse() throws SQLException {
        try (PreparedStatement st = cache.connection().prepareStatement(INSERT)) {
            st.setString(1, "never");
            st.setInt(2, 0);
            st.addBatch();
        }
        try (PreparedStatement st = cache.connection().prepareStatement(INSERT)) {
            st.setString(1, "x");
            st.setInt(2, 9);
            st.addBatch();
            assertThat(st.executeBatch()).hasSize(1);
        }
        assertThat(rows()).isEqualTo("x=9");
    }

    @Test
    void parametersOfTheLastUseAreCleared() throws SQLException {
        insert(cache.connection(), "a", 1);
        try (PreparedStatement st = cache.connection().prepareStatement(INSERT)) {
            st.setString(1, "b"); // v left unbound: NULL, not the 1 of the last use
            st.executeUpdate();
        }
        assertThat(rows()).isEqualTo("a=1,b=null");
    }

    @Test
    void aStatementStillOpenIsNotHandedOutTwice() throws SQLException {
        try (PreparedStatement outer = cache.connection().prepareStatement(INSERT);
             PreparedStatement inner = cache.connection().prepareStatement(INSERT)) {
            assertThat(inner.unwrap(PreparedStatement.class)).isNotSameAs(outer.unwrap(PreparedStatement.class));
            outer.setString(1, "o");
            inner.setString(1, "i");
            inner.setInt(2, 2);
            outer.setInt(2, 1);
            inner.executeUpdate();
            outer.executeUpdate();
        }
        assertThat(rows()).isEqualTo("i=2,o=1");
    }

    @Test
    void theLeastRecentlyUsedStatementIsClosedBeyondCapacity() throws SQLException {
        PreparedStatement a = underlying(c -> c.prepareStatement("SELECT 1"));
        PreparedStatement b = underlying(c -> c.prepareStatement("SELECT 2"));
        underlying(c -> c.prepareStatement("SELECT 1")); // a is now the most recent
        underlying(c -> c.prepareStatement("SELECT 3"));

        assertThat(a.isClosed()).isFalse();
        assertThat(b.isClosed()).isTrue();
    }

    @Test
    void clearClosesEveryKeptStatement() throws SQLException {
        PreparedStatement a = underlying(c -> insert(c, "a", 1));
        cache.clear();

        assertThat(a.isClosed()).isTrue();
        PreparedStatement fresh = underlying(c -> insert(c, "b", 2));
        assertThat(fresh).isNotSameAs(a);
        assertThat(rows()).isEqualTo("a=1,b=2");
    }

    @Test
    void aStatementThatFailedCanBeUsedAgain() throws SQLException {
        insert(cache.connection(), "a", 1);
        assertThatThrownBy(() -> insert(cache.connection(), "a", 2)).isInstanceOf(SQLException.class);
        insert(cache.connection(), "b", 3);
        assertThat(rows()).isEqualTo("a=1,b=3");
    }

    @Test
    void otherConnectionCallsReachTheConnection() throws SQLException {
        try (Statement st = cache.connection().createStatement()) {
            st.execute("INSERT INTO t (k, v) VALUES ('plain', 5)");
        }
        assertThat(cache.connection().getAutoCommit()).isTrue();
        assertThat(rows()).isEqualTo("plain=5");
    }

    private interface Use {
        PreparedStatement run(Connection c) throws SQLException;
    }

    /** Runs a use through the cache, closes what it returned, and gives back the driver's statement. */
    private PreparedStatement underlying(Use use) throws SQLException {
        PreparedStatement st = use.run(cache.connection());
        PreparedStatement driver = st.unwrap(PreparedStatement.class);
        st.close();
        return driver;
    }

    private static PreparedStatement insert(Connection c, String k, int v) throws SQLException {
        PreparedStatement st = c.prepareStatement(INSERT);
        try {
            st.setString(1, k);
            st.setInt(2, v);
            st.executeUpdate();
        } catch (SQLException e) {
            st.close();
            throw e;
        }
        return st;
    }

    private String rows() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery("SELECT k, v FROM t ORDER BY k")) {
            while (rs.next()) {
                if (!out.isEmpty()) {
                    out.append(',');
                }
                int v = rs.getInt(2);
                String shown = rs.wasNull() ? "null" : String.valueOf(v);
                out.append(rs.getString(1)).append('=').append(shown);
            }
        }
        return out.toString();
    }
}
