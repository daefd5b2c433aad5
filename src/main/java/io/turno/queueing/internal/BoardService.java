package io.turno.queueing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The live view of a branch, and of one ticket for the customer holding it. */
@Service
public class BoardService {

    public record Board(
            UUID branchId, String branchName, List<Serving> nowServing, List<Waiting> waiting, Instant updatedAt) {}

    public record Serving(
            @Nullable UUID deskId,
            @Nullable String deskName,
            @Nullable String number,
            @Nullable TicketStatus status,
            @Nullable Instant calledAt,
            int recalls) {}

    public record Waiting(UUID queueId, String queueName, String prefix, int waiting, List<String> next) {}

    /** A ticket as its holder sees it: no personal data. */
    public record PublicTicket(
            String number,
            TicketStatus status,
            String branchName,
            String queueName,
            int ahead,
            long estimatedWaitSeconds,
            @Nullable String deskName,
            Instant issuedAt,
            @Nullable Instant calledAt) {}

    private final Boards boards;
    private final Branches branches;
    private final ServiceCatalog catalog;
    private final Clock clock;

    BoardService(Boards boards, Branches branches, ServiceCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.boards = boards;
        this.branches = branches;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Board board(TenantId tenant, UUID branchId) {
        var branch = branches.rules(tenant, branchId).orElseThrow(() -> new NotFound("Sede", branchId));
        Instant now = clock.instant();
        return new Board(
                branchId,
                boards.branchName(tenant, branchId).orElseThrow(),
                boards.serving(tenant, branchId),
                boards.waiting(tenant, branchId, branch.policy(), now),
                now);
    }

    /**
     * The ticket behind an unguessable token, for the customer's phone: number, state, how many go
     * first and roughly how long; nothing about the person. The token names the tenant.
     */
    public Optional<PublicTicket> publicTicket(String token) {
        if (token == null || token.length() != 32) {
            return Optional.empty();
        }
        return TenantScope.unscoped(() -> boards.byToken(token))
                .map(key -> TenantScope.call(key.tenant(), () -> {
                    var view = boards.publicView(key.tenant(), key.id()).orElseThrow();
                    if (key.status() != TicketStatus.WAITING) {
                        return view;
                    }
                    var branch = branches.rules(key.tenant(), key.branchId()).orElseThrow();
                    Instant now = clock.instant();
                    int ahead = boards.ahead(key.tenant(), key.id(), key.queueId(), branch.policy(), now);
                    // What the queue's last two hours took, else what the service says, else the house default.
                    double perTicket = boards.recentServiceSeconds(key.tenant(), key.queueId(), now)
                            .orElseGet(() -> (double) catalog.find(key.tenant(), key.serviceId())
                                    .map(ServiceView::durationMinutes)
                                    .map(minutes -> Duration.ofMinutes(minutes))
                                    .orElse(TicketService.DEFAULT_SERVICE_TIME)
                                    .toSeconds());
                    long wait = Math.round(
                            ahead * perTicket / Math.max(1, boards.desksServing(key.tenant(), key.queueId())));
                    return new PublicTicket(
                            view.number(),
                            view.status(),
                            view.branchName(),
                            view.queueName(),
                            ahead,
                            Duration.ofSeconds(wait).toSeconds(),
                            null,
                            view.issuedAt(),
                            null);
                }));
    }
}
