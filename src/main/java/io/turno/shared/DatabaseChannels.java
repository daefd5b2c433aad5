package io.turno.shared;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes {@link DatabaseChannel}s on the application's database, so that a listener (a module's
 * component) needs no {@link DataSource} of its own: only repositories reach the database.
 */
@Component
public class DatabaseChannels {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    DatabaseChannels(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** A channel not yet listening: its owner starts and stops it. */
    public DatabaseChannel channel(String name, DatabaseChannel.Handler handler) {
        return new DatabaseChannel(dataSource, name, handler);
    }

    /**
     * Notifies {@code channel} within the current transaction: PostgreSQL delivers it when that
     * commits, and never if it rolls back. Without a transaction, at once.
     */
    public void notify(String channel, String payload) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)")
                .param("channel", channel)
                .param("payload", payload)
                .query()
                .listOfRows();
    }
}
