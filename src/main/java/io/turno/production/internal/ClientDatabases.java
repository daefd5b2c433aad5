package io.turno.production.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.production.internal.DetectionIngest.RawDetection;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organizations' own databases (seed 002's DB_CLIENT): registered with an encrypted password,
 * verified table by table against the structure seed 002 lists, and synchronized into the
 * module: structure upserted by code or name, then each line's {@code DETECTION_LINE_{code}} rows
 * after the last imported {@code detection_id}, through the ingest (so rollups stay right). Only
 * SELECTs are sent to the source, on a read-only connection.
 */
@Service
public class ClientDatabases {

    public enum Kind { MARIADB, POSTGRESQL }

    /** A registered database as the API shows it: never the password. */
    public record Source(UUID id, String name, Kind kind, String host, int port, String database, String username,
                         boolean active, Instant lastSyncAt, String lastSyncError, Instant createdAt, Instant updatedAt) {
    }

    public record SourceCommand(String name, Kind kind, String host, int port, String database, String username,
                                String password, boolean active) {
    }

    /** {@code error}: why an existing table could not be counted (e.g. no SELECT on it). */
    public record TableCheck(String table, boolean exists, List<String> missingColumns, Long rows, String error) {
    }

    public record Verification(boolean ok, List<TableCheck> tables) {
    }

    public record LineImport(String lineCode, String table, int imported, int refused, long watermark) {
    }

    public record SyncReport(int lines, int areas, int products, int shifts, int filters, int skipped,
                             List<LineImport> detections) {
    }

    static final class Unreachable extends BusinessException {
        Unreachable(String name, SQLException e) {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION,
                    "No se pudo leer la base de datos «" + name + "»: " + e.getMessage());
        }
    }

    static final class Incomplete extends BusinessException {
        Incomplete(String what) {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION,
                    "La base de datos no tiene la estructura esperada: " + what + ". Véase POST …/verify.");
        }
    }

    /** Seed 002's verify_client_structure.py: the tables and the columns each must have. */
    static final Map<String, List<String>> REQUIRED = requiredTables();
    /** What the import reads from each line's detections; {@code rejected} is optional. */
    static final List<String> DETECTION_COLUMNS = List.of("detection_id", "detected_at", "area_id", "product_id");
    private static final int BATCH = 5_000;
    private static final int DEFAULT_THRESHOLD = 300;
    private static final BigDecimal DEFAULT_CYCLE = BigDecimal.ONE;
    private static final Logger log = LoggerFactory.getLogger(ClientDatabases.class);

    private static Map<String, List<String>> requiredTables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("PRODUCTION_LINE", List.of("line_id", "line_name", "is_active"));
        tables.put("AREA", List.of("area_id", "line_id", "area_name", "area_type"));
        tables.put("PRODUCT", List.of("product_id", "product_name", "product_code"));
        tables.put("FILTER", List.of("filter_id", "filter_name", "filter_status", "default_value"));
        tables.put("SHIFT", List.of("shift_id", "shift_name", "start_time", "end_time"));
        return java.util.Collections.unmodifiableMap(tables);
    }

    private record Stored(Source source, byte[] secret) {
    }

    /** A table of the source as its catalog names it, with its columns in lower case. */
    private record Table(String name, Set<String> columns) {
    }

    private final JdbcClient jdbc;
    private final SourceSecrets secrets;
    private final JdbcPlant plant;
    private final PlantCache cache;
    private final DetectionIngest ingest;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();

    ClientDatabases(JdbcClient jdbc, SourceSecrets secrets, JdbcPlant plant, PlantCache cache, DetectionIngest ingest,
                    AuditLog audit, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.plant = plant;
        this.cache = cache;
        this.ingest = ingest;
        this.audit = audit;
        this.transactions = transactions;
    }

    // Registration

    public PageResult<Source> sources(TenantId tenant, int page, int size) {
        return transactions.execute(tx -> {
            List<Source> rows = jdbc.sql("SELECT * FROM production_sources WHERE tenant_id = :tenant ORDER BY name LIMIT :size OFFSET :offset")
                    .param("tenant", tenant.value()).param("size", size).param("offset", (long) page * size)
                    .query((rs, n) -> source(rs)).list();
            long total = jdbc.sql("SELECT count(*) FROM production_sources WHERE tenant_id = :tenant")
                    .param("tenant", tenant.value()).query(Long.class).single();
            return new PageResult<>(rows, page, size, total);
        });
    }

    public Source source(TenantId tenant, UUID id) {
        return transactions.execute(tx -> stored(tenant, id).source());
    }

    /** Registers ({@code id} null) or replaces a source; a null password on a replacement keeps the stored one. */
    public Source save(Actor caller, UUID id, SourceCommand command) {
        return transactions.execute(tx -> {
            Source before = id == null ? null : stored(caller.tenantId(), id).source();
            UUID saved = id == null ? UUID.randomUUID() : id;
            byte[] secret = command.password() == null ? null : secrets.seal(command.password(), saved.toString());
            try {
                jdbc.sql(before == null ? """
                        INSERT INTO production_sources (id, tenant_id, name, kind, host, port, database_name, username,
                                                        password_secret, active)
                        VALUES (:id, :tenant, :name, :kind, :host, :port, :database, :username, :secret, :active)""" : """
                        UPDATE production_sources SET name = :name, kind = :kind, host = :host, port = :port,
                               database_name = :database, username = :username,
                               password_secret = COALESCE(:secret, password_secret), active = :active, updated_at = now()
                        WHERE tenant_id = :tenant AND id = :id""")
                        .param("id", saved).param("tenant", caller.tenantId().value()).param("name", command.name())
                        .param("kind", command.kind().name()).param("host", command.host()).param("port", command.port())
                        .param("database", command.database()).param("username", command.username())
                        .param("secret", secret, java.sql.Types.BINARY).param("active", command.active()).update();
            } catch (DuplicateKeyException e) {
                throw new PlantStructure.Taken("una base de datos «" + command.name() + "»");
            }
            Source after = stored(caller.tenantId(), saved).source();
            audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), before == null ? "CREATE" : "UPDATE",
                    "production_source", saved.toString(),
                    before == null ? Map.of("after", after) : AuditEntry.change(before, after)));
            return after;
        });
    }

    public void delete(Actor caller, UUID id) {
        transactions.executeWithoutResult(tx -> {
            Source before = stored(caller.tenantId(), id).source();
            jdbc.sql("DELETE FROM production_sources WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", caller.tenantId().value()).param("id", id).update();
            audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "DELETE", "production_source",
                    id.toString(), Map.of("before", before)));
        });
    }

    /** The active sources of the tenant, for the sync job. */
    List<UUID> activeSources(TenantId tenant) {
        return transactions.execute(tx -> jdbc.sql("SELECT id FROM production_sources WHERE tenant_id = :tenant AND active ORDER BY name")
                .param("tenant", tenant.value()).query(UUID.class).list());
    }

    // Verification

    /** Seed 002's structure check, table by table, plus each line's DETECTION_LINE_{code}. */
    public Verification verify(TenantId tenant, UUID id) {
        Stored stored = transactions.execute(tx -> stored(tenant, id));
        try (Connection source = connect(stored)) {
            return verify(source, stored.source().kind(), catalog(source, stored.source().kind()));
        } catch (SQLException e) {
            throw new Unreachable(stored.source().name(), e);
        }
    }

    private Verification verify(Connection source, Kind kind, Map<String, Table> catalog) throws SQLException {
        List<TableCheck> checks = new ArrayList<>();
        REQUIRED.forEach((name, columns) -> checks.add(check(source, kind, catalog, name, columns, true)));
        if (checks.getFirst().exists() && checks.getFirst().missingColumns().isEmpty()) {
            for (SourceLine line : lines(source, kind, catalog)) {
                checks.add(check(source, kind, catalog, "DETECTION_LINE_" + line.code(), DETECTION_COLUMNS, false));
            }
        }
        boolean ok = checks.stream().allMatch(c -> c.exists() && c.missingColumns().isEmpty() && c.error() == null);
        return new Verification(ok, checks);
    }

    private static TableCheck check(Connection source, Kind kind, Map<String, Table> catalog, String name,
                                    List<String> columns, boolean count) {
        Table table = catalog.get(name.toUpperCase(Locale.ROOT));
        if (table == null) {
            return new TableCheck(name, false, columns, null, null);
        }
        List<String> missing = columns.stream().filter(c -> !table.columns().contains(c)).toList();
        Long rows = null;
        String error = null;
        if (count) {
            try (Statement statement = source.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(kind, table.name()))) {
                rs.next();
                rows = rs.getLong(1);
            } catch (SQLException e) {
                error = e.getMessage();
            }
        }
        return new TableCheck(name, true, missing, rows, error);
    }

    // Synchronization

    private record SourceLine(long id, String code, String name, boolean active) {
    }

    /**
     * Imports the structure, then the detections after each line's watermark. Running it again
     * imports only what the source gained since; detections are also keyed by source id, so a
     * watermark lost with a failed transaction cannot store a row twice.
     */
    public SyncReport sync(TenantId tenant, UUID id, Actor caller) {
        Stored stored = transactions.execute(tx -> stored(tenant, id));
        Source source = stored.source();
        try (Connection connection = connect(stored)) {
            Map<String, Table> catalog = catalog(connection, source.kind());
            Verification verification = verify(connection, source.kind(), catalog);
            List<String> problems = verification.tables().stream().limit(REQUIRED.size())
                    .filter(t -> !t.exists() || !t.missingColumns().isEmpty())
                    .map(t -> t.exists() ? t.table() + " sin " + String.join(", ", t.missingColumns()) : "falta " + t.table())
                    .toList();
            if (!problems.isEmpty()) {
                throw new Incomplete(String.join("; ", problems));
            }
            SourceStructure structure = readStructure(connection, source.kind(), catalog);
            int[] counts = transactions.execute(tx -> upsertStructure(tenant, structure));
            cache.invalidate(tenant);
            List<LineImport> imports = new ArrayList<>();
            for (SourceLine line : structure.lines()) {
                Table table = catalog.get(("DETECTION_LINE_" + line.code()).toUpperCase(Locale.ROOT));
                if (table != null && table.columns().containsAll(DETECTION_COLUMNS)) {
                    imports.add(importDetections(tenant, source, connection, table, line, structure));
                }
            }
            SyncReport report = new SyncReport(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], imports);
            finished(tenant, source, null, caller, report);
            return report;
        } catch (SQLException e) {
            finished(tenant, source, e.getMessage(), caller, null);
            throw new Unreachable(source.name(), e);
        } catch (Incomplete e) {
            finished(tenant, source, e.getMessage(), caller, null);
            throw e;
        }
    }

    /** Notes the outcome on the source; audits it when something changed, failed, or a person asked for it. */
    private void finished(TenantId tenant, Source source, String error, Actor caller, SyncReport report) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("UPDATE production_sources SET last_sync_at = now(), last_sync_error = :error WHERE tenant_id = :tenant AND id = :id")
                    .param("error", error).param("tenant", tenant.value()).param("id", source.id()).update();
            if (caller == null && error == null && report.lines() + report.areas() + report.products() + report.shifts()
                    + report.filters() + report.detections().stream().mapToInt(LineImport::imported).sum() == 0) {
                return;
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("source", source.name());
            summary.put(error == null ? "report" : "error", error == null ? report : error);
            audit.record(new AuditEntry(tenant, caller == null ? null : caller.userId(),
                    caller == null ? "production-sync" : caller.username(), "SYNC", "production_source",
                    source.id().toString(), summary));
        });
    }

    private record SourceArea(long id, long lineId, String name, String type) {
    }

    private record SourceProduct(long id, String code, String name, BigDecimal cycle) {
    }

    private record SourceShift(String name, LocalTime start, LocalTime end) {
    }

    private record SourceFilter(String name, boolean status, JsonNode defaultValue, JsonNode additional) {
    }

    private record SourceStructure(List<SourceLine> lines, List<SourceArea> areas, List<SourceProduct> products,
                                   List<SourceShift> shifts, List<SourceFilter> filters) {

        String areaName(long areaId) {
            return areas.stream().filter(a -> a.id() == areaId).map(SourceArea::name).findFirst().orElse(null);
        }
    }

    private SourceStructure readStructure(Connection source, Kind kind, Map<String, Table> catalog) throws SQLException {
        List<SourceArea> areas = new ArrayList<>();
        select(source, kind, catalog.get("AREA"), rs -> areas.add(new SourceArea(rs.getLong("area_id"), rs.getLong("line_id"),
                trimmed(rs.getString("area_name")), trimmed(rs.getString("area_type")))));
        Table productTable = catalog.get("PRODUCT");
        String cycleColumn = productTable.columns().contains("ideal_cycle_time") ? "ideal_cycle_time"
                : productTable.columns().contains("ideal_cycle_seconds") ? "ideal_cycle_seconds" : null;
        List<SourceProduct> products = new ArrayList<>();
        select(source, kind, productTable, rs -> products.add(new SourceProduct(rs.getLong("product_id"),
                trimmed(rs.getString("product_code")), trimmed(rs.getString("product_name")),
                cycleColumn == null ? null : rs.getBigDecimal(cycleColumn))));
        List<SourceShift> shifts = new ArrayList<>();
        select(source, kind, catalog.get("SHIFT"), rs -> shifts.add(new SourceShift(trimmed(rs.getString("shift_name")),
                time(rs.getString("start_time")), time(rs.getString("end_time")))));
        boolean additional = catalog.get("FILTER").columns().contains("additional_filter");
        List<SourceFilter> filters = new ArrayList<>();
        select(source, kind, catalog.get("FILTER"), rs -> filters.add(new SourceFilter(trimmed(rs.getString("filter_name")),
                rs.getBoolean("filter_status"), json(rs.getString("default_value")),
                additional ? json(rs.getString("additional_filter")) : null)));
        return new SourceStructure(lines(source, kind, catalog), areas, products, shifts, filters);
    }

    /** The source's lines; the code is {@code line_code} where the table has it, else the line's id. */
    private static List<SourceLine> lines(Connection source, Kind kind, Map<String, Table> catalog) throws SQLException {
        Table table = catalog.get("PRODUCTION_LINE");
        boolean coded = table.columns().contains("line_code");
        List<SourceLine> lines = new ArrayList<>();
        select(source, kind, table, rs -> lines.add(new SourceLine(rs.getLong("line_id"),
                coded && rs.getString("line_code") != null ? rs.getString("line_code").strip() : String.valueOf(rs.getLong("line_id")),
                trimmed(rs.getString("line_name")), rs.getBoolean("is_active"))));
        return lines;
    }

    /** Counts of lines, areas, products, shifts and filters created or changed, and rows skipped as unusable. */
    private int[] upsertStructure(TenantId tenant, SourceStructure source) {
        int[] counts = new int[6];
        Map<String, Plant.Line> lines = new HashMap<>();
        plant.allLines(tenant).forEach(l -> lines.put(l.code(), l));
        Map<Long, UUID> lineIds = new HashMap<>();
        for (SourceLine line : source.lines()) {
            String code = line.code().toUpperCase(Locale.ROOT);
            if (!validCode(code) || line.name() == null) {
                counts[5]++;
                continue;
            }
            Plant.Line existing = lines.get(code);
            var command = new Plant.LineCommand(code, limit(line.name()), line.active(),
                    existing == null ? DEFAULT_THRESHOLD : existing.downtimeThresholdSeconds());
            if (existing == null || !existing.name().equals(command.name()) || existing.active() != command.active()) {
                UUID id = existing == null ? UUID.randomUUID() : existing.id();
                plant.saveLine(tenant, id, command, existing == null);
                lineIds.put(line.id(), id);
                counts[0]++;
            } else {
                lineIds.put(line.id(), existing.id());
            }
        }
        Map<String, Plant.Area> areas = new HashMap<>();
        plant.allAreas(tenant).forEach(a -> areas.put(a.lineId() + "/" + a.name().toLowerCase(Locale.ROOT), a));
        for (SourceArea area : source.areas()) {
            UUID lineId = lineIds.get(area.lineId());
            Plant.AreaType type = areaType(area.type());
            if (lineId == null || type == null || area.name() == null) {
                counts[5]++;
                continue;
            }
            Plant.Area existing = areas.get(lineId + "/" + area.name().toLowerCase(Locale.ROOT));
            if (existing == null || existing.type() != type || !existing.active()) {
                plant.saveArea(tenant, existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.AreaCommand(lineId, limit(area.name()), type, true), existing == null);
                counts[1]++;
            }
        }
        Map<String, Plant.Product> products = new HashMap<>();
        plant.allProducts(tenant).forEach(p -> products.put(p.code(), p));
        for (SourceProduct product : source.products()) {
            String code = product.code() == null ? "" : product.code().toUpperCase(Locale.ROOT);
            if (!validCode(code) || product.name() == null) {
                counts[5]++;
                continue;
            }
            Plant.Product existing = products.get(code);
            BigDecimal cycle = product.cycle() != null && product.cycle().signum() > 0 ? product.cycle()
                    : existing != null ? existing.idealCycleSeconds() : DEFAULT_CYCLE;
            if (existing == null || !existing.name().equals(product.name()) || existing.idealCycleSeconds().compareTo(cycle) != 0) {
                plant.saveProduct(tenant, existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.ProductCommand(code, limit(product.name()), cycle, existing == null || existing.active()),
                        existing == null);
                counts[2]++;
            }
        }
        Map<String, Plant.Shift> shifts = new HashMap<>();
        plant.allShifts(tenant).forEach(s -> shifts.put(s.name(), s));
        for (SourceShift shift : source.shifts()) {
            if (shift.name() == null || shift.start() == null || shift.end() == null || shift.start().equals(shift.end())) {
                counts[5]++;
                continue;
            }
            Plant.Shift existing = shifts.get(shift.name());
            if (existing == null || !existing.start().equals(shift.start()) || !existing.end().equals(shift.end())) {
                plant.saveShift(tenant, existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.ShiftCommand(limit(shift.name()), shift.start(), shift.end(),
                                existing == null ? List.of() : existing.breaks(), existing == null || existing.active()),
                        existing == null);
                counts[3]++;
            }
        }
        Map<String, Plant.Filter> filters = new HashMap<>();
        plant.allFilters(tenant).forEach(f -> filters.put(f.name(), f));
        for (SourceFilter filter : source.filters()) {
            if (filter.name() == null) {
                counts[5]++;
                continue;
            }
            Plant.Filter existing = filters.get(filter.name());
            if (existing == null || existing.status() != filter.status() || !java.util.Objects.equals(existing.defaultValue(), filter.defaultValue())
                    || !java.util.Objects.equals(existing.additional(), filter.additional())) {
                plant.saveFilter(tenant, existing == null ? UUID.randomUUID() : existing.id(),
                        new Plant.FilterCommand(limit(filter.name()), filter.status(), filter.defaultValue(), filter.additional(),
                                existing == null ? filters.size() : existing.position()), existing == null);
                counts[4]++;
            }
        }
        return counts;
    }

    private LineImport importDetections(TenantId tenant, Source source, Connection connection, Table table, SourceLine line,
                                        SourceStructure structure) throws SQLException {
        String code = line.code().toUpperCase(Locale.ROOT);
        Map<Long, String> areaNames = new HashMap<>();
        structure.areas().stream().filter(a -> a.lineId() == line.id()).forEach(a -> areaNames.put(a.id(), a.name()));
        Map<Long, String> productCodes = new HashMap<>();
        structure.products().forEach(p -> productCodes.put(p.id(), p.code()));
        ZoneId zone = cache.of(tenant).zone();
        long watermark = transactions.execute(tx -> jdbc.sql("""
                        SELECT last_id FROM production_source_watermarks
                        WHERE tenant_id = :tenant AND source_id = :source AND line_code = :line""")
                .param("tenant", tenant.value()).param("source", source.id()).param("line", code)
                .query(Long.class).optional().orElse(0L));
        boolean flagged = table.columns().contains("rejected");
        String sql = "SELECT detection_id, detected_at, area_id, product_id" + (flagged ? ", rejected" : "") + " FROM "
                + quote(source.kind(), table.name()) + " WHERE detection_id > ? ORDER BY detection_id LIMIT " + BATCH;
        int imported = 0;
        int refused = 0;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            while (true) {
                select.setLong(1, watermark);
                List<RawDetection> rows = new ArrayList<>();
                long last = watermark;
                try (ResultSet rs = select.executeQuery()) {
                    boolean zoned = rs.getMetaData().getColumnType(2) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE
                            || "timestamptz".equalsIgnoreCase(rs.getMetaData().getColumnTypeName(2));
                    while (rs.next()) {
                        last = rs.getLong(1);
                        Instant at = zoned ? rs.getObject(2, OffsetDateTime.class).toInstant()
                                : rs.getObject(2, LocalDateTime.class).atZone(zone).toInstant();
                        rows.add(new RawDetection(line.code(), areaNames.get(rs.getLong(3)), productCodes.get(rs.getLong(4)),
                                at.toString(), flagged ? String.valueOf(rs.getBoolean(5)) : null,
                                "db:" + source.id() + ":" + code + ":" + last));
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
                long upTo = last;
                DetectionIngest.Result result = transactions.execute(tx -> {
                    DetectionIngest.Result stored = ingest.ingest(tenant, rows, false);
                    jdbc.sql("""
                            INSERT INTO production_source_watermarks (tenant_id, source_id, line_code, last_id)
                            VALUES (:tenant, :source, :line, :last)
                            ON CONFLICT (tenant_id, source_id, line_code)
                            DO UPDATE SET last_id = GREATEST(production_source_watermarks.last_id, EXCLUDED.last_id)""")
                            .param("tenant", tenant.value()).param("source", source.id()).param("line", code)
                            .param("last", upTo).update();
                    return stored;
                });
                imported += result.accepted();
                refused += result.rejected().size();
                if (!result.rejected().isEmpty()) {
                    log.warn("Sync of {} line {}: {} detections refused, first: {}", source.name(), code,
                            result.rejected().size(), result.rejected().getFirst());
                }
                watermark = upTo;
                if (rows.size() < BATCH) {
                    break;
                }
            }
        }
        return new LineImport(code, table.name(), imported, refused, watermark);
    }

    // The source database

    private Connection connect(Stored stored) throws SQLException {
        Source source = stored.source();
        String url = switch (source.kind()) {
            case MARIADB -> "jdbc:mariadb://%s:%d/%s?connectTimeout=5000&socketTimeout=120000";
            case POSTGRESQL -> "jdbc:postgresql://%s:%d/%s?connectTimeout=5&socketTimeout=120";
        };
        Properties properties = new Properties();
        properties.setProperty("user", source.username());
        properties.setProperty("password", secrets.open(stored.secret(), source.id().toString()));
        Connection connection = DriverManager.getConnection(url.formatted(source.host(), source.port(), source.database()), properties);
        connection.setReadOnly(true);
        return connection;
    }

    /** The source's tables by upper-case name, whatever case its catalog uses. */
    private static Map<String, Table> catalog(Connection source, Kind kind) throws SQLException {
        String sql = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                + (kind == Kind.MARIADB ? "DATABASE()" : "current_schema()");
        Map<String, Table> tables = new HashMap<>();
        try (Statement statement = source.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                tables.computeIfAbsent(name.toUpperCase(Locale.ROOT), key -> new Table(name, new LinkedHashSet<>()))
                        .columns().add(rs.getString(2).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void select(Connection source, Kind kind, Table table, RowReader reader) throws SQLException {
        try (Statement statement = source.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + quote(kind, table.name()))) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    private static String quote(Kind kind, String identifier) {
        return kind == Kind.MARIADB ? "`" + identifier.replace("`", "``") + "`" : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    // Helpers

    private Stored stored(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM production_sources WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value()).param("id", id)
                .query((rs, n) -> new Stored(source(rs), rs.getBytes("password_secret"))).optional()
                .orElseThrow(() -> new NotFound("Base de datos", id));
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(rs.getObject("id", UUID.class), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
                rs.getString("host"), rs.getInt("port"), rs.getString("database_name"), rs.getString("username"),
                rs.getBoolean("active"), instant(rs, "last_sync_at"), rs.getString("last_sync_error"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return json.getNodeFactory().stringNode(text);
        }
    }

    private static LocalTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip().length() == 5 ? text.strip() : text.strip().substring(0, 8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Plant.AreaType areaType(String type) {
        try {
            return type == null ? null : Plant.AreaType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean validCode(String code) {
        return code.length() <= 32 && code.matches("[A-Za-z0-9][A-Za-z0-9_.-]*");
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String limit(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }
}
