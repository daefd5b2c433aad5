package io.turno.queueing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.queueing.QueueStatistics;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link QueueStatistics} over the ticket rows, with the totals the statistics endpoint answers. */
@Service
class QueueFigures implements QueueStatistics {

    private final TicketTotals totals;
    private final Branches branches;
    private final Clock clock;

    QueueFigures(TicketTotals totals, Branches branches, Clock clock) {
        this.totals = totals;
        this.branches = branches;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<BranchRef> branches(TenantId tenant) {
        return branches.page(tenant, null, true, 0, 200).items().stream()
                .map(branch -> new BranchRef(branch.id(), branch.name()))
                .sorted(java.util.Comparator.comparing(BranchRef::name))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<QueueWaiting> waitingNow(TenantId tenant, UUID branch) {
        return totals.waitingNow(tenant, branch);
    }

    @Override
    @Transactional(readOnly = true)
    public List<GroupTotals> totals(TenantId tenant, UUID branch, LocalDate from, LocalDate to, Grouping grouping) {
        return totals.grouped(tenant, branch, from, to, QueueStats.GroupBy.valueOf(grouping.name())).stream()
                .map(row -> new GroupTotals(
                        row.key(),
                        row.label(),
                        row.tickets(),
                        row.completed(),
                        row.noShows(),
                        row.avgWaitSeconds(),
                        row.p90WaitSeconds(),
                        row.avgServiceSeconds(),
                        row.p90ServiceSeconds(),
                        row.p50WaitSeconds(),
                        row.cancelled() + row.expired()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<WaitingTicket> longestWaiting(TenantId tenant, UUID branch, int limit) {
        return totals.longestWaiting(tenant, branch, clock.instant(), limit);
    }
}
