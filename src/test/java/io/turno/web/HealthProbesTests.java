package io.turno.web;

import static io.turno.PackagedJar.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turno.AlongsideTheSuite;
import io.turno.TestHttp;
import io.turno.TurnoApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code /health} and readiness answer 503 while Turno starts (its start-up runners, which load the
 * bootstrap and demo data, are not done) and while its database is down; liveness stays 200 through
 * both, so an orchestrator holds traffic back without restarting the instance. With the database down
 * they answer within seconds, not after the pool's 30 s connection timeout. A context of its own,
 * on a PostgreSQL the test stops and starts again.
 */
@AlongsideTheSuite
class HealthProbesTests {

    @TempDir
    Path databaseDir;

    @Test
    void healthAndReadinessAnswer503WhileStartingAndWhileTheDatabaseIsDownLivenessStays200() throws Exception {
        int dbPort = freePort();
        int httpPort = freePort();
        var http = new TestHttp(httpPort);
        var database = startDatabase(dbPort);
        String url = database.getJdbcUrl("postgres", "postgres");
        var heldRunnerReached = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // Runs after the seeders (it has no @Order): start-up is still under way while it waits.
        ApplicationRunner heldRunner = args -> {
            heldRunnerReached.countDown();
            release.await(3, TimeUnit.MINUTES);
        };
        var starting = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(TurnoApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("heldRunner", heldRunner))
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        // The pool's own connection timeout (30 s) stays: /health must answer well before it.
                        "--server.port=" + httpPort));
        try {
            await().atMost(Duration.ofMinutes(4)).until(() -> {
                if (starting.isCompletedExceptionally()) {
                    starting.join();
                }
                return heldRunnerReached.getCount() == 0;
            });
            assertThat(http.get("/health").statusCode()).isEqualTo(503);
            assertThat(http.get("/health").body()).contains("\"unhealthy\"");
            assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

            release.countDown();
            try (ConfigurableApplicationContext turno = starting.get(1, TimeUnit.MINUTES)) {
                assertThat(http.get("/health").statusCode()).isEqualTo(200);
                var readiness = http.get("/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(200);
                assertThat(readiness.body())
                        .as("no details for anonymous callers")
                        .isEqualTo("{\"status\":\"UP\"}");

                database.close();
                // Loose bounds for a loaded machine; the check gives up after 2 s, the pool after 30 s.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> http.get("/health").statusCode() == 503);
                long started = System.nanoTime();
                assertThat(http.get("/health").statusCode()).isEqualTo(503);
                assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("two probes while the database is down")
                        .isLessThan(Duration.ofSeconds(10));
                assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

                database = startDatabase(dbPort);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> http.get("/health").statusCode() == 200);
            }
        } finally {
            release.countDown();
            database.close();
        }
    }

    /** The same data directory and port each time, so the application finds it again after a restart. */
    private EmbeddedPostgres startDatabase(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(databaseDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .start();
    }
}
