package io.turno.scheduling.internal;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.Customers;
import io.turno.customers.NewCustomer;
import io.turno.identity.DemoOrganization;
import io.turno.identity.UserDirectory;
import io.turno.scheduling.internal.PractitionerService.PractitionerCommand;
import io.turno.scheduling.internal.ScheduleView.Interval;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the demo organization (when {@code turno.identity.demo} is on) a bookable therapist, once:
 * {@code therapist} gives TERAPIA Monday to Friday 08:00–17:00 with lunch at 12:00–13:00, and the
 * {@code patient} account is the demo customer Paciente Demo. Each only while absent, so what an
 * administrator changes later stays. Runs after the catalog's demo services (20).
 */
@Component
@Order(40)
class SchedulingDemo implements ApplicationRunner {

    static final String PATIENT_DOCUMENT = "1000000001";

    private static final Logger log = LoggerFactory.getLogger(SchedulingDemo.class);

    private final DemoOrganization demo;
    private final UserDirectory users;
    private final ServiceCatalog catalog;
    private final Customers customers;
    private final PractitionerService practitioners;
    private final Practitioners rows;

    SchedulingDemo(
            DemoOrganization demo,
            UserDirectory users,
            ServiceCatalog catalog,
            Customers customers,
            PractitionerService practitioners,
            Practitioners rows) {
        this.demo = demo;
        this.users = users;
        this.catalog = catalog;
        this.customers = customers;
        this.practitioners = practitioners;
        this.rows = rows;
    }

    @Override
    public void run(ApplicationArguments args) {
        demo.seed(this::seed);
    }

    private void seed(TenantId tenant) {
        // Instances starting together on one database seed one after the other; the second finds the rows.
        rows.lockDemoSeeding();
        var system = Actor.system(tenant);
        users.findByUsername(tenant, "therapist")
                .filter(UserDirectory.UserSummary::active)
                .filter(user -> practitioners.findByUser(tenant, user.id()).isEmpty())
                .ifPresent(user -> {
                    var services = catalog
                            .findByCode(tenant, "TERAPIA")
                            .filter(s -> s.active() && s.bookable() && s.durationMinutes() != null)
                            .map(ServiceView::id)
                            .stream()
                            .toList();
                    var practitioner = practitioners.create(
                            system, new PractitionerCommand(user.id(), user.fullName(), null, services, true));
                    Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
                    Map<DayOfWeek, List<Interval>> lunch = new EnumMap<>(DayOfWeek.class);
                    for (DayOfWeek day : List.of(
                            DayOfWeek.MONDAY,
                            DayOfWeek.TUESDAY,
                            DayOfWeek.WEDNESDAY,
                            DayOfWeek.THURSDAY,
                            DayOfWeek.FRIDAY)) {
                        week.put(
                                day,
                                List.of(new Interval(java.time.LocalTime.of(8, 0), java.time.LocalTime.of(17, 0))));
                        lunch.put(
                                day,
                                List.of(new Interval(java.time.LocalTime.of(12, 0), java.time.LocalTime.of(13, 0))));
                    }
                    practitioners.replaceSchedule(
                            system, practitioner.id(), new ScheduleView(null, week, lunch, List.of()));
                    log.info(
                            "Loaded the demo therapist '{}' of '{}' (TERAPIA, Mon-Fri 08:00-17:00)",
                            user.username(),
                            DemoOrganization.SLUG);
                });
        users.findByUsername(tenant, "patient")
                .filter(UserDirectory.UserSummary::active)
                .filter(user -> customers.findByUser(tenant, user.id()).isEmpty())
                .ifPresent(user -> {
                    var customer = customers.findOrCreate(
                            tenant, new NewCustomer("CC", PATIENT_DOCUMENT, user.fullName()), system);
                    customers.linkUser(tenant, customer.id(), user.id(), system);
                    log.info("Linked the demo account 'patient' to the customer {}", customer.document());
                });
    }
}
