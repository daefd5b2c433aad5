package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.Customers;
import io.turno.identity.CurrentUser;
import io.turno.identity.TenantDirectory;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.WaitlistSlotOffered;
import io.turno.scheduling.internal.AppointmentAccess.Scope;
import io.turno.shared.Actor;
import io.turno.shared.LinkSecrets;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Patients waiting for a practitioner's freed time. A freed slot is offered to the first in line
 * whose date range holds it and whose service fits in it: recorded on the entry and published as
 * {@link WaitlistSlotOffered} with a one-time link that books it ({@link WaitlistOffers}), working
 * for {@code turno.scheduling.waitlist.offer-valid-for} (2 h by default, never past the slot's start).
 * An offer left to expire ends its entry ({@code EXPIRED}) and its time, while still free and ahead,
 * is offered to the next in line ({@link #passOnExpired}, run by the job {@code scheduling-pass-on-offers}).
 */
@Component
public class Waitlist {

    public enum Status {
        WAITING,
        OFFERED,
        BOOKED,
        WITHDRAWN,
        /** Its offer ran out unaccepted and went to the next in line; the patient may join again. */
        EXPIRED
    }

    public record Entry(
            UUID id,
            UUID patientId,
            UUID therapistId,
            UUID serviceId,
            LocalDate dateFrom,
            LocalDate dateTo,
            Status status,
            @Nullable OffsetDateTime offeredStart,
            @Nullable OffsetDateTime offeredEnd,
            Instant createdAt) {}

    private final WaitlistEntries entries;
    private final AppointmentAccess access;
    private final Customers customers;
    private final PractitionerService practitioners;
    private final ServiceCatalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcAppointments appointments;
    private final TenantDirectory tenants;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration offerValidFor;

    Waitlist(
            WaitlistEntries entries,
            AppointmentAccess access,
            Customers customers,
            PractitionerService practitioners,
            ServiceCatalog catalog,
            AuditLog audit,
            ApplicationEventPublisher events,
            JdbcAppointments appointments,
            TenantDirectory tenants,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${turno.scheduling.waitlist.offer-valid-for:PT2H}") Duration offerValidFor) {
        this.offerValidFor = offerValidFor;
        this.appointments = appointments;
        this.tenants = tenants;
        this.transactions = transactions;
        this.entries = entries;
        this.access = access;
        this.customers = customers;
        this.practitioners = practitioners;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Entry join(
            CurrentUser caller, UUID patientId, UUID therapistId, UUID serviceId, LocalDate from, LocalDate to) {
        Scope scope = access.scope(caller);
        if (patientId == null || !scope.actsFor(patientId)) {
            throw new NotFound("Paciente", patientId);
        }
        customers.find(caller.tenantId(), patientId).orElseThrow(() -> new NotFound("Paciente", patientId));
        var practitioner = practitioners.get(caller.tenantId(), therapistId);
        practitioners.bookableService(caller.tenantId(), practitioner, serviceId);
        AppointmentQueries.checkRange(from, to);
        UUID id = UUID.randomUUID();
        entries.insert(caller.tenantId(), id, patientId, practitioner.id(), serviceId, from, to);
        var entry = find(caller.tenantId(), id);
        record(caller, "CREATE", entry, Map.of("after", summary(entry)));
        return entry;
    }

    /** The caller's own entries, or every entry for who sees every appointment; newest first. */
    @Transactional(readOnly = true)
    public List<Entry> entries(CurrentUser caller, UUID therapistId) {
        Scope scope = access.scope(caller);
        if (scope.all()) {
            return entries.list(caller.tenantId(), null, therapistId);
        }
        return scope.customerId() == null
                ? List.of()
                : entries.list(caller.tenantId(), scope.customerId(), therapistId);
    }

    @Transactional
    public void leave(CurrentUser caller, UUID entryId) {
        Scope scope = access.scope(caller);
        var entry = find(caller.tenantId(), entryId);
        if (!scope.actsFor(entry.patientId())) {
            throw new NotFound("Lista de espera", entryId);
        }
        if (entries.withdraw(caller.tenantId(), entry.id())) {
            record(caller, "DELETE", entry, Map.of("before", summary(entry)));
        }
    }

    /**
     * Offers the time {@code freed} held to the first waiting patient it suits, in the caller's
     * transaction. Entries being offered by a concurrent cancellation are skipped, not waited for.
     */
    void offer(TenantId tenant, AppointmentView freed, Actor caller) {
        offer(
                tenant,
                new Slot(
                        freed.therapistId(),
                        freed.therapistUserId(),
                        freed.start().toInstant(),
                        freed.end().toInstant(),
                        ZoneId.of(freed.timeZone())),
                caller);
    }

    /** A practitioner's free time to offer. */
    private record Slot(UUID therapistId, @Nullable UUID therapistUserId, Instant start, Instant end, ZoneId zone) {}

    /**
     * Every organization's offers that expired unaccepted: each entry ends {@code EXPIRED} and the
     * time it was offered goes to the next patient waiting, while it is still ahead and nobody booked
     * it meanwhile. Each offer in its own transaction; answers how many expired.
     */
    public int passOnExpired() {
        int expired = 0;
        for (var tenant : tenants.tenants()) {
            Integer count = TenantScope.call(tenant.id(), () -> {
                int passed = 0;
                while (Boolean.TRUE.equals(transactions.execute(status -> passOnOne(tenant.id())))) {
                    passed++;
                }
                return passed;
            });
            expired += count;
        }
        return expired;
    }

    /** One expired offer passed on; false when none is left. */
    private boolean passOnOne(TenantId tenant) {
        var due = entries.expiredOffers(tenant, clock.instant(), 1);
        if (due.isEmpty()) {
            return false;
        }
        Entry offer = due.getFirst();
        entries.expired(tenant, offer.id());
        Actor system = Actor.system(tenant);
        record(system, "EXPIRE", offer, AuditEntry.change(summary(offer), summary(find(tenant, offer.id()))));
        var start = offer.offeredStart();
        var end = offer.offeredEnd();
        if (start != null && end != null) {
            boolean free = appointments
                    .taken(tenant, offer.therapistId(), start.toInstant(), end.toInstant())
                    .isEmpty();
            if (free) {
                var practitioner = practitioners.get(tenant, offer.therapistId());
                offer(
                        tenant,
                        new Slot(
                                practitioner.id(),
                                practitioner.userId(),
                                start.toInstant(),
                                end.toInstant(),
                                ZoneId.of(practitioner.timeZone())),
                        system);
            }
        }
        return true;
    }

    private void offer(TenantId tenant, Slot freed, Actor caller) {
        ZoneId zone = freed.zone();
        Instant start = freed.start();
        if (!start.isAfter(clock.instant())) {
            return;
        }
        Duration length = Duration.between(start, freed.end());
        LocalDate day = start.atZone(zone).toLocalDate();
        for (Entry candidate : entries.waitingOn(tenant, freed.therapistId(), day)) {
            Integer minutes = catalog.find(tenant, candidate.serviceId())
                    .map(ServiceView::durationMinutes)
                    .orElse(null);
            if (minutes == null || Duration.ofMinutes(minutes).compareTo(length) > 0) {
                continue;
            }
            Instant end = start.plus(Duration.ofMinutes(minutes));
            // The link works for offerValidFor, and never past the slot's start.
            Instant expires = clock.instant().plus(offerValidFor);
            expires = expires.isAfter(start) ? start : expires;
            String secret = LinkSecrets.random();
            entries.offer(
                    tenant,
                    candidate.id(),
                    OffsetDateTime.ofInstant(start, zone),
                    OffsetDateTime.ofInstant(end, zone),
                    LinkSecrets.sha256(secret),
                    expires);
            var offered = find(tenant, candidate.id());
            record(caller, "OFFER", offered, AuditEntry.change(summary(candidate), summary(offered)));
            events.publishEvent(new WaitlistSlotOffered(
                    tenant,
                    candidate.id(),
                    candidate.patientId(),
                    freed.therapistId(),
                    freed.therapistUserId(),
                    candidate.serviceId(),
                    start,
                    end,
                    zone,
                    WaitlistOffers.PATH + secret,
                    expires));
            return;
        }
    }

    private Entry find(TenantId tenant, UUID id) {
        return entries.find(tenant, id).orElseThrow(() -> new NotFound("Lista de espera", id));
    }

    private static Map<String, Object> summary(Entry e) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("patient_id", e.patientId().toString());
        summary.put("therapist_id", e.therapistId().toString());
        summary.put("service_id", e.serviceId().toString());
        summary.put("date_from", e.dateFrom().toString());
        summary.put("date_to", e.dateTo().toString());
        summary.put("status", e.status().name());
        if (e.offeredStart() != null) {
            summary.put("offered_start", e.offeredStart().toString());
        }
        return summary;
    }

    private void record(Actor caller, String action, Entry entry, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "waitlist_entry", entry.id().toString(), summary));
    }
}
