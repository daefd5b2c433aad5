package io.turno.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Consecutive failed sign-ins per source address; a success from the address starts it over. */
@Repository
class IpFailures {

    private final JdbcClient jdbc;

    IpFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The address's record: failures since its last success, and the lock they earned, if any. */
    record Record(int failures, Instant lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    Optional<Record> find(String ip) {
        return jdbc.sql("SELECT failures, locked_until FROM identity_ip_failures WHERE ip = :ip")
                .param("ip", ip)
                .query((rs, n) -> new Record(
                        rs.getInt("failures"),
                        rs.getTimestamp("locked_until") == null
                                ? null
                                : rs.getTimestamp("locked_until").toInstant()))
                .optional();
    }

    /** Counts one failure; the {@code maxFailures}-th locks the address until {@code lockedUntil}. Answers whether it did. */
    boolean recordFailure(String ip, int maxFailures, Instant lockedUntil, Instant now) {
        return jdbc.sql("""
                INSERT INTO identity_ip_failures AS f (ip, failures, locked_until, updated_at)
                VALUES (:ip, 1, CASE WHEN :max <= 1 THEN CAST(:until AS timestamptz) END, :now)
                ON CONFLICT (ip) DO UPDATE SET
                    failures = CASE WHEN f.failures + 1 >= :max THEN 0 ELSE f.failures + 1 END,
                    locked_until = CASE WHEN f.failures + 1 >= :max THEN CAST(:until AS timestamptz) ELSE f.locked_until END,
                    updated_at = :now
                RETURNING locked_until IS NOT DISTINCT FROM CAST(:until AS timestamptz)
                """)
                .param("ip", ip)
                .param("max", maxFailures)
                .param("until", Timestamp.from(lockedUntil))
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    void reset(String ip) {
        jdbc.sql("DELETE FROM identity_ip_failures WHERE ip = :ip")
                .param("ip", ip)
                .update();
    }
}
