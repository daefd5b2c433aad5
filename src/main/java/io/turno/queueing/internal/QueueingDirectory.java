package io.turno.queueing.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the kiosk, the desk console and the board pages list: the tenant's branches, desks, queues,
 * priorities and the services a branch takes by turn. Read-only.
 */
@Service
public class QueueingDirectory {

    public record BranchOption(UUID id, String name, boolean active) {}

    public record DeskOption(UUID id, String name, UUID branchId, String branchName) {}

    public record QueueOption(UUID id, String name, String prefix) {}

    public record PriorityOption(UUID id, String name, int weight, String description, boolean isDefault) {}

    public record ServiceOption(UUID id, String code, String name, String description) {}

    private final ServiceCatalog catalog;
    private final Branches branches;
    private final Desks desks;
    private final Queues queues;
    private final Priorities priorities;
    private final Tickets tickets;

    QueueingDirectory(
            ServiceCatalog catalog,
            Branches branches,
            Desks desks,
            Queues queues,
            Priorities priorities,
            Tickets tickets) {
        this.catalog = catalog;
        this.branches = branches;
        this.desks = desks;
        this.queues = queues;
        this.priorities = priorities;
        this.tickets = tickets;
    }

    /** The tenant's active branches, by name. */
    @Transactional(readOnly = true)
    public List<BranchOption> branches(TenantId tenant) {
        return branches.options(tenant);
    }

    @Transactional(readOnly = true)
    public Optional<BranchOption> branch(TenantId tenant, UUID id) {
        return branches.option(tenant, id);
    }

    /** The tenant's active desks of active branches, by branch and desk name. */
    @Transactional(readOnly = true)
    public List<DeskOption> desks(TenantId tenant) {
        return desks.options(tenant);
    }

    /** One desk of the tenant, whatever its state. */
    @Transactional(readOnly = true)
    public Optional<DeskOption> desk(TenantId tenant, UUID id) {
        return desks.option(tenant, id);
    }

    /** The branch's active desks other than {@code except}: where a ticket may be sent. */
    @Transactional(readOnly = true)
    public List<DeskOption> otherDesks(TenantId tenant, UUID branch, UUID except) {
        return desks.otherOptions(tenant, branch, except);
    }

    /** The branch's active queues, by prefix. */
    @Transactional(readOnly = true)
    public List<QueueOption> queues(TenantId tenant, UUID branch) {
        return queues.options(tenant, branch);
    }

    /** The tenant's active priorities, the default first, then by weight. */
    @Transactional(readOnly = true)
    public List<PriorityOption> priorities(TenantId tenant) {
        return priorities.options(tenant);
    }

    /** The active walk-in services that at least one active queue of the branch takes, by name. */
    @Transactional(readOnly = true)
    public List<ServiceOption> walkInServices(TenantId tenant, UUID branch) {
        return queues.servicesTaken(tenant, branch).stream()
                .map(id -> catalog.find(tenant, id))
                .flatMap(Optional::stream)
                .filter(service -> service.active() && service.walkIn())
                .sorted(Comparator.comparing(ServiceView::name, String.CASE_INSENSITIVE_ORDER))
                .map(service -> new ServiceOption(service.id(), service.code(), service.name(), service.description()))
                .toList();
    }

    /** The ticket the desk has called or is serving, if any. */
    @Transactional(readOnly = true)
    public Optional<TicketView> openAtDesk(TenantId tenant, UUID desk) {
        return tickets.openAtDesk(tenant, desk);
    }
}
