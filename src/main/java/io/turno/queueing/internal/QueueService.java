package io.turno.queueing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.queueing.internal.ConfigurationFailures.Taken;
import io.turno.queueing.internal.ConfigurationFailures.Unacceptable;
import io.turno.queueing.internal.Queues.QueueRow;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's tenant's queues: a letter prefix unique in its branch (A, B, C … numbers read A-001)
 * and the catalog services it takes. Every change audited with before and after; queues are
 * deactivated, never deleted, and never move to another branch.
 */
@Service
public class QueueService {

    /** A service the queue takes, as the catalog names it now. */
    public record ServedService(UUID id, String code, String name, boolean active) {}

    public record QueueView(
            UUID id,
            UUID branchId,
            String branchName,
            String name,
            String prefix,
            List<UUID> serviceIds,
            List<ServedService> services,
            int waiting,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    public record QueueCommand(UUID branchId, String name, String prefix, List<UUID> serviceIds, boolean active) {

        public QueueCommand {
            name = name == null ? "" : name.strip();
            prefix = prefix == null ? "" : prefix.strip().toUpperCase(Locale.ROOT);
            serviceIds = serviceIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(serviceIds));
        }
    }

    public record QueueFilter(UUID branchId, UUID serviceId, String text, Boolean active) {}

    private final Queues queues;
    private final Branches branches;
    private final ServiceCatalog catalog;
    private final AuditLog audit;

    QueueService(Queues queues, Branches branches, ServiceCatalog catalog, AuditLog audit) {
        this.queues = queues;
        this.branches = branches;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<QueueView> list(Actor caller, QueueFilter filter, int page, int size) {
        var services = new ServiceLookup(caller.tenantId());
        return queues.page(
                        caller.tenantId(),
                        filter.branchId(),
                        filter.serviceId(),
                        filter.text(),
                        filter.active(),
                        page,
                        size)
                .map(services::view);
    }

    @Transactional(readOnly = true)
    public QueueView get(Actor caller, UUID id) {
        return new ServiceLookup(caller.tenantId()).view(row(caller, id));
    }

    @Transactional
    public QueueView create(Actor caller, QueueCommand queue) {
        TenantId tenant = caller.tenantId();
        var branch = branches.find(tenant, queue.branchId())
                .orElseThrow(() -> new Unacceptable(
                        "branch_id", "La sede " + queue.branchId() + " no existe en la organización."));
        if (!branch.active()) {
            throw new Unacceptable(
                    "branch_id", "La sede «" + branch.name() + "» está inactiva: no se le agregan colas.");
        }
        validate(queue);
        checkServices(tenant, queue.serviceIds(), List.of());
        UUID id = UUID.randomUUID();
        try {
            queues.insert(tenant, id, branch.id(), queue.name(), queue.prefix(), queue.active());
        } catch (DuplicateKeyException e) {
            throw prefixTaken(branch.name(), queue.prefix());
        }
        queues.replaceServices(tenant, id, queue.serviceIds());
        QueueView created = get(caller, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    /** Replaces name, prefix, services and active flag; the branch stays what it was. */
    @Transactional
    public QueueView update(Actor caller, UUID id, QueueCommand queue) {
        TenantId tenant = caller.tenantId();
        QueueView before = get(caller, id);
        if (!before.branchId().equals(queue.branchId())) {
            throw new Unacceptable(
                    "branch_id",
                    "Una cola no cambia de sede: «" + before.name() + "» es de «" + before.branchName()
                            + "». Crea una cola nueva en la otra sede.");
        }
        validate(queue);
        checkServices(tenant, queue.serviceIds(), before.serviceIds());
        try {
            queues.update(tenant, id, queue.name(), queue.prefix(), queue.active());
        } catch (DuplicateKeyException e) {
            throw prefixTaken(before.branchName(), queue.prefix());
        }
        queues.replaceServices(tenant, id, queue.serviceIds());
        QueueView after = get(caller, id);
        var summary = AuditEntry.change(summary(before), summary(after));
        record(caller, "UPDATE", id, summary);
        return after;
    }

    /** No new tickets enter it; those already waiting are still called. Already inactive: nothing to do. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        QueueView before = get(caller, id);
        if (queues.deactivate(caller.tenantId(), id)) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    private QueueRow row(Actor caller, UUID id) {
        return queues.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Cola", id));
    }

    private static void validate(QueueCommand queue) {
        if (queue.name().isEmpty()) {
            throw new Unacceptable("name", "Indica el nombre de la cola.");
        }
        if (!queue.prefix().matches("[A-Z]{1,3}")) {
            throw new Unacceptable("prefix", "El prefijo son de 1 a 3 letras (A, B, CX …).");
        }
    }

    /**
     * Every service must be the tenant's; those newly added must also be active and served by turn
     * ({@code walk_in}). Services the queue already takes stay even if the catalog changed since.
     */
    private void checkServices(TenantId tenant, List<UUID> wanted, List<UUID> current) {
        for (UUID id : wanted) {
            ServiceView service = catalog.find(tenant, id)
                    .orElseThrow(() ->
                            new Unacceptable("service_ids", "El servicio " + id + " no existe en la organización."));
            if (current.contains(id)) {
                continue;
            }
            if (!service.active()) {
                throw new Unacceptable(
                        "service_ids", "El servicio «" + service.code() + " " + service.name() + "» está inactivo.");
            }
            if (!service.walkIn()) {
                throw new Unacceptable(
                        "service_ids",
                        "El servicio «" + service.code() + " " + service.name()
                                + "» no se atiende por turno (walk_in es falso): ninguna cola lo recibe.");
            }
        }
    }

    private static Taken prefixTaken(String branch, String prefix) {
        return new Taken("prefix", "La sede «" + branch + "» ya tiene una cola con el prefijo «" + prefix + "».");
    }

    private static Map<String, Object> summary(QueueView queue) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("branch_id", queue.branchId().toString());
        summary.put("name", queue.name());
        summary.put("prefix", queue.prefix());
        summary.put(
                "services", queue.services().stream().map(ServedService::code).toList());
        summary.put("active", queue.active());
        return summary;
    }

    private void record(Actor caller, String action, UUID id, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "queue", id.toString(), summary));
    }

    /** Catalog lookups of one request, each service asked for once. */
    private final class ServiceLookup {

        private final TenantId tenant;
        private final Map<UUID, ServedService> known = new HashMap<>();

        ServiceLookup(TenantId tenant) {
            this.tenant = tenant;
        }

        QueueView view(QueueRow row) {
            List<ServedService> services = new ArrayList<>();
            for (UUID id : row.serviceIds()) {
                services.add(known.computeIfAbsent(
                        id,
                        key -> catalog.find(tenant, key)
                                .map(s -> new ServedService(s.id(), s.code(), s.name(), s.active()))
                                .orElseGet(() -> new ServedService(key, null, null, false))));
            }
            services.sort(Comparator.comparing(ServedService::code, Comparator.nullsLast(Comparator.naturalOrder())));
            return new QueueView(
                    row.id(),
                    row.branchId(),
                    row.branchName(),
                    row.name(),
                    row.prefix(),
                    services.stream().map(ServedService::id).toList(),
                    List.copyOf(services),
                    row.waiting(),
                    row.active(),
                    row.createdAt(),
                    row.updatedAt());
        }
    }
}
