package io.turno.production.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organizations' own databases (seed 002's DB_CLIENT): registered with an encrypted password,
 * verified table by table against the structure seed 002 lists ({@link SourceVerification}), and
 * synchronized into the module: structure upserted by code or name ({@link StructureSync}), then
 * each line's {@code DETECTION_LINE_{code}} rows after the last imported {@code detection_id}
 * ({@link DetectionImport}). Only SELECTs are sent to the source, on a read-only connection
 * ({@link SourceDatabase}).
 */
@Service
public class ClientDatabases {

    public enum Kind {
        MARIADB,
        POSTGRESQL
    }

    /** A registered database as the API shows it: never the password. */
    public record Source(
            UUID id,
            String name,
            Kind kind,
            String host,
            int port,
            String database,
            String username,
            boolean active,
            @Nullable Instant lastSyncAt,
            @Nullable String lastSyncError,
            Instant createdAt,
            Instant updatedAt) {}

    public record SourceCommand(
            String name,
            Kind kind,
            String host,
            int port,
            String database,
            String username,
            String password,
            boolean active) {}

    /** {@code error}: why an existing table could not be counted (e.g. no SELECT on it). */
    public record TableCheck(
            String table,
            boolean exists,
            List<String> missingColumns,
            @Nullable Long rows,
            @Nullable String error) {}

    public record Verification(boolean ok, List<TableCheck> tables) {}

    public record LineImport(String lineCode, String table, int imported, int refused, long watermark) {}

    public record SyncReport(
            int lines, int areas, int products, int shifts, int filters, int skipped, List<LineImport> detections) {}

    static final class Unreachable extends BusinessException {
        Unreachable(String name, SQLException e) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "No se pudo leer la base de datos «" + name + "»: " + e.getMessage());
        }
    }

    static final class Incomplete extends BusinessException {
        Incomplete(String what) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "La base de datos no tiene la estructura esperada: " + what + ". Véase POST …/verify.");
        }
    }

    private final JdbcSources sources;
    private final SourceDatabase databases;
    private final SourceSecrets secrets;
    private final StructureSync structure;
    private final DetectionImport detections;
    private final PlantCache cache;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final SourceHosts hosts;

    ClientDatabases(
            JdbcSources sources,
            SourceDatabase databases,
            SourceSecrets secrets,
            StructureSync structure,
            DetectionImport detections,
            PlantCache cache,
            AuditLog audit,
            TransactionTemplate transactions,
            SourceHosts hosts) {
        this.hosts = hosts;
        this.sources = sources;
        this.databases = databases;
        this.secrets = secrets;
        this.structure = structure;
        this.detections = detections;
        this.cache = cache;
        this.audit = audit;
        this.transactions = transactions;
    }

    // Registration

    public PageResult<Source> sources(TenantId tenant, int page, int size) {
        return transactions.execute(
                tx -> new PageResult<>(sources.page(tenant, page, size), page, size, sources.count(tenant)));
    }

    public Source source(TenantId tenant, UUID id) {
        return transactions.execute(tx -> stored(tenant, id).source());
    }

    /** Registers ({@code id} null) or replaces a source; a null password on a replacement keeps the stored one. */
    public Source save(Actor caller, UUID id, SourceCommand command) {
        hosts.require(command.host());
        return transactions.execute(tx -> {
            Source before = id == null ? null : stored(caller.tenantId(), id).source();
            UUID saved = id == null ? UUID.randomUUID() : id;
            byte[] secret = command.password() == null ? null : secrets.seal(command.password(), saved.toString());
            try {
                sources.save(caller.tenantId(), saved, command, secret, before == null);
            } catch (DuplicateKeyException e) {
                throw new PlantStructure.Taken("una base de datos «" + command.name() + "»");
            }
            Source after = stored(caller.tenantId(), saved).source();
            audit.record(AuditEntry.by(
                    caller,
                    before == null ? "CREATE" : "UPDATE",
                    "production_source",
                    saved.toString(),
                    before == null ? Map.of("after", after) : AuditEntry.change(before, after)));
            return after;
        });
    }

    public void delete(Actor caller, UUID id) {
        transactions.executeWithoutResult(tx -> {
            Source before = stored(caller.tenantId(), id).source();
            sources.delete(caller.tenantId(), id);
            audit.record(AuditEntry.by(caller, "DELETE", "production_source", id.toString(), Map.of("before", before)));
        });
    }

    /** The active sources of the tenant, for the sync job. */
    List<UUID> activeSources(TenantId tenant) {
        return transactions.execute(tx -> sources.active(tenant));
    }

    // Verification

    /** Seed 002's structure check, table by table, plus each line's DETECTION_LINE_{code}. */
    public Verification verify(TenantId tenant, UUID id) {
        JdbcSources.Stored stored = transactions.execute(tx -> stored(tenant, id));
        try (SourceDatabase.Session source = open(stored)) {
            return SourceVerification.verify(source);
        } catch (SQLException e) {
            throw new Unreachable(stored.source().name(), e);
        }
    }

    // Synchronization

    /**
     * Imports the structure, then the detections after each line's watermark. Running it again
     * imports only what the source gained since.
     */
    public SyncReport sync(TenantId tenant, UUID id, Actor caller) {
        JdbcSources.Stored stored = transactions.execute(tx -> stored(tenant, id));
        Source source = stored.source();
        try (SourceDatabase.Session database = open(stored)) {
            List<String> problems = SourceVerification.structureProblems(SourceVerification.verify(database));
            if (!problems.isEmpty()) {
                throw new Incomplete(String.join("; ", problems));
            }
            SourceStructure read = database.structure();
            StructureSync.Changes changes = transactions.execute(tx -> {
                cache.invalidate(tenant);
                return structure.apply(tenant, read);
            });
            List<LineImport> imports = new ArrayList<>();
            for (SourceStructure.Line line : read.lines()) {
                SourceDatabase.Table table = database.table(SourceVerification.detectionTable(line));
                if (SourceVerification.importable(table)) {
                    imports.add(detections.importLine(tenant, source, database, table, line, read));
                }
            }
            SyncReport report = new SyncReport(
                    changes.lines(),
                    changes.areas(),
                    changes.products(),
                    changes.shifts(),
                    changes.filters(),
                    changes.skipped(),
                    imports);
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
            sources.synced(tenant, source.id(), error);
            if (caller == null
                    && error == null
                    && report.lines()
                                    + report.areas()
                                    + report.products()
                                    + report.shifts()
                                    + report.filters()
                                    + report.detections().stream()
                                            .mapToInt(LineImport::imported)
                                            .sum()
                            == 0) {
                return;
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("source", source.name());
            summary.put(error == null ? "report" : "error", error == null ? report : error);
            audit.record(new AuditEntry(
                    tenant,
                    caller == null ? null : caller.userId(),
                    caller == null ? "production-sync" : caller.username(),
                    "SYNC",
                    "production_source",
                    source.id().toString(),
                    summary));
        });
    }

    private SourceDatabase.Session open(JdbcSources.Stored stored) throws SQLException {
        return databases.open(
                stored.source(),
                secrets.open(stored.secret(), stored.source().id().toString()));
    }

    private JdbcSources.Stored stored(TenantId tenant, UUID id) {
        return sources.find(tenant, id).orElseThrow(() -> new NotFound("Base de datos", id));
    }
}
