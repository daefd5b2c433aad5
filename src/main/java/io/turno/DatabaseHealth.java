package io.turno;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database check of readiness and {@code /health} ({@code db}, in place of Spring Boot's), answered
 * within {@code turno.health.database-timeout}: with the database down, Boot's own check waits for the
 * pool's connection timeout (30 s), long after a load balancer gave up on the probe. The check itself is
 * Boot's; it runs on a virtual thread and, when it does not answer in time, the database is reported down.
 * A check still running is joined by the next probe, not started again, so probes of a dead database never
 * pile up threads waiting for connections.
 */
@Component("dbHealthContributor")
class DatabaseHealth implements HealthIndicator {

    private static final Executor VIRTUAL =
            task -> Thread.ofVirtual().name("database-health").start(task);

    private final DataSourceHealthIndicator check;
    private final Duration within;
    private CompletableFuture<Health> running = CompletableFuture.completedFuture(null);

    DatabaseHealth(DataSource dataSource, @Value("${turno.health.database-timeout:PT2S}") Duration within) {
        this.check = new DataSourceHealthIndicator(dataSource);
        this.within = within;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> current;
        synchronized (this) {
            if (running.isDone()) {
                running = CompletableFuture.supplyAsync(check::health, VIRTUAL);
            }
            current = running;
        }
        try {
            return current.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            return Health.down()
                    .withDetail("error", "The database did not answer within " + within.toMillis() + " ms")
                    .build();
        } catch (ExecutionException failed) {
            return Health.down(failed.getCause()).build();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }
}
