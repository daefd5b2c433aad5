package io.turno.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Fixed one-minute windows counted in PostgreSQL, so every instance sees the same count. One
 * statement both creates or resets a bucket and increments it; the row lock of
 * {@code ON CONFLICT … DO UPDATE} serialises concurrent requests on the same key.
 */
@Repository
class RateLimits {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.EPOCH);

    RateLimits(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts one request against {@code key}.
     *
     * @return empty while the window's count stays within {@code limit}; otherwise the seconds
     *         (1–60) until the window ends
     */
    OptionalLong hit(String key, int limit) {
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        // An instance whose clock lags never moves a bucket back to an older window (GREATEST).
        int count = jdbc.sql("""
                        INSERT INTO identity_rate_limits AS b (bucket_key, window_start, request_count)
                        VALUES (:key, :window, 1)
                        ON CONFLICT (bucket_key) DO UPDATE SET
                            request_count = CASE WHEN b.window_start >= EXCLUDED.window_start
                                                 THEN b.request_count + 1 ELSE 1 END,
                            window_start = GREATEST(b.window_start, EXCLUDED.window_start)
                        RETURNING request_count""")
                .param("key", key)
                .param("window", Timestamp.from(window))
                .query(Integer.class)
                .single();
        cleanUp(window);
        if (count <= limit) {
            return OptionalLong.empty();
        }
        long millisLeft = Duration.between(now, window.plus(WINDOW)).toMillis();
        return OptionalLong.of(Math.clamp((millisLeft + 999) / 1000, 1, WINDOW.toSeconds()));
    }

    /** At most once a minute per instance, on a request's thread: buckets of finished windows go. */
    private void cleanUp(Instant window) {
        Instant last = lastCleanup.get();
        if (!window.isAfter(last) || !lastCleanup.compareAndSet(last, window)) {
            return;
        }
        jdbc.sql("DELETE FROM identity_rate_limits WHERE window_start < :window")
                .param("window", Timestamp.from(window))
                .update();
    }
}
