package io.turno.queueing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.UserDirectory;
import io.turno.identity.UserDirectory.UserSummary;
import io.turno.queueing.internal.ConfigurationFailures.Taken;
import io.turno.queueing.internal.ConfigurationFailures.Unacceptable;
import io.turno.queueing.internal.Desks.DeskRow;
import io.turno.queueing.internal.Queues.QueueRow;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's tenant's desks (ventanillas): the queues of their branch each serves in order, the
 * overflow queues it helps when its own are empty, and who sits at it. A person sits at one active
 * desk at a time. Every change audited with before and after; desks are deactivated, never deleted.
 */
@Service
public class DeskService {

    /** A queue the desk serves: its own ({@code overflow} false) or one it helps. */
    public record DeskQueue(UUID id, String prefix, String name, boolean overflow, boolean active) {}

    public record DeskView(
            UUID id,
            UUID branchId,
            String branchName,
            String name,
            @Nullable UUID operatorId,
            @Nullable String operatorUsername,
            @Nullable String operatorName,
            List<UUID> queueIds,
            List<UUID> overflowQueueIds,
            List<DeskQueue> queues,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    public record DeskCommand(
            UUID branchId,
            String name,
            List<UUID> queueIds,
            List<UUID> overflowQueueIds,
            UUID operatorId,
            boolean active) {

        public DeskCommand {
            name = name == null ? "" : name.strip();
            queueIds = queueIds == null ? List.of() : List.copyOf(queueIds);
            overflowQueueIds = overflowQueueIds == null ? List.of() : List.copyOf(overflowQueueIds);
        }
    }

    public record DeskFilter(UUID branchId, UUID operatorId, UUID queueId, String text, Boolean active) {}

    private final Desks desks;
    private final Branches branches;
    private final Queues queues;
    private final UserDirectory users;
    private final AuditLog audit;

    DeskService(Desks desks, Branches branches, Queues queues, UserDirectory users, AuditLog audit) {
        this.desks = desks;
        this.branches = branches;
        this.queues = queues;
        this.users = users;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<DeskView> list(Actor caller, DeskFilter filter, int page, int size) {
        TenantId tenant = caller.tenantId();
        var rows = desks.page(
                tenant,
                filter.branchId(),
                filter.operatorId(),
                filter.queueId(),
                filter.text(),
                filter.active(),
                page,
                size);
        var queueIds = rows.items().stream()
                .flatMap(d -> Stream.concat(d.queueIds().stream(), d.overflowQueueIds().stream()))
                .toList();
        var operators = rows.items().stream()
                .map(DeskRow::operatorId)
                .filter(java.util.Objects::nonNull)
                .toList();
        Map<UUID, QueueRow> linked = queues.findAll(tenant, queueIds);
        Map<UUID, UserSummary> people = users.findAll(tenant, operators);
        return rows.map(row -> view(row, linked, people));
    }

    @Transactional(readOnly = true)
    public DeskView get(Actor caller, UUID id) {
        return view(caller.tenantId(), row(caller, id));
    }

    @Transactional
    public DeskView create(Actor caller, DeskCommand desk) {
        TenantId tenant = caller.tenantId();
        var branch = branches.find(tenant, desk.branchId())
                .orElseThrow(() ->
                        new Unacceptable("branch_id", "La sede " + desk.branchId() + " no existe en la organización."));
        if (!branch.active()) {
            throw new Unacceptable(
                    "branch_id", "La sede «" + branch.name() + "» está inactiva: no se le agregan ventanillas.");
        }
        validate(tenant, desk, branch.id(), branch.name(), List.of());
        UUID id = UUID.randomUUID();
        if (desk.active()) {
            checkOperatorFree(tenant, desk.operatorId(), id);
        }
        try {
            desks.insert(tenant, id, branch.id(), desk.name(), desk.operatorId(), desk.active());
        } catch (DuplicateKeyException e) {
            throw taken(e, branch.name(), desk.name());
        }
        desks.replaceQueues(tenant, id, desk.queueIds(), desk.overflowQueueIds());
        DeskView created = get(caller, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    /** Replaces name, queues, operator and active flag; the branch stays what it was. */
    @Transactional
    public DeskView update(Actor caller, UUID id, DeskCommand desk) {
        TenantId tenant = caller.tenantId();
        DeskView before = get(caller, id);
        if (!before.branchId().equals(desk.branchId())) {
            throw new Unacceptable(
                    "branch_id",
                    "Una ventanilla no cambia de sede: «" + before.name() + "» es de «" + before.branchName()
                            + "». Crea una ventanilla nueva en la otra sede.");
        }
        var current = Stream.concat(before.queueIds().stream(), before.overflowQueueIds().stream())
                .toList();
        validate(tenant, desk, before.branchId(), before.branchName(), current);
        if (desk.active()) {
            checkOperatorFree(tenant, desk.operatorId(), id);
        }
        try {
            desks.update(tenant, id, desk.name(), desk.operatorId(), desk.active());
        } catch (DuplicateKeyException e) {
            throw taken(e, before.branchName(), desk.name());
        }
        desks.replaceQueues(tenant, id, desk.queueIds(), desk.overflowQueueIds());
        return audited(caller, before);
    }

    /** Who sits at the desk now: an active user of the organization, or nobody ({@code operatorId} null). */
    @Transactional
    public DeskView assignOperator(Actor caller, UUID id, UUID operatorId) {
        TenantId tenant = caller.tenantId();
        DeskView before = get(caller, id);
        checkOperator(tenant, operatorId);
        if (before.active()) {
            checkOperatorFree(tenant, operatorId, id);
        }
        try {
            desks.setOperator(tenant, id, operatorId);
        } catch (DuplicateKeyException e) {
            throw taken(e, before.branchName(), before.name());
        }
        return audited(caller, before);
    }

    /** The desk calls no more tickets. Already inactive: nothing to do. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        DeskView before = get(caller, id);
        if (desks.deactivate(caller.tenantId(), id)) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    private DeskView audited(Actor caller, DeskView before) {
        DeskView after = get(caller, before.id());
        var summary = AuditEntry.change(summary(before), summary(after));
        record(caller, "UPDATE", before.id(), summary);
        return after;
    }

    private DeskRow row(Actor caller, UUID id) {
        return desks.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Ventanilla", id));
    }

    /**
     * Name given; every queue listed once, the tenant's, of the desk's branch; those newly linked
     * also active. Then the operator.
     */
    private void validate(TenantId tenant, DeskCommand desk, UUID branch, String branchName, List<UUID> current) {
        if (desk.name().isEmpty()) {
            throw new Unacceptable("name", "Indica el nombre de la ventanilla.");
        }
        Set<UUID> seen = new HashSet<>();
        var all = new ArrayList<UUID>();
        all.addAll(desk.queueIds());
        all.addAll(desk.overflowQueueIds());
        Map<UUID, QueueRow> found = queues.findAll(tenant, all);
        for (int i = 0; i < all.size(); i++) {
            UUID id = all.get(i);
            String field = i < desk.queueIds().size() ? "queue_ids" : "overflow_queue_ids";
            QueueRow queue = found.get(id);
            if (queue == null) {
                throw new Unacceptable(field, "La cola " + id + " no existe en la organización.");
            }
            String label = "«" + queue.prefix() + " " + queue.name() + "»";
            if (!seen.add(id)) {
                throw new Unacceptable(
                        field,
                        "La cola " + label + " aparece dos veces: una cola es propia o de apoyo, " + "no ambas.");
            }
            if (!queue.branchId().equals(branch)) {
                throw new Unacceptable(
                        field,
                        "La cola " + label + " es de la sede «" + queue.branchName() + "», no de «" + branchName
                                + "».");
            }
            if (!queue.active() && !current.contains(id)) {
                throw new Unacceptable(field, "La cola " + label + " está inactiva.");
            }
        }
        checkOperator(tenant, desk.operatorId());
    }

    private void checkOperator(TenantId tenant, UUID operatorId) {
        if (operatorId == null) {
            return;
        }
        var user = users.find(tenant, operatorId)
                .orElseThrow(() ->
                        new Unacceptable("operator_id", "El usuario " + operatorId + " no existe en la organización."));
        if (!user.active()) {
            throw new Unacceptable("operator_id", "El usuario «" + user.username() + "» está inactivo.");
        }
    }

    private void checkOperatorFree(TenantId tenant, UUID operatorId, UUID desk) {
        if (operatorId == null) {
            return;
        }
        desks.deskOf(tenant, operatorId, desk).ifPresent(other -> {
            throw operatorBusy(tenant, operatorId, other);
        });
    }

    private Taken operatorBusy(TenantId tenant, UUID operatorId, String desk) {
        String who = users.find(tenant, operatorId).map(UserSummary::username).orElse(operatorId.toString());
        return new Taken("operator_id", "«" + who + "» ya atiende en «" + desk + "»: libera esa ventanilla primero.");
    }

    /** The unique index that refused the row: the desk's name in its branch, or its operator elsewhere. */
    private static Taken taken(DuplicateKeyException e, String branch, String name) {
        if (String.valueOf(e.getMessage()).contains(Desks.OPERATOR_INDEX)) {
            return new Taken("operator_id", "Esa persona acaba de ocupar otra ventanilla: libérala primero.");
        }
        return new Taken("name", "La sede «" + branch + "» ya tiene una ventanilla llamada «" + name + "».");
    }

    private DeskView view(TenantId tenant, DeskRow row) {
        var ids = Stream.concat(row.queueIds().stream(), row.overflowQueueIds().stream())
                .toList();
        Map<UUID, UserSummary> people =
                row.operatorId() == null ? Map.of() : users.findAll(tenant, List.of(row.operatorId()));
        return view(row, queues.findAll(tenant, ids), people);
    }

    private static DeskView view(DeskRow row, Map<UUID, QueueRow> linked, Map<UUID, UserSummary> people) {
        List<DeskQueue> served = new ArrayList<>();
        row.queueIds().forEach(id -> served.add(deskQueue(linked.get(id), id, false)));
        row.overflowQueueIds().forEach(id -> served.add(deskQueue(linked.get(id), id, true)));
        UserSummary operator = row.operatorId() == null ? null : people.get(row.operatorId());
        return new DeskView(
                row.id(),
                row.branchId(),
                row.branchName(),
                row.name(),
                row.operatorId(),
                operator == null ? null : operator.username(),
                operator == null ? null : operator.fullName(),
                row.queueIds(),
                row.overflowQueueIds(),
                List.copyOf(served),
                row.active(),
                row.createdAt(),
                row.updatedAt());
    }

    private static DeskQueue deskQueue(QueueRow queue, UUID id, boolean overflow) {
        return queue == null
                ? new DeskQueue(id, null, null, overflow, false)
                : new DeskQueue(id, queue.prefix(), queue.name(), overflow, queue.active());
    }

    private static Map<String, Object> summary(DeskView desk) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("branch_id", desk.branchId().toString());
        summary.put("name", desk.name());
        summary.put(
                "queues",
                desk.queues().stream()
                        .filter(q -> !q.overflow())
                        .map(DeskQueue::prefix)
                        .toList());
        summary.put(
                "overflow_queues",
                desk.queues().stream()
                        .filter(DeskQueue::overflow)
                        .map(DeskQueue::prefix)
                        .toList());
        summary.put("operator", desk.operatorUsername());
        summary.put("active", desk.active());
        return summary;
    }

    private void record(Actor caller, String action, UUID id, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "desk", id.toString(), summary));
    }
}
