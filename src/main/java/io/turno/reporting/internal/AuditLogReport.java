package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DATETIME;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.turno.audit.AuditLog;
import io.turno.audit.AuditLog.AuditQuery;
import io.turno.audit.AuditLog.AuditRecord;
import io.turno.audit.AuditLog.ChainVerification;
import io.turno.audit.QueryLog;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's audit log for administrators ({@code audit:export}), newest first, with the
 * hash chain's verification on the first page: whether it is intact, how many entries were checked,
 * the first broken one. Entries are read from the audit module a page at a time, as they are written.
 */
@Component
class AuditLogReport implements ReportDefinition {

    /** Entries asked of the audit log at once. */
    private static final int PAGE = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<Column> COLUMNS = List.of(
            Column.of("id", "Id", "Id", INTEGER),
            Column.of("occurred_at", "Fecha y hora", "Date and time", DATETIME),
            Column.of("actor", "Usuario", "User", TEXT),
            Column.of("action", "Acción", "Action", TEXT),
            Column.of("entity_type", "Entidad", "Entity", TEXT),
            Column.of("entity_id", "Id de la entidad", "Entity id", TEXT),
            Column.of("ip", "IP", "IP", TEXT),
            Column.of("summary", "Resumen", "Summary", TEXT),
            Column.of("hash", "Hash", "Hash", TEXT));

    private final AuditLog audit;
    private final QueryLog queries;

    AuditLogReport(AuditLog audit, QueryLog queries) {
        this.audit = audit;
        this.queries = queries;
    }

    @Override
    public String code() {
        return "audit-log";
    }

    @Override
    public Label title() {
        return new Label("Registro de auditoría", "Audit log");
    }

    @Override
    public Label description() {
        return new Label(
                "Las acciones registradas, con la verificación de la cadena de hashes.",
                "The recorded actions, with the verification of the hash chain.");
    }

    @Override
    public String permission() {
        return "audit:export";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.date("from", "Desde", "From", false),
                Parameter.date("to", "Hasta", "To", false),
                Parameter.text("actor", "Usuario", "User", 120),
                Parameter.text("action", "Acción", "Action", 120),
                Parameter.text("entity", "Entidad", "Entity", 120));
    }

    @Override
    public Map<String, Label> problems(ReportParameters parameters) {
        LocalDate from = parameters.date("from");
        LocalDate to = parameters.date("to");
        return from != null && to != null && to.isBefore(from)
                ? Map.of("to", new Label("es anterior a «Desde»", "is before 'From'"))
                : Map.of();
    }

    @Override
    public String fileDate(ReportParameters parameters) {
        return parameters.written("to");
    }

    @Override
    public long estimatedRows(ReportRequest request) {
        return audit.search(request.caller().tenantId(), query(request), 0, 1).total();
    }

    private static AuditQuery query(ReportRequest request) {
        ZoneId zone = request.formats().zone();
        var parameters = request.parameters();
        return new AuditQuery(
                parameters.text("actor"),
                parameters.text("action"),
                parameters.text("entity"),
                startOf(parameters.date("from"), zone),
                // "Hasta" includes its whole day.
                startOf(
                        parameters.date("to") == null
                                ? null
                                : parameters.date("to").plusDays(1),
                        zone));
    }

    @Override
    public ReportResult run(ReportRequest request) {
        long started = System.nanoTime();
        TenantId tenant = request.caller().tenantId();
        var parameters = request.parameters();
        var query = query(request);
        ChainVerification chain = audit.verify(tenant);
        long total = audit.search(tenant, query, 0, 1).total();
        var summary = List.of(
                new Figure(
                        "chain_valid",
                        new Label("Cadena de auditoría", "Audit chain"),
                        TEXT,
                        chain.valid()
                                ? new Label("íntegra", "intact").in(request.locale())
                                : new Label("ROTA", "BROKEN").in(request.locale())),
                new Figure(
                        "chain_checked",
                        new Label("Entradas verificadas", "Entries checked"),
                        INTEGER,
                        chain.checked()),
                new Figure(
                        "chain_first_broken_id",
                        new Label("Primera entrada rota", "First broken entry"),
                        INTEGER,
                        chain.firstBrokenId()),
                new Figure("entries", new Label("Entradas exportadas", "Entries exported"), INTEGER, total));
        var filters = new java.util.LinkedHashMap<String, Object>();
        parameters.values().forEach((name, value) -> filters.put(name, parameters.written(name)));
        queries.record(new QueryLog.QueryEntry(
                tenant,
                request.caller().userId(),
                request.caller().username(),
                "reporting.audit_log",
                filters,
                total,
                (System.nanoTime() - started) / 1_000_000));
        Iterable<List<Object>> rows = () -> new Pages(tenant, query);
        return new ReportResult(
                summary,
                List.of(new ReportTable(
                        "entries", new Label("Entradas", "Entries"), COLUMNS, rows, ReportTable.Totals.none())),
                null);
    }

    private static Instant startOf(LocalDate date, ZoneId zone) {
        return date == null ? null : date.atStartOfDay(zone).toInstant();
    }

    /** The entries a page at a time, asked for only as the renderer reaches them. */
    private final class Pages implements Iterator<List<Object>> {

        private final TenantId tenant;
        private final AuditQuery query;
        private Iterator<AuditRecord> page = java.util.Collections.emptyIterator();
        private int next;
        private boolean last;

        Pages(TenantId tenant, AuditQuery query) {
            this.tenant = tenant;
            this.query = query;
        }

        @Override
        public boolean hasNext() {
            if (!page.hasNext() && !last) {
                var items = audit.search(tenant, query, next++, PAGE).items();
                last = items.size() < PAGE;
                page = items.iterator();
            }
            return page.hasNext();
        }

        @Override
        public List<Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            AuditRecord r = page.next();
            return Arrays.asList(
                    r.id(),
                    r.occurredAt(),
                    r.actorName(),
                    r.action(),
                    r.entityType(),
                    r.entityId(),
                    r.ip(),
                    r.summary() == null || r.summary().isEmpty() ? null : JSON.writeValueAsString(r.summary()),
                    r.hash());
        }
    }
}
