package io.turno.production;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB (Debian's {@code mariadb-server}) of the test's own: a fresh data directory, a free
 * port on 127.0.0.1; stopped and removed by {@link #close()}.
 */
final class MariaDbServer implements AutoCloseable {

    final int port;
    private final Path dir;
    private final Process process;

    MariaDbServer() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("turno-mariadb");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal", "--user=" + System.getProperty("user.name"), "--skip-test-db"));
        process = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"), "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"), "--user=" + System.getProperty("user.name"),
                "--pid-file=" + dir.resolve("pid"), "--skip-log-bin", "--innodb-buffer-pool-size=16M",
                "--skip-name-resolve")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Connection ignored = root()) {
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    String log = Files.readString(dir.resolve("server.log"));
                    close();
                    throw new IllegalStateException("MariaDB did not start: " + log, notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Root (without a password, so only for the test): the application connects as a user the test creates. */
    Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = root(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process install = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes());
        if (!install.waitFor(60, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
