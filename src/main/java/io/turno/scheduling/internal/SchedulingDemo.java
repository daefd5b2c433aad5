package io.turno.scheduling.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.turno.billing.PastPayments;
import io.turno.billing.PastPayments.PastPayment;
import io.turno.billing.PaymentMethod;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.customers.NewCustomer;
import io.turno.identity.DemoOrganization;
import io.turno.identity.TenantDirectory;
import io.turno.identity.UserDirectory;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.internal.DemoAppointmentWeek.Seeded;
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
 * {@code patient} account is the demo customer Paciente Demo. Then, while the therapist has no
 * appointment at all, their week around today ({@link DemoAppointmentWeek}) with ten more demo patients,
 * and each completed appointment paid through billing's {@link PastPayments} on its day, by cash, card or
 * transfer, so the clinic's dashboards and the daily cash report show figures at the first sign-in.
 * Each only while absent, so what an administrator changes later stays. Runs after the catalog's demo
 * services (20).
 */
@Component
@Order(40)
class SchedulingDemo implements ApplicationRunner {

    static final String PATIENT_DOCUMENT = "1000000001";

    /** The demo's other patients, CC 1000000002 onwards, for the therapist's week. */
    static final List<String> PATIENTS = List.of(
            "Ana María Rojas",
            "Carlos Andrés Gómez",
            "Luisa Fernanda Díaz",
            "Jorge Iván Pérez",
            "Diana Marcela Torres",
            "Andrés Felipe Ramírez",
            "Camila Herrera Ortiz",
            "Juan Sebastián Castro",
            "Valentina Moreno",
            "Ricardo Salazar");

    private static final Logger log = LoggerFactory.getLogger(SchedulingDemo.class);

    private final DemoOrganization demo;
    private final UserDirectory users;
    private final ServiceCatalog catalog;
    private final Customers customers;
    private final PractitionerService practitioners;
    private final Practitioners rows;
    private final TenantDirectory directory;
    private final DemoAppointmentWeek week;
    private final PastPayments payments;
    private final Clock clock;

    SchedulingDemo(
            DemoOrganization demo,
            UserDirectory users,
            ServiceCatalog catalog,
            Customers customers,
            PractitionerService practitioners,
            Practitioners rows,
            TenantDirectory directory,
            DemoAppointmentWeek week,
            PastPayments payments,
            Clock clock) {
        this.demo = demo;
        this.users = users;
        this.catalog = catalog;
        this.customers = customers;
        this.practitioners = practitioners;
        this.rows = rows;
        this.directory = directory;
        this.week = week;
        this.payments = payments;
        this.clock = clock;
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
        users.findByUsername(tenant, "therapist")
                .flatMap(user -> practitioners.findByUser(tenant, user.id()))
                .filter(p -> p.active() && !p.serviceIds().isEmpty())
                .filter(p -> !week.any(tenant, p.id()))
                .ifPresent(p -> seedWeek(tenant, p));
    }

    /** The therapist's week around today, and the payments of what was completed. */
    private void seedWeek(TenantId tenant, PractitionerView practitioner) {
        var service = catalog.find(tenant, practitioner.serviceIds().getFirst())
                .filter(s -> s.durationMinutes() != null)
                .orElse(null);
        if (service == null) {
            return;
        }
        long started = System.nanoTime();
        var system = Actor.system(tenant);
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < PATIENTS.size(); i++) {
            patients.add(customers
                    .findOrCreate(
                            tenant, new NewCustomer("CC", Long.toString(1_000_000_002L + i), PATIENTS.get(i)), system)
                    .id());
        }
        UUID patient = users.findByUsername(tenant, "patient")
                .flatMap(user -> customers.findByUser(tenant, user.id()))
                .map(CustomerView::id)
                .orElse(null);
        if (patient != null) {
            patients.add(patient);
        }
        Instant now = clock.instant();
        List<Seeded> seeded = week.seed(
                tenant,
                practitioner.id(),
                service.id(),
                service.durationMinutes(),
                patients,
                patient,
                LocalDate.ofInstant(
                        now,
                        directory
                                .summary(tenant)
                                .map(TenantDirectory.TenantSummary::timeZone)
                                .orElseThrow()),
                now);
        List<PastPayment> paid = new ArrayList<>();
        if (service.price() != null && service.price().signum() > 0) {
            // A fixed draw, as the appointments': about 45 % cash, 40 % card and 15 % transfer.
            var draw = new Random(42);
            seeded.stream()
                    .filter(a -> a.status() == AppointmentStatus.COMPLETED)
                    .sorted(Comparator.comparing(Seeded::endsAt))
                    .forEach(a -> paid.add(payment(a, service.price(), service.currency(), draw, now)));
        }
        payments.recordPast(tenant, paid, system);
        log.info(
                "Loaded the demo therapist's week of '{}' in {} ms: {} appointments, {} of them paid",
                DemoOrganization.SLUG,
                (System.nanoTime() - started) / 1_000_000,
                seeded.size(),
                paid.size());
    }

    /** The payment of a completed appointment, taken at the desk a few minutes after it ended (never after now). */
    private static PastPayment payment(Seeded a, BigDecimal price, String currency, Random draw, Instant now) {
        double r = draw.nextDouble();
        PaymentMethod method = r < 0.45 ? PaymentMethod.CASH : r < 0.85 ? PaymentMethod.CARD : PaymentMethod.TRANSFER;
        String reference = switch (method) {
            case CARD -> "Voucher %06d".formatted(draw.nextInt(1_000_000));
            case TRANSFER -> "TRF-%08d".formatted(draw.nextInt(100_000_000));
            default -> null;
        };
        Instant at = a.endsAt().plus(Duration.ofMinutes(1 + draw.nextInt(6)));
        return new PastPayment(
                a.id(),
                a.customerId(),
                price,
                currency,
                method,
                reference,
                at.isAfter(now) ? now : at,
                "demo-appointment-" + a.id());
    }
}
