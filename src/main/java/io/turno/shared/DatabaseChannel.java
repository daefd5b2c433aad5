package io.turno.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one PostgreSQL notification channel, on a connection of its own outside the pool (it
 * is held for as long as Turno runs), reconnecting every 2 s after a loss. Notifications sent while
 * it is not listening are lost for good: {@link Handler#listening()} tells the handler each time
 * listening starts again, so it can catch up.
 */
public final class DatabaseChannel {

    public interface Handler {

        /** Listening (again): whatever was notified before this moment has been missed. */
        default void listening() {}

        /** The connection is lost; notifications are missed until {@link #listening()}. */
        default void deaf() {}

        /** The payloads that arrived together, in order, duplicates included. */
        void notified(List<String> payloads);

        /** Called at least once a second while listening, for periodic work of the handler. */
        default void tick() {}
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseChannel.class);
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String channel;
    private final Handler handler;
    private volatile boolean running;
    private Thread thread;

    public DatabaseChannel(DataSource dataSource, String channel, Handler handler) {
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a plain channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.handler = handler;
    }

    /**
     * A platform thread: a notification is handled as soon as it arrives, not after the requests
     * queued for the virtual threads' carriers.
     */
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name(channel + "-listener").start(this::listen);
    }

    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                var pg = connection.unwrap(PGConnection.class);
                handler.listening();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        handler.notified(Arrays.stream(notifications)
                                .map(PGNotification::getParameter)
                                .toList());
                    }
                    handler.tick();
                }
            } catch (SQLException | RuntimeException e) {
                handler.deaf();
                if (running) {
                    log.warn(
                            "Listener of {} lost its database connection; retrying in 2 s: {}",
                            channel,
                            e.getMessage());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
        handler.deaf();
    }

    private Connection connect() throws SQLException {
        var pool = dataSource.unwrap(HikariDataSource.class);
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
