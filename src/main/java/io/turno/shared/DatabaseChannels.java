package io.turno.shared;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Makes {@link DatabaseChannel}s on the application's database, so that a module listening to one
 * needs no {@code DataSource} of its own: only repositories talk to the database through JDBC.
 */
@Component
public class DatabaseChannels {

    private final DataSource dataSource;

    DatabaseChannels(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A channel not yet listening: its owner starts and stops it. */
    public DatabaseChannel channel(String name, DatabaseChannel.Handler handler) {
        return new DatabaseChannel(dataSource, name, handler);
    }
}
