package io.turno.queueing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.identity.DemoOrganization;
import io.turno.identity.UserDirectory;
import io.turno.queueing.internal.BranchService.BranchCommand;
import io.turno.queueing.internal.DeskService.DeskCommand;
import io.turno.queueing.internal.OpeningHours.Interval;
import io.turno.queueing.internal.QueueService.QueueCommand;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the demo organization (when {@code turno.identity.demo} is on) a working office, once:
 * only while it has no branch, so what an administrator changes later stays. Sede Centro in
 * Bogotá with queues A General, B Caja, C Resultados on the catalog's demo services, and three
 * desks helping each other, {@code reception} at Ventanilla 1, and a week of served tickets before
 * today ({@link DemoTicketHistory}) for its statistics. Runs after identity (0), the
 * priorities (10) and the catalog's demo services (20).
 */
@Component
@Order(30)
class QueueingDemo implements ApplicationRunner {

    static final String BRANCH = "Sede Centro";

    private static final Logger log = LoggerFactory.getLogger(QueueingDemo.class);

    private final DemoOrganization demo;
    private final UserDirectory users;
    private final ServiceCatalog catalog;
    private final Branches branches;
    private final BranchService branchService;
    private final QueueService queueService;
    private final DeskService deskService;
    private final DemoTicketHistory history;
    private final Clock clock;

    QueueingDemo(
            DemoOrganization demo,
            UserDirectory users,
            ServiceCatalog catalog,
            Branches branches,
            BranchService branchService,
            QueueService queueService,
            DeskService deskService,
            DemoTicketHistory history,
            Clock clock) {
        this.demo = demo;
        this.history = history;
        this.clock = clock;
        this.users = users;
        this.catalog = catalog;
        this.branches = branches;
        this.branchService = branchService;
        this.queueService = queueService;
        this.deskService = deskService;
    }

    @Override
    public void run(ApplicationArguments args) {
        demo.seed(this::seed);
    }

    private void seed(TenantId tenant) {
        // Instances starting together on one database seed one after the other; the second finds the branch.
        branches.awaitSeedingTurn();
        if (branches.any(tenant)) {
            return;
        }
        var system = Actor.system(tenant);
        var weekday = List.of(new Interval("07:00", "18:00"));
        UUID branch = branchService
                .create(
                        system,
                        new BranchCommand(
                                BRANCH,
                                "Calle 10 # 5-20, Bogotá",
                                "America/Bogota",
                                Map.of(
                                        "MONDAY",
                                        weekday,
                                        "TUESDAY",
                                        weekday,
                                        "WEDNESDAY",
                                        weekday,
                                        "THURSDAY",
                                        weekday,
                                        "FRIDAY",
                                        weekday,
                                        "SATURDAY",
                                        List.of(new Interval("08:00", "12:00"))),
                                CallPolicy.WEIGHTED_WAIT,
                                3,
                                5,
                                true))
                .id();

        UUID general = queue(system, branch, "A", "General", "CONS-GEN");
        UUID caja = queue(system, branch, "B", "Caja", "CAJA");
        UUID resultados = queue(system, branch, "C", "Resultados", "ENTREGA");

        UUID reception = users.findByUsername(tenant, "reception")
                .filter(UserDirectory.UserSummary::active)
                .map(UserDirectory.UserSummary::id)
                .orElse(null);
        desk(system, branch, "Ventanilla 1", List.of(general), List.of(caja), reception);
        desk(system, branch, "Ventanilla 2", List.of(caja), List.of(general, resultados), null);
        desk(system, branch, "Ventanilla 3", List.of(resultados), List.of(general), null);
        String zone = "America/Bogota";
        int served = history.seed(tenant, branch, zone, LocalDate.ofInstant(clock.instant(), ZoneId.of(zone)));
        log.info(
                "Loaded the demo office '{}' of '{}': queues A, B, C, three desks and {} tickets of the last week",
                BRANCH,
                DemoOrganization.SLUG,
                served);
    }

    /** A queue taking the demo service {@code code}, or no service should the catalog no longer offer it by turn. */
    private UUID queue(Actor system, UUID branch, String prefix, String name, String code) {
        Optional<ServiceView> service =
                catalog.findByCode(system.tenantId(), code).filter(s -> s.active() && s.walkIn());
        var services = new ArrayList<UUID>();
        service.ifPresent(s -> services.add(s.id()));
        return queueService
                .create(system, new QueueCommand(branch, name, prefix, services, true))
                .id();
    }

    private void desk(Actor system, UUID branch, String name, List<UUID> queues, List<UUID> overflow, UUID operator) {
        deskService.create(system, new DeskCommand(branch, name, queues, overflow, operator, true));
    }
}
