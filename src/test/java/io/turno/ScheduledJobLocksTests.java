package io.turno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A scheduled job's lock frees its job within 30 s of its instance's death, yet a job running longer keeps
 * it: locks are taken for 30 s and extended while their job runs.
 */
@TurnoTest
class ScheduledJobLocksTests {

    @Autowired
    LockProvider locks;

    @Autowired
    DataSource dataSource;

    @Test
    void noJobNamesALockLongerThanThirtySeconds() {
        var jobs = new ArrayList<String>();
        ArchitectureTests.TURNO.stream()
                .flatMap(type -> type.getMethods().stream())
                .filter(method -> method.isAnnotatedWith(SchedulerLock.class))
                .forEach(method -> {
                    var lock = method.getAnnotationOfType(SchedulerLock.class);
                    jobs.add(lock.name());
                    assertThat(lock.lockAtMostFor())
                            .as(lock.name() + " keeps the 30 s default")
                            .isEmpty();
                });
        assertThat(jobs).contains("production-downtime", "notifications-appointment-reminders");
    }

    @Test
    void aRunningJobsLockIsExtendedAndNeverHeldMoreThanThirtySecondsAhead() {
        JdbcClient db = TestDatabase.owner(dataSource);
        String name = "test-keep-alive-" + System.nanoTime();
        var lock = locks.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO))
                .orElseThrow();
        try {
            Timestamp first = until(db, name);
            assertThat(first.toInstant()).isBefore(Instant.now().plusSeconds(31));
            // Extended every 15 s while held, each time to 30 s from then: what a dead instance leaves behind.
            await().atMost(Duration.ofSeconds(25))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> until(db, name).after(first));
            assertThat(until(db, name).toInstant()).isBefore(Instant.now().plusSeconds(31));
        } finally {
            lock.unlock();
        }
    }

    private static Timestamp until(JdbcClient db, String name) {
        return db.sql("SELECT lock_until FROM shedlock WHERE name = :name")
                .param("name", name)
                .query(Timestamp.class)
                .single();
    }
}
