package io.turno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

/** The packaged jar as the integration tests start it: in a JVM of its own, on this machine's Java. */
public final class PackagedJar {

    private PackagedJar() {}

    public static Path jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("turno-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("run ./mvnw verify: no target/turno-*.jar"));
        }
    }

    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The command that runs the jar with {@code arguments}, on this machine's Java, as docs/audit.md writes it. */
    public static List<String> command(String... arguments) throws IOException {
        return command(jar(), arguments);
    }

    private static List<String> command(Path jar, String... arguments) {
        var command = new ArrayList<>(List.of(
                java(),
                // C1 only, as in the test JVM: these tests prove restarts and crash safety, which no JIT
                // setting changes, and a short-lived JVM spends less CPU without C2.
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Path extracted;

    /** The jar extracted into target/extracted, once per test run, by the jar's own tools mode. */
    private static synchronized Path extracted() throws IOException {
        if (extracted == null) {
            Path jar = jar();
            Path destination = Path.of("target", "extracted");
            try {
                Process extract = new ProcessBuilder(
                                java(),
                                "-Djarmode=tools",
                                "-jar",
                                jar.toString(),
                                "extract",
                                "--force",
                                "--destination",
                                destination.toString())
                        .redirectErrorStream(true)
                        .start();
                String output = new String(extract.getInputStream().readAllBytes());
                assertThat(extract.waitFor()).as(output).isZero();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            extracted = destination.resolve(jar.getFileName());
        }
        return extracted;
    }

    /** Waits until the started process answers /health with 200; fails at once if it exits. */
    public static void awaitHealthy(Process process, int httpPort, Path log, Duration within) {
        var http = new TestHttp(httpPort);
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(300)).until(() -> {
                assertThat(process.isAlive())
                        .as(() -> "Turno exited early:\n" + read(log))
                        .isTrue();
                try {
                    return http.get("/health").statusCode() == 200;
                } catch (IllegalStateException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "Turno did not become healthy within " + within.toSeconds() + " s:\n" + read(log), e);
        }
    }

    /**
     * The jar, extracted, started on its own embedded PostgreSQL in {@code dataDir}, its output in {@code log}, once it
     * answers /health; killed if it does not within {@code within}.
     */
    public static Process start(Path dataDir, Ports ports, Path log, Duration within, String... arguments)
            throws IOException {
        // Extracted, as docs/operations.md advises for a server: it starts on about a third less CPU than the
        // executable jar, with no jar nested in a jar to read its classes from.
        var command = command(
                extracted(),
                "--server.port=" + ports.http(),
                "--turno.data-dir=" + dataDir,
                "--turno.embedded-db.port=" + ports.database());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            awaitHealthy(process, ports.http(), log, within);
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    /** Ports for Turno's HTTP server and its embedded PostgreSQL, and one more for a server a test runs. */
    public record Ports(int http, int database, int other) {

        /** Three distinct ports, free now: taken together, as one asked for later could be one given before. */
        public static Ports free() throws IOException {
            try (var first = new ServerSocket(0);
                    var second = new ServerSocket(0);
                    var third = new ServerSocket(0)) {
                return new Ports(first.getLocalPort(), second.getLocalPort(), third.getLocalPort());
            }
        }
    }

    /**
     * SIGKILL, in one command, to the JVM, its child processes, the PostgreSQL whose data is in
     * {@code dataDir}{@code /postgres} and that server's processes, as a container or cgroup kill does.
     */
    public static void killTogether(Process jvm, Path dataDir) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(
                        Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                                .getFirst()
                                .trim()))
                .orElseThrow();
        List<String> command = new ArrayList<>(List.of("kill", "-KILL"));
        Stream.of(jvm.toHandle(), postmaster)
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .forEach(process -> command.add(Long.toString(process.pid())));
        // Not its exit code: a process listed may end by itself before the signal (a backend, the
        // watchdog's child), and kill then answers 1 for it. What matters is that both are dead.
        new ProcessBuilder(command).inheritIO().start().waitFor();
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
