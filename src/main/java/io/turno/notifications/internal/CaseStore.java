package io.turno.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.notifications.internal.Cases.CaseStatus;
import io.turno.notifications.internal.Cases.CaseView;
import io.turno.notifications.internal.Cases.Party;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code cases} table: a case's parties are stored as one JSON array. */
@Repository
class CaseStore {

    private static final TypeReference<List<Party>> PARTIES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CaseStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** {@code pattern} is a bound ILIKE pattern matched against the number and the parties, or null. */
    PageResult<CaseView> page(TenantId tenant, String pattern, CaseStatus status, String type, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:type AS text) IS NULL OR type = :type)
                  AND (CAST(:q AS text) IS NULL OR number ILIKE :q OR parties::text ILIKE :q)
                """;
        var items = jdbc.sql(
                        "SELECT * FROM cases " + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("t", tenant.value())
                .param("status", status == null ? null : status.name())
                .param("type", type)
                .param("q", pattern)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::view)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM cases " + where)
                .param("t", tenant.value())
                .param("status", status == null ? null : status.name())
                .param("type", type)
                .param("q", pattern)
                .query(Long.class)
                .single();
        return new PageResult<>(items, page, size, total);
    }

    Optional<CaseView> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM cases WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(this::view)
                .optional();
    }

    /** Instances starting together on one database seed the demo one after the other. */
    void lockDemoSeeding() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('turno.notifications.demo'))")
                .query()
                .singleRow();
    }

    void insert(
            TenantId tenant,
            UUID id,
            String number,
            String type,
            CaseStatus status,
            List<Party> parties,
            String notes,
            UUID createdBy,
            Instant now) {
        jdbc.sql("""
                INSERT INTO cases (id, tenant_id, number, type, status, parties, notes, created_by, created_at, updated_at)
                VALUES (:id, :t, :number, :type, :status, CAST(:parties AS jsonb), :notes, :by, :now, :now)
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("number", number)
                .param("type", type)
                .param("status", status.name())
                .param("parties", json.writeValueAsString(parties))
                .param("notes", notes)
                .param("by", createdBy)
                .param("now", Timestamp.from(now))
                .update();
    }

    void update(
            TenantId tenant,
            UUID id,
            String number,
            String type,
            CaseStatus status,
            List<Party> parties,
            String notes,
            Instant now) {
        jdbc.sql("""
                UPDATE cases SET number = :number, type = :type, status = :status, parties = CAST(:parties AS jsonb),
                       notes = :notes, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("number", number)
                .param("type", type)
                .param("status", status.name())
                .param("parties", json.writeValueAsString(parties))
                .param("notes", notes)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Whether another case of the tenant (not {@code self}) has this number. */
    boolean numberTaken(TenantId tenant, String number, UUID self) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM cases WHERE tenant_id = :t AND number = :number AND id IS DISTINCT FROM :self)
                """)
                .param("t", tenant.value())
                .param("number", number)
                .param("self", self)
                .query(Boolean.class)
                .single();
    }

    private CaseView view(ResultSet rs, int n) throws SQLException {
        return new CaseView(
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                rs.getString("type"),
                CaseStatus.valueOf(rs.getString("status")),
                json.readValue(rs.getString("parties"), PARTIES),
                rs.getString("notes"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
