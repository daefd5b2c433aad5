package io.turno.shared;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Makes {@link DatabaseChannel}s on the application's database, so that a listener (a module's
 * component) needs no {@link DataSource} of its own: only repositories reach the database.
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
