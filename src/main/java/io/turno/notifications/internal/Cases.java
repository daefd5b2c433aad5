package io.turno.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.Like;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Cases (procesos): a number unique per tenant, a type, a status, the parties with their contact data, notes. */
@Service
public class Cases {

    public enum CaseStatus { OPEN, IN_PROGRESS, ON_HOLD, CLOSED }

    public record Party(String name, String role, String email, String phone, boolean whatsappOptIn) {
    }

    public record CaseCommand(String number, String type, CaseStatus status, List<Party> parties, String notes) {
    }

    public record CaseView(UUID id, String number, String type, CaseStatus status, List<Party> parties, String notes,
                           Instant createdAt, Instant updatedAt) {

        /** Whether the party with this phone (compared by digits) agreed to WhatsApp messages. */
        boolean optedIn(String phone) {
            String digits = phone.replaceAll("[^0-9]", "");
            return parties.stream().anyMatch(p -> p.whatsappOptIn() && p.phone() != null
                    && p.phone().replaceAll("[^0-9]", "").equals(digits));
        }
    }

    static final class NumberTaken extends BusinessException {
        NumberTaken(String number) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "Ya existe un proceso con el número " + number);
        }
    }

    private static final TypeReference<List<Party>> PARTIES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Cases(JdbcClient jdbc, AuditLog audit, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<CaseView> list(Actor caller, String text, CaseStatus status, String type, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:type AS text) IS NULL OR type = :type)
                  AND (CAST(:q AS text) IS NULL OR number ILIKE :q OR parties::text ILIKE :q)
                """;
        String q = Like.containing(text);
        var items = jdbc.sql("SELECT * FROM cases " + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("t", caller.tenantId().value()).param("status", status == null ? null : status.name())
                .param("type", type).param("q", q).param("limit", size).param("offset", (long) page * size)
                .query(this::view).list();
        long total = jdbc.sql("SELECT count(*) FROM cases " + where)
                .param("t", caller.tenantId().value()).param("status", status == null ? null : status.name())
                .param("type", type).param("q", q).query(Long.class).single();
        return new PageResult<>(items, page, size, total);
    }

    @Transactional(readOnly = true)
    public CaseView get(Actor caller, UUID id) {
        return find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Proceso", id));
    }

    Optional<CaseView> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM cases WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value()).param("id", id).query(this::view).optional();
    }

    @Transactional
    public CaseView create(Actor caller, CaseCommand command) {
        TenantId tenant = caller.tenantId();
        numberFree(tenant, command.number(), null);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO cases (id, tenant_id, number, type, status, parties, notes, created_by, created_at, updated_at)
                VALUES (:id, :t, :number, :type, :status, CAST(:parties AS jsonb), :notes, :by, :now, :now)
                """)
                .param("id", id).param("t", tenant.value()).param("number", command.number().trim())
                .param("type", command.type()).param("status", status(command).name())
                .param("parties", json.writeValueAsString(parties(command))).param("notes", command.notes())
                .param("by", caller.userId()).param("now", Timestamp.from(now)).update();
        var created = get(caller, id);
        audit.record(new AuditEntry(tenant, caller.userId(), caller.username(), "CREATE", "case", id.toString(),
                summary(created)));
        return created;
    }

    @Transactional
    public CaseView update(Actor caller, UUID id, CaseCommand command) {
        TenantId tenant = caller.tenantId();
        var before = get(caller, id);
        numberFree(tenant, command.number(), id);
        jdbc.sql("""
                UPDATE cases SET number = :number, type = :type, status = :status, parties = CAST(:parties AS jsonb),
                       notes = :notes, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id).param("t", tenant.value()).param("number", command.number().trim())
                .param("type", command.type()).param("status", status(command).name())
                .param("parties", json.writeValueAsString(parties(command))).param("notes", command.notes())
                .param("now", Timestamp.from(clock.instant())).update();
        var after = get(caller, id);
        audit.record(new AuditEntry(tenant, caller.userId(), caller.username(), "UPDATE", "case", id.toString(),
                AuditEntry.change(summary(before), summary(after))));
        return after;
    }

    private void numberFree(TenantId tenant, String number, UUID self) {
        boolean taken = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM cases WHERE tenant_id = :t AND number = :number AND id IS DISTINCT FROM :self)
                """)
                .param("t", tenant.value()).param("number", number.trim()).param("self", self)
                .query(Boolean.class).single();
        if (taken) {
            throw new NumberTaken(number);
        }
    }

    private static CaseStatus status(CaseCommand command) {
        return command.status() == null ? CaseStatus.OPEN : command.status();
    }

    private static List<Party> parties(CaseCommand command) {
        return command.parties() == null ? List.of() : command.parties();
    }

    private static Map<String, Object> summary(CaseView c) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("number", c.number());
        summary.put("type", c.type());
        summary.put("status", c.status().name());
        summary.put("parties", c.parties().size());
        return summary;
    }

    private CaseView view(ResultSet rs, int n) throws SQLException {
        return new CaseView(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("type"),
                CaseStatus.valueOf(rs.getString("status")), json.readValue(rs.getString("parties"), PARTIES),
                rs.getString("notes"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
