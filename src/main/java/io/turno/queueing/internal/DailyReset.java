package io.turno.queueing.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import io.turno.identity.TenantDirectory;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At each branch's local midnight the day's numbering starts over (numbers are kept per
 * branch-local day, so the first ticket of the new day is 001 by construction) and tickets still
 * open from an earlier day close as EXPIRED. Idempotent: run it as often as you like.
 */
@Component
public class DailyReset {

    static final String REASON = "Cierre del día: el turno no se atendió antes de la medianoche de la sede.";

    private static final Logger log = LoggerFactory.getLogger(DailyReset.class);

    private final Branches branches;
    private final Tickets tickets;
    private final TenantDirectory directory;
    private final TransactionTemplate transactions;
    private final Boards boards;
    private final Clock clock;

    DailyReset(
            Branches branches,
            Tickets tickets,
            TenantDirectory directory,
            TransactionTemplate transactions,
            Boards boards,
            Clock clock) {
        this.branches = branches;
        this.tickets = tickets;
        this.directory = directory;
        this.transactions = transactions;
        this.boards = boards;
        this.clock = clock;
    }

    public void run() {
        for (var tenant : directory.tenants()) {
            TenantScope.run(tenant.id(), () -> transactions.executeWithoutResult(status -> expire(tenant.id())));
        }
    }

    private void expire(TenantId tenant) {
        Instant now = clock.instant();
        for (var branch : branches.allRules(tenant)) {
            LocalDate today = LocalDate.ofInstant(now, branch.zone());
            int expired = tickets.expire(tenant, branch.id(), today, REASON, now);
            if (expired > 0) {
                boards.changed(tenant, branch.id());
                log.info("Closed {} ticket(s) of branch {} left open before {}", expired, branch.id(), today);
            }
        }
    }
}
