package io.turno;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.turno.EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turno's own PostgreSQL under {@code <data-dir>/postgres}. The persistent one commits durably, takes
 * over from a server a killed Turno left running on its directory, and is stopped by a watchdog
 * process when this JVM dies without stopping it. The ephemeral one (tests) keeps the test library's
 * fast settings: it is thrown away anyway.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * What the persistent database always runs with: no acknowledged commit lost to a crash of
     * PostgreSQL, no data directory torn by a crash of the machine. The test library starts the server
     * with {@code -F} (fsync off) and {@code synchronous_commit=off}; these settings override both.
     */
    static final Map<String, String> DURABLE =
            Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    /**
     * Group commit: with three or more transactions open, a commit waits up to 0.2 ms for others to
     * share its flush to disk. The busy paths measured 10–15 % faster with it (docs/benchmarks.md);
     * a setting of the user's wins.
     */
    static final Map<String, String> GROUP_COMMIT = Map.of("commit_delay", "200", "commit_siblings", "3");

    private static final Set<String> ON = Set.of("on", "true", "yes", "1");

    /** Values of synchronous_commit that still wait for the local WAL flush. */
    private static final Set<String> DURABLE_COMMIT = Set.of("local", "remote_write", "remote_apply");

    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(60);

    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;

    private final Process watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Process watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    static EmbeddedDatabase start(EmbeddedDatabaseProperties properties) throws IOException {
        var embeddedDb = properties.embeddedDb();
        Map<String, String> settings = embeddedDb.settings() == null ? Map.of() : embeddedDb.settings();
        if (!embeddedDb.ephemeral()) {
            refuseNonDurable(settings);
        }
        Path directory = embeddedDb.ephemeral()
                ? Files.createTempDirectory("turno-pg-")
                : Files.createDirectories(
                        properties.dataDir().toAbsolutePath().normalize().resolve("postgres"));
        stopLeftover(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(embeddedDb.ephemeral())
                // Closed by Spring after the DataSource (which depends on it), never by a JVM hook: a
                // hook would stop PostgreSQL while the event registry still writes, and shutdown would hang.
                .setRegisterShutdownHook(false)
                // The default 10 s is not always enough on a busy two-core machine.
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (!embeddedDb.ephemeral()) {
            DURABLE.forEach(builder::setServerConfig);
            GROUP_COMMIT.forEach(builder::setServerConfig);
        }
        settings.forEach(builder::setServerConfig);
        if (embeddedDb.port() > 0) {
            builder.setPort(embeddedDb.port());
        }
        EmbeddedPostgres postgres = builder.start();
        Process watchdog =
                postmasterPid(directory).map(pid -> watchdog(pid, directory)).orElse(null);
        log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
        return new EmbeddedDatabase(postgres, watchdog);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The watchdog goes first: closing the database is then this JVM's own, orderly stop. */
    @Override
    public void close() throws IOException {
        if (watchdog != null) {
            watchdog.destroy();
            try {
                watchdog.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postgres.close();
    }

    private static void refuseNonDurable(Map<String, String> settings) {
        settings.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            String setting = value.trim().toLowerCase(Locale.ROOT);
            boolean durable = !DURABLE.containsKey(key)
                    || ON.contains(setting)
                    || (key.equals("synchronous_commit") && DURABLE_COMMIT.contains(setting));
            if (!durable) {
                throw new IllegalStateException(("turno.embedded-db.settings.%s=%s would let a crash lose what was "
                                + "acknowledged or corrupt the database: the persistent embedded PostgreSQL always runs "
                                + "with fsync, synchronous_commit and full_page_writes on. Remove the setting (a throw-away "
                                + "database for tests is turno.embedded-db.ephemeral=true)")
                        .formatted(name, value));
            }
        });
    }

    /**
     * A Turno killed with SIGKILL leaves its PostgreSQL running (pg_ctl started it in a session of its
     * own), which would keep the new one from starting. Such a server is stopped here, once its
     * owner is known to be dead: a live Turno on this directory holds the lock file.
     */
    private static void stopLeftover(Path directory) throws IOException {
        Optional<ProcessHandle> leftover =
                postmasterPid(directory).flatMap(ProcessHandle::of).filter(p -> servesDirectory(p, directory));
        if (leftover.isEmpty()) {
            return; // none, or a stale postmaster.pid, which PostgreSQL itself sees through
        }
        ProcessHandle postmaster = leftover.get();
        requireNoLiveOwner(directory, postmaster.pid());
        log.info(
                "PostgreSQL (pid {}) was left running on {} by a Turno that did not stop it; stopping it "
                        + "before starting again",
                postmaster.pid(),
                directory);
        signal(postmaster, "INT"); // fast shutdown: open transactions roll back, the rest is checkpointed
        if (!exited(postmaster, FAST_SHUTDOWN)) {
            log.warn(
                    "PostgreSQL (pid {}) did not stop within {}; stopping it at once", postmaster.pid(), FAST_SHUTDOWN);
            signal(postmaster, "QUIT"); // immediate shutdown: the next start recovers from the WAL
            if (!exited(postmaster, IMMEDIATE_SHUTDOWN)) {
                throw new IllegalStateException(
                        "PostgreSQL (pid %d) left running on %s does not stop; stop it and start Turno again"
                                .formatted(postmaster.pid(), directory));
            }
        }
    }

    private static void requireNoLiveOwner(Path directory, long pid) throws IOException {
        Path lockFile = directory.resolve("epg-lock"); // held by the Turno that started the server, while it lives
        if (!Files.exists(lockFile)) {
            return;
        }
        FileLock lock;
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisJvm) {
            lock = null;
        }
        if (lock == null) {
            // Left open: closing it would release this JVM's own lock on the file, if it holds one.
            throw new IllegalStateException(
                    "Another Turno is running on %s (its PostgreSQL has pid %d): stop it first, or give this one another turno.data-dir"
                            .formatted(directory, pid));
        }
        lock.release();
        channel.close();
    }

    /** The postmaster's own check of its process, made first: its executable, and /proc's view of its directory. */
    private static boolean servesDirectory(ProcessHandle process, Path directory) {
        var info = process.info();
        boolean postgres = info.command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
        if (!postgres) {
            return false;
        }
        try {
            // The postmaster works in its data directory.
            return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), directory);
        } catch (IOException | SecurityException noProc) {
            return info.arguments()
                    .map(arguments -> List.of(arguments).contains(directory.toString()))
                    .orElse(false);
        }
    }

    private static Optional<Long> postmasterPid(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException none) {
            return Optional.empty();
        }
    }

    private static void signal(ProcessHandle process, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * A shell that waits for end-of-file on a pipe only this JVM writes to: the kernel closes it when
     * the JVM dies, however it dies, and the shell then asks the postmaster for a fast shutdown (if it
     * is still the one on this directory). In a session of its own, it outlives a kill of the JVM's
     * process group. {@link #close()} stops it first, so it never touches the server of a live JVM.
     * Linux only (it reads /proc); elsewhere there is no watchdog, and the next start stops a leftover.
     */
    private static Process watchdog(long postmaster, Path directory) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return null;
        }
        String script = "read -r line; [ \"$(readlink /proc/$1/cwd)\" = \"$2\" ] && kill -INT \"$1\"";
        try {
            String realDirectory = directory.toRealPath().toString();
            var command = new ArrayList<>(List.of(
                    "setsid", "sh", "-c", script, "turno-pg-watchdog", Long.toString(postmaster), realDirectory));
            try {
                return watchdogProcess(command);
            } catch (IOException noSetsid) {
                return watchdogProcess(command.subList(1, command.size()));
            }
        } catch (IOException e) {
            log.warn(
                    "No watchdog for the embedded PostgreSQL ({}): if this JVM is killed, the next start stops it",
                    e.toString());
            return null;
        }
    }

    private static Process watchdogProcess(List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
