package dev.tutorgate.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The writer's connection as works see it: {@code prepareStatement(sql)} hands out a statement
 * compiled earlier for the same SQL, and the work's {@code close()} only clears its parameters.
 * Every request writes the same few statements (its ledger row, its conversation turn), and
 * SQLite's compiling them again each time was a tenth of the server's CPU per request.
 *
 * <p>Confined to the writer thread. A statement still open (a work preparing the same SQL twice)
 * is not shared: the second one is a fresh statement, closed for real. At most {@code capacity}
 * statements are kept, the least recently used closed first; {@link #clear} closes them all.
 */
final class StatementCache implements AutoCloseable {
    private final Connection target;
    private final Connection view;
    private final Map<String, PreparedStatement> idle;
    private final Set<PreparedStatement> lent = Collections.newSetFromMap(new IdentityHashMap<>());

    StatementCache(Connection target, int capacity) {
        this.target = target;
        this.idle = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
        this.view = proxy(Connection.class, target, (method, args) ->
                method.getName().equals("prepareStatement") && args.length == 1 && args[0] instanceof String sql
                        ? lend(sql) : null);
    }

    /** The connection to give to works. */
    Connection connection() {
        return view;
    }

    /** Closes every kept statement (after a failed work: its statements' state is unknown). */
    void clear() {
        idle.values().forEach(StatementCache::closeQuietly);
        idle.clear();
        lent.clear();
    }

    @Override
    public void close() {
        clear();
    }

    private PreparedStatement lend(String sql) throws SQLException {
        PreparedStatement statement = idle.remove(sql);
        if (statement == null || statement.isClosed()) {
            statement = target.prepareStatement(sql);
        }
        PreparedStatement lentOut = statement;
        lent.add(lentOut);
        return proxy(PreparedStatement.class, lentOut, (method, args) -> {
            if (!method.getName().equals("close") || args.length > 0) {
                return null;
            }
            giveBack(sql, lentOut);
            return Void.TYPE;
        });
    }

    private void giveBack(String sql, PreparedStatement statement) throws SQLException {
        if (!lent.remove(statement)) {
            return; // closed twice, or cleared meanwhile
        }
        if (idle.containsKey(sql)) {
            statement.close(); // a second statement for the same SQL: one is enough to keep
            return;
        }
        statement.clearParameters();
        statement.clearBatch();
        idle.put(sql, statement);
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // already unusable: nothing to keep
        }
    }

    /** What a proxy does itself; null = pass the call on to the target. */
    @FunctionalInterface
    private interface Intercept {
        Object handle(Method method, Object[] args) throws SQLException;
    }

    private static <T> T proxy(Class<T> type, T target, Intercept override) {
        InvocationHandler handler = (self, method, args) -> {
            Object own = override.handle(method, args == null ? new Object[0] : args);
            if (own == Void.TYPE) {
                return null;
            }
            if (own != null) {
                return own;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler));
    }
}
