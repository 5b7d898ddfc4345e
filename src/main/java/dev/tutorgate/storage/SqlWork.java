package dev.tutorgate.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of database work. It gets a connection it must neither close nor commit: the
 * {@link Database} owns the transaction around it.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
