package io.turno.reporting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The background report jobs and the runners' heartbeats. Every change of a job's state is one
 * conditional UPDATE, so two instances never both claim, finish or cancel the same job.
 */
@Repository
class ReportJobStore {

    /** A job an instance claimed: everything needed to run it as its owner asked. */
    record Claimed(
            UUID id,
            TenantId tenant,
            UUID ownerId,
            String ownerName,
            List<String> authorities,
            String report,
            ReportFormat format,
            Map<String, List<String>> parameters,
            boolean semicolon,
            String language,
            String notifyEmail) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ReportJobStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(
            UUID id,
            TenantId tenant,
            UUID owner,
            String ownerName,
            List<String> authorities,
            String report,
            ReportFormat format,
            Map<String, List<String>> parameters,
            boolean semicolon,
            String language,
            String notifyEmail,
            Instant now) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, values) -> values.forEach(v -> pairs.add(name + "=" + v)));
        jdbc.sql("""
                INSERT INTO reporting_jobs (id, tenant_id, owner_id, owner_name, authorities, report, format,
                                            parameters, semicolon, language, notify_email, status, created_at)
                VALUES (:id, :t, :owner, :name, :authorities, :report, :format, :parameters, :semicolon,
                        :language, :notify, 'QUEUED', :now)
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("owner", owner)
                .param("name", ownerName)
                .param("authorities", authorities.toArray(String[]::new))
                .param("report", report)
                .param("format", format.name())
                .param("parameters", pairs.toArray(String[]::new))
                .param("semicolon", semicolon)
                .param("language", language)
                .param("notify", notifyEmail)
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<ReportJob> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                SELECT id, owner_id, report, format, status, rows_done, percent, attempts, error, file_name,
                       created_at, started_at, finished_at
                FROM reporting_jobs WHERE tenant_id = :t AND id = :id
                """)
                .param("t", tenant.value())
                .param("id", id)
                .query((rs, n) -> job(rs))
                .optional();
    }

    private static ReportJob job(ResultSet rs) throws SQLException {
        return new ReportJob(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getString("report"),
                ReportFormat.valueOf(rs.getString("format")),
                ReportJob.Status.valueOf(rs.getString("status")),
                rs.getLong("rows_done"),
                rs.getInt("percent"),
                rs.getInt("attempts"),
                rs.getString("error"),
                rs.getString("file_name"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    Optional<byte[]> file(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT file FROM reporting_jobs WHERE tenant_id = :t AND id = :id AND status = 'DONE'")
                .param("t", tenant.value())
                .param("id", id)
                .query((rs, n) -> rs.getBytes("file"))
                .optional();
    }

    /** Cancels a job not finished yet; false when it was already DONE, FAILED or CANCELLED. */
    boolean cancel(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE reporting_jobs SET status = 'CANCELLED', finished_at = :now, claimed_by = NULL
                        WHERE tenant_id = :t AND id = :id AND status IN ('QUEUED', 'RUNNING')
                        """)
                        .param("now", Timestamp.from(now))
                        .param("t", tenant.value())
                        .param("id", id)
                        .update()
                != 0;
    }

    /** The oldest queued job of any tenant, now RUNNING on {@code instance}; the caller reads it unscoped. */
    Optional<Claimed> claimNext(UUID instance, Instant now) {
        return jdbc.sql("""
                WITH next AS (
                    SELECT id FROM reporting_jobs WHERE status = 'QUEUED'
                    ORDER BY created_at LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                UPDATE reporting_jobs j SET status = 'RUNNING', attempts = j.attempts + 1, claimed_by = :instance,
                                            started_at = :now, rows_done = 0, percent = 0
                FROM next WHERE j.id = next.id
                RETURNING j.id, j.tenant_id, j.owner_id, j.owner_name, j.authorities, j.report, j.format,
                          j.parameters, j.semicolon, j.language, j.notify_email
                """)
                .param("instance", instance)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("owner_id", UUID.class),
                        rs.getString("owner_name"),
                        strings(rs.getArray("authorities")),
                        rs.getString("report"),
                        ReportFormat.valueOf(rs.getString("format")),
                        parameters(strings(rs.getArray("parameters"))),
                        rs.getBoolean("semicolon"),
                        rs.getString("language"),
                        rs.getString("notify_email")))
                .optional();
    }

    /**
     * Notes the progress of a job this instance runs; false when it no longer does (cancelled, or taken
     * back because this instance was thought dead), and the run should stop.
     */
    boolean progress(TenantId tenant, UUID id, UUID instance, long rows, int percent) {
        return jdbc.sql("""
                        UPDATE reporting_jobs SET rows_done = :rows, percent = :percent
                        WHERE tenant_id = :t AND id = :id AND status = 'RUNNING' AND claimed_by = :instance
                        """)
                        .param("rows", rows)
                        .param("percent", percent)
                        .param("t", tenant.value())
                        .param("id", id)
                        .param("instance", instance)
                        .update()
                != 0;
    }

    /** The job DONE with its file, streamed from {@code file}, if this instance still holds it. */
    boolean finish(TenantId tenant, UUID id, UUID instance, long rows, String fileName, Path file, Instant now)
            throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return template.update("""
                            UPDATE reporting_jobs SET status = 'DONE', rows_done = ?, percent = 100, file_name = ?,
                                                      file = ?, finished_at = ?
                            WHERE tenant_id = ? AND id = ? AND status = 'RUNNING' AND claimed_by = ?
                            """, ps -> {
                        ps.setLong(1, rows);
                        ps.setString(2, fileName);
                        ps.setBinaryStream(3, in, size);
                        ps.setTimestamp(4, Timestamp.from(now));
                        ps.setObject(5, tenant.value());
                        ps.setObject(6, id);
                        ps.setObject(7, instance);
                    })
                    != 0;
        }
    }

    /** The job FAILED with a message its owner can read, if this instance still holds it. */
    void fail(TenantId tenant, UUID id, UUID instance, String error, Instant now) {
        jdbc.sql("""
                UPDATE reporting_jobs SET status = 'FAILED', error = :error, finished_at = :now
                WHERE tenant_id = :t AND id = :id AND status = 'RUNNING' AND claimed_by = :instance
                """)
                .param("error", error)
                .param("now", Timestamp.from(now))
                .param("t", tenant.value())
                .param("id", id)
                .param("instance", instance)
                .update();
    }

    /** Queues again the jobs of every instance whose heartbeat is older than {@code staleAfter}; read unscoped. */
    int requeueOrphans(Duration staleAfter) {
        return jdbc.sql("""
                UPDATE reporting_jobs j SET status = 'QUEUED', claimed_by = NULL, rows_done = 0, percent = 0
                WHERE j.status = 'RUNNING' AND NOT EXISTS (
                    SELECT FROM reporting_runners r
                    WHERE r.id = j.claimed_by AND r.heartbeat_at > now() - CAST(:stale AS interval))
                """)
                .param("stale", staleAfter.toMillis() + " milliseconds")
                .update();
    }

    /** The owner's latest jobs, newest first, without their files. */
    List<ReportJob> recent(TenantId tenant, UUID owner, int limit) {
        return jdbc.sql("""
                SELECT id, owner_id, report, format, status, rows_done, percent, attempts, error, file_name,
                       created_at, started_at, finished_at
                FROM reporting_jobs WHERE tenant_id = :t AND owner_id = :owner
                ORDER BY created_at DESC, id LIMIT :limit
                """)
                .param("t", tenant.value())
                .param("owner", owner)
                .param("limit", limit)
                .query((rs, n) -> job(rs))
                .list();
    }

    /** How many of the owner's jobs are DONE and their file not downloaded by them yet. */
    long readyNotDownloaded(TenantId tenant, UUID owner) {
        return jdbc.sql("""
                SELECT count(*) FROM reporting_jobs
                WHERE tenant_id = :t AND owner_id = :owner AND status = 'DONE' AND downloaded_at IS NULL
                """)
                .param("t", tenant.value())
                .param("owner", owner)
                .query(Long.class)
                .single();
    }

    /** The owner downloaded the file: the first time is kept. */
    void downloaded(TenantId tenant, UUID id, UUID owner, Instant now) {
        jdbc.sql("""
                UPDATE reporting_jobs SET downloaded_at = :now
                WHERE tenant_id = :t AND id = :id AND owner_id = :owner AND downloaded_at IS NULL
                """)
                .param("t", tenant.value())
                .param("id", id)
                .param("owner", owner)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Removes the files of jobs finished before {@code before}: they become EXPIRED; read unscoped. */
    int expireFinishedBefore(Instant before) {
        return jdbc.sql("""
                UPDATE reporting_jobs SET status = 'EXPIRED', file = NULL
                WHERE status = 'DONE' AND finished_at < :before
                """).param("before", Timestamp.from(before)).update();
    }

    /** The instance's heartbeat now; its row comes back if someone removed it. */
    void beat(UUID instance) {
        jdbc.sql("""
                INSERT INTO reporting_runners (id) VALUES (:id)
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()
                """).param("id", instance).update();
    }

    void forgetSilentSince(Duration silence) {
        jdbc.sql("DELETE FROM reporting_runners WHERE heartbeat_at < now() - CAST(:silence AS interval)")
                .param("silence", silence.toSeconds() + " seconds")
                .update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Map<String, List<String>> parameters(List<String> pairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            parameters
                    .computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>())
                    .add(pair.substring(eq + 1));
        }
        return parameters;
    }
}
