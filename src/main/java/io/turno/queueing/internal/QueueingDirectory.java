package io.turno.queueing.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the kiosk, the desk console and the board pages list: the tenant's branches, desks, queues,
 * priorities and the services a branch takes by turn. Read-only; every statement names its tenant.
 */
@Service
public class QueueingDirectory {

    public record BranchOption(UUID id, String name, boolean active) {
    }

    public record DeskOption(UUID id, String name, UUID branchId, String branchName) {
    }

    public record QueueOption(UUID id, String name, String prefix) {
    }

    public record PriorityOption(UUID id, String name, int weight, String description, boolean isDefault) {
    }

    public record ServiceOption(UUID id, String code, String name, String description) {
    }

    private final JdbcClient jdbc;
    private final ServiceCatalog catalog;
    private final Tickets tickets;

    QueueingDirectory(JdbcClient jdbc, ServiceCatalog catalog, Tickets tickets) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.tickets = tickets;
    }

    /** The tenant's active branches, by name. */
    @Transactional(readOnly = true)
    public List<BranchOption> branches(TenantId tenant) {
        return jdbc.sql("SELECT id, name, active FROM queueing_branches WHERE tenant_id = :t AND active ORDER BY name")
                .param("t", tenant.value())
                .query((rs, n) -> new BranchOption(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getBoolean("active")))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<BranchOption> branch(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT id, name, active FROM queueing_branches WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value()).param("id", id)
                .query((rs, n) -> new BranchOption(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getBoolean("active")))
                .optional();
    }

    /** The tenant's active desks of active branches, by branch and desk name. */
    @Transactional(readOnly = true)
    public List<DeskOption> desks(TenantId tenant) {
        return jdbc.sql("""
                SELECT d.id, d.name, d.branch_id, b.name AS branch_name
                FROM queueing_desks d JOIN queueing_branches b ON b.id = d.branch_id
                WHERE d.tenant_id = :t AND d.active AND b.active
                ORDER BY b.name, d.name
                """)
                .param("t", tenant.value()).query(QueueingDirectory::desk).list();
    }

    /** One desk of the tenant, whatever its state. */
    @Transactional(readOnly = true)
    public Optional<DeskOption> desk(TenantId tenant, UUID id) {
        return jdbc.sql("""
                SELECT d.id, d.name, d.branch_id, b.name AS branch_name
                FROM queueing_desks d JOIN queueing_branches b ON b.id = d.branch_id
                WHERE d.tenant_id = :t AND d.id = :id
                """)
                .param("t", tenant.value()).param("id", id).query(QueueingDirectory::desk).optional();
    }

    /** The branch's active desks other than {@code except}: where a ticket may be sent. */
    @Transactional(readOnly = true)
    public List<DeskOption> otherDesks(TenantId tenant, UUID branch, UUID except) {
        return jdbc.sql("""
                SELECT d.id, d.name, d.branch_id, b.name AS branch_name
                FROM queueing_desks d JOIN queueing_branches b ON b.id = d.branch_id
                WHERE d.tenant_id = :t AND d.branch_id = :b AND d.active AND d.id <> :except
                ORDER BY d.name
                """)
                .param("t", tenant.value()).param("b", branch).param("except", except)
                .query(QueueingDirectory::desk).list();
    }

    /** The branch's active queues, by prefix. */
    @Transactional(readOnly = true)
    public List<QueueOption> queues(TenantId tenant, UUID branch) {
        return jdbc.sql("""
                SELECT id, name, prefix FROM queueing_queues WHERE tenant_id = :t AND branch_id = :b AND active
                ORDER BY prefix
                """)
                .param("t", tenant.value()).param("b", branch)
                .query((rs, n) -> new QueueOption(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("prefix")))
                .list();
    }

    /** The tenant's active priorities, the default first, then by weight. */
    @Transactional(readOnly = true)
    public List<PriorityOption> priorities(TenantId tenant) {
        return jdbc.sql("""
                SELECT id, name, weight, description, is_default FROM queueing_priorities
                WHERE tenant_id = :t AND active ORDER BY is_default DESC, weight, name
                """)
                .param("t", tenant.value())
                .query((rs, n) -> new PriorityOption(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getInt("weight"), rs.getString("description"), rs.getBoolean("is_default")))
                .list();
    }

    /** The active walk-in services that at least one active queue of the branch takes, by name. */
    @Transactional(readOnly = true)
    public List<ServiceOption> walkInServices(TenantId tenant, UUID branch) {
        List<UUID> ids = jdbc.sql("""
                SELECT DISTINCT s.service_id FROM queueing_queue_services s JOIN queueing_queues q ON q.id = s.queue_id
                WHERE q.tenant_id = :t AND q.branch_id = :b AND q.active
                """)
                .param("t", tenant.value()).param("b", branch).query(UUID.class).list();
        return ids.stream().map(id -> catalog.find(tenant, id)).flatMap(Optional::stream)
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

    private static DeskOption desk(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new DeskOption(rs.getObject("id", UUID.class), rs.getString("name"), rs.getObject("branch_id", UUID.class),
                rs.getString("branch_name"));
    }
}
