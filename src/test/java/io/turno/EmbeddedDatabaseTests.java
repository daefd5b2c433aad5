package io.turno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turno.EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties;
import io.turno.EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.EmbeddedDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent embedded PostgreSQL, as {@link EmbeddedDatabaseConfiguration} starts it: durable, and
 * started again over a server that a killed Turno left running on its directory.
 */
@AlongsideTheSuite
class EmbeddedDatabaseTests {

    @TempDir
    Path dataDir;

    private Process forgetful;

    @AfterEach
    void leaveNothingRunning() throws Exception {
        if (forgetful != null && forgetful.isAlive()) {
            forgetful.descendants().forEach(ProcessHandle::destroyForcibly);
            forgetful.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (Files.exists(pidFile())) {
            // A server left running (on purpose, or by a failed test): stopped and waited for, since it writes into
            // the directory JUnit deletes next.
            var postmaster = postmaster();
            if (postmaster.isPresent()) {
                postmaster.get().destroy();
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void thePersistentDatabaseCommitsDurably() throws Exception {
        try (var database = EmbeddedDatabase.start(persistent(dataDir, Map.of()));
                var db = DriverManager.getConnection(database.jdbcUrl())) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                var shown = db.createStatement().executeQuery("SHOW " + setting);
                shown.next();
                assertThat(shown.getString(1)).as(setting).isEqualTo("on");
            }
            var groupCommit = db.createStatement().executeQuery("SHOW commit_delay");
            groupCommit.next();
            assertThat(groupCommit.getString(1)).isEqualTo("200");
        }
    }

    @Test
    void aSettingThatTurnsDurabilityOffIsRefusedAtStart() {
        for (var setting : List.of(
                Map.of("fsync", "off"), Map.of("synchronous_commit", "off"), Map.of("full_page_writes", "false"))) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> EmbeddedDatabase.start(persistent(dataDir, setting)))
                    .withMessageContaining("turno.embedded-db.settings."
                            + setting.keySet().iterator().next())
                    .withMessageContaining("ephemeral");
        }
        assertThat(dataDir.resolve("postgres")).as("nothing started").doesNotExist();
    }

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedAndTheNewOneStartsOnTheSameData() throws Exception {
        ProcessHandle leftover = startAndForget();
        // Killed as the OOM killer would, its watchdog with it: the server is left running.
        forgetful.descendants().forEach(ProcessHandle::destroyForcibly);
        forgetful.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(leftover.isAlive())
                .as("the killed JVM's PostgreSQL still runs")
                .isTrue();

        Instant started = Instant.now();
        try (var database = EmbeddedDatabase.start(persistent(dataDir, Map.of()));
                var db = DriverManager.getConnection(database.jdbcUrl())) {
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(30));
            assertThat(leftover.isAlive()).as("the old postmaster is gone").isFalse();
            var rows = db.createStatement().executeQuery("SELECT note FROM left_running");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("escrito antes de la muerte");
        }
    }

    @Test
    void theWatchdogStopsTheServerOfAKilledJvm() throws Exception {
        ProcessHandle postmaster = startAndForget();
        forgetful.destroyForcibly(); // the JVM alone
        await().atMost(Duration.ofSeconds(20)).until(() -> !postmaster.isAlive());
    }

    @Test
    void aServerOfALiveTurnoIsNeverStopped() throws Exception {
        ProcessHandle postmaster = startAndForget();
        assertThatIllegalStateException()
                .isThrownBy(() -> EmbeddedDatabase.start(persistent(dataDir, Map.of())))
                .withMessageContaining("Another Turno is running");
        assertThat(postmaster.isAlive()).isTrue();
        try (Connection db = DriverManager.getConnection(jdbcUrl())) {
            assertThat(db.isValid(5)).isTrue();
        }
    }

    /**
     * Starts the database in a JVM of its own, as Turno would, writes a row, and answers its postmaster.
     */
    private ProcessHandle startAndForget() throws Exception {
        Path log = dataDir.resolve("forgetful.log");
        forgetful = new ProcessBuilder(
                        PackagedJar.java(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Forgetful.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            assertThat(forgetful.isAlive()).as(() -> PackagedJar.read(log)).isTrue();
            return PackagedJar.read(log).contains("READY");
        });
        return postmaster().orElseThrow();
    }

    private Path pidFile() {
        return dataDir.resolve("postgres/postmaster.pid");
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        return ProcessHandle.of(
                Long.parseLong(Files.readAllLines(pidFile()).getFirst().trim()));
    }

    private String jdbcUrl() throws IOException {
        // postmaster.pid's fourth line is the port
        return "jdbc:postgresql://127.0.0.1:"
                + Files.readAllLines(pidFile()).get(3).trim() + "/postgres?user=postgres";
    }

    static EmbeddedDatabaseProperties persistent(Path dataDir, Map<String, String> settings) {
        return new EmbeddedDatabaseProperties(dataDir, new EmbeddedDb(0, false, settings));
    }

    /** A Turno that starts its database and is then killed without stopping it. */
    static final class Forgetful {

        public static void main(String[] args) throws Exception {
            var database = EmbeddedDatabase.start(persistent(Path.of(args[0]), Map.of()));
            try (Connection db = DriverManager.getConnection(database.jdbcUrl())) {
                db.createStatement().execute("CREATE TABLE left_running (note TEXT)");
                db.createStatement().execute("INSERT INTO left_running VALUES ('escrito antes de la muerte')");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            System.out.println("READY");
            new CountDownLatch(1).await(); // until killed
        }
    }
}
