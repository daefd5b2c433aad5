package io.turno.queueing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * Figures about the organization's queues, for dashboards and reports: what waits now, and how tickets
 * went over days (the same totals as {@code GET /api/v1/queues/stats}). A null {@code branch} means every
 * branch of the organization.
 */
public interface QueueStatistics {

    enum Grouping {
        QUEUE,
        DESK,
        OPERATOR,
        PRIORITY,
        HOUR
    }

    record QueueWaiting(UUID queueId, String queueName, String branchName, long waiting) {}

    /**
     * Tickets of one group; times in seconds, null when no ticket had one. {@code abandoned}: tickets that
     * left without service (cancelled or expired; no-shows are counted apart).
     */
    record GroupTotals(
            String key,
            String label,
            long tickets,
            long completed,
            long noShows,
            Double avgWaitSeconds,
            Double p90WaitSeconds,
            Double avgServiceSeconds,
            Double p90ServiceSeconds,
            Double p50WaitSeconds,
            long abandoned) {}

    record WaitingTicket(String number, String queueName, String priorityName, Instant issuedAt, long waitingSeconds) {}

    /** Tickets waiting now in each active queue, queues without any included, by branch and queue name. */
    List<QueueWaiting> waitingNow(TenantId tenant, UUID branch);

    /** Tickets of the branch-local service days {@code from} to {@code to} (both included), per group, by label. */
    List<GroupTotals> totals(TenantId tenant, UUID branch, LocalDate from, LocalDate to, Grouping grouping);

    /** The tickets waiting longest now, longest first, at most {@code limit}. */
    List<WaitingTicket> longestWaiting(TenantId tenant, UUID branch, int limit);

    /** An active branch, to choose from in a filter. */
    record BranchRef(UUID id, String name) {}

    /** The active branches, by name (at most 200). */
    List<BranchRef> branches(TenantId tenant);
}
