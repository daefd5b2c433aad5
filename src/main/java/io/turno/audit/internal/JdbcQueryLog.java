package io.turno.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.QueryLog;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.json.JsonMapper;

/** The query log in PostgreSQL: {@code audit_query_log}. */
@Repository
class JdbcQueryLog implements QueryLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JdbcQueryLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Alone, in a transaction whose commit does not wait for the disk: a read's record need not (a crash of the
     * database may lose its last fraction of a second of query log, never what anyone saved). Inside a caller's
     * transaction it joins it as written, so the caller's commit stays as durable as it was and holds no second
     * connection.
     */
    @Override
    @Transactional
    public void record(QueryEntry entry) {
        boolean alone = TransactionAspectSupport.currentTransactionStatus().isNewTransaction();
        // In the INSERT itself, so a dashboard pays one round trip for it.
        jdbc.sql("""
                WITH unflushed AS (SELECT CASE WHEN :alone THEN set_config('synchronous_commit', 'off', true) END)
                INSERT INTO audit_query_log (tenant_id, user_id, username, kind, filters, row_count, duration_ms, executed_at)
                SELECT :tenant, :user, :username, :kind, CAST(:filters AS jsonb), :rows, :duration, :at FROM unflushed
                """)
                .param("alone", alone)
                .param("tenant", entry.tenantId().value())
                .param("user", entry.userId())
                .param("username", entry.username())
                .param("kind", entry.kind())
                .param("filters", json.writeValueAsString(entry.filters() == null ? Map.of() : entry.filters()))
                .param("rows", entry.rows())
                .param("duration", entry.durationMillis())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<QueryRecord> search(TenantId tenantId, QuerySearch search, int page, int size) {
        String where = """
                WHERE tenant_id = :tenant
                  AND (CAST(:username AS text) IS NULL OR username = :username)
                  AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                  AND (CAST(:from AS timestamptz) IS NULL OR executed_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR executed_at < :to)
                """;
        var params = new HashMap<String, Object>();
        params.put("tenant", tenantId.value());
        params.put("username", search.username());
        params.put("kind", search.kind());
        params.put("from", search.from() == null ? null : Timestamp.from(search.from()));
        params.put("to", search.to() == null ? null : Timestamp.from(search.to()));
        long total = jdbc.sql("SELECT count(*) FROM audit_query_log " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql("""
                SELECT id, user_id, username, kind, filters::text AS filters, row_count, duration_ms, executed_at
                FROM audit_query_log
                """ + where + " ORDER BY executed_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> new QueryRecord(
                        rs.getLong("id"),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("username"),
                        rs.getString("kind"),
                        filters(rs.getString("filters")),
                        rs.getLong("row_count"),
                        rs.getLong("duration_ms"),
                        rs.getTimestamp("executed_at").toInstant()))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> filters(String text) {
        return json.readValue(text, Map.class);
    }
}
