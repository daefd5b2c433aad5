package io.turno;

import static io.turno.PackagedJar.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.turno.PackagedJar.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started twice on one data directory, keeps what was written before the
 * restart, and stops promptly when asked; its audit check runs from the command line.
 */
@AlongsideTheSuite
class PackagedJarIT {

    @TempDir
    Path dataDir;

    private Process running;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void dataWrittenBeforeARestartIsStillThereAfterIt() throws Exception {
        Ports ports = Ports.free();
        int dbPort = ports.database();

        running = start(ports, "first.log");
        try (Connection db = connect(dbPort)) {
            db.createStatement().execute("CREATE TABLE restart_probe (note TEXT)");
            db.createStatement().execute("INSERT INTO restart_probe VALUES ('escrito antes del reinicio')");
        }
        assertThat(stopGracefully(running)).isLessThan(Duration.ofSeconds(15));

        running = start(ports, "second.log");
        try (Connection db = connect(dbPort);
                var rows = db.createStatement()
                        .executeQuery(
                                "SELECT (SELECT note FROM restart_probe), (SELECT count(*) FROM tenants WHERE slug = 'demo')")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("escrito antes del reinicio");
            assertThat(rows.getLong(2))
                    .as("the demo tenant is loaded once, not again")
                    .isOne();
        }
        assertThat(stopGracefully(running)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void theAuditCommandLineCheckReportsEveryChainAndFailsOnATamperedOne() throws Exception {
        Ports ports = Ports.free();
        int dbPort = ports.database();
        running = start(ports, "app.log");
        stopGracefully(running);

        var intact = check(dbPort, "intact.log");
        assertThat(intact.exitValue()).as(read(dataDir.resolve("intact.log"))).isZero();
        assertThat(read(dataDir.resolve("intact.log")))
                .containsPattern("audit chain demo +intact")
                .contains("all intact");

        var postgres = startDatabaseOnly(dbPort);
        try (Connection db = connect(dbPort)) {
            db.createStatement().execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            db.createStatement()
                    .execute("UPDATE audit_log SET actor_name = 'otro' WHERE id = (SELECT min(id) FROM audit_log "
                            + "WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'demo'))");
        } finally {
            postgres.close();
        }
        var broken = check(dbPort, "broken.log");
        assertThat(broken.exitValue()).isEqualTo(3);
        assertThat(read(dataDir.resolve("broken.log"))).containsPattern("audit chain demo +BROKEN");
    }

    private Process check(int dbPort, String logName) throws Exception {
        Process process = new ProcessBuilder(PackagedJar.command(
                        "--turno.audit.verify-and-exit", // bare, as README and docs/audit.md write it
                        "--spring.main.web-application-type=none",
                        "--turno.data-dir=" + dataDir,
                        "--turno.embedded-db.port=" + dbPort))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(logName).toFile())
                .start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    /** The embedded database alone, on Turno's data directory, to change it behind Turno's back. */
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres startDatabaseOnly(int port) throws IOException {
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .start();
    }

    private Process start(Ports ports, String logName) throws Exception {
        Path log = dataDir.resolve(logName);
        Process process = PackagedJar.start(dataDir, ports, log, Duration.ofSeconds(90));
        assertThat(read(log)).contains("Turno is ready at http://127.0.0.1:" + ports.http());
        return process;
    }

    private static Duration stopGracefully(Process process) throws InterruptedException {
        Instant asked = Instant.now();
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Duration.between(asked, Instant.now());
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }
}
