package io.turno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
