package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.scheduling.internal.SchedulingFailures.Refused;
import io.turno.scheduling.internal.SchedulingFailures.SlotTaken;
import io.turno.scheduling.internal.WaitlistEntries.Offer;
import io.turno.shared.Actor;
import io.turno.shared.LinkSecrets;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The emailed link of a waitlist offer: it shows the offered slot and books it, once, until it
 * expires. The link's secret is the only credential (nobody signs in); only its SHA-256 is stored and
 * the secret is never logged. A used link and an unknown one answer the same.
 */
@Service
public class WaitlistOffers {

    /** The page's address up to the secret. */
    public static final String PATH = "/waitlist/offers/";

    /** What a link is: usable, or why not. */
    public enum State {
        VALID,
        EXPIRED,
        /** Used, or never issued: the page cannot tell them apart, and says so in one sentence. */
        GONE,
        /** Someone else booked the time, or it can no longer be booked, since the offer was made. */
        TAKEN,
        BOOKED
    }

    /** The offered slot as the page shows it; the details are null unless the link still works. */
    public record View(
            State state,
            @Nullable String service,
            @Nullable String practitioner,
            @Nullable OffsetDateTime start,
            @Nullable OffsetDateTime expiresAt) {

        static View of(State state) {
            return new View(state, null, null, null, null);
        }
    }

    /** Who books through a link: no signed-in person, the offer's link itself. */
    private record OfferLink(TenantId tenantId) implements Actor {

        @Override
        public UUID userId() {
            return null;
        }

        @Override
        public String username() {
            return "waitlist-offer";
        }
    }

    private final WaitlistEntries entries;
    private final AppointmentBooking booking;
    private final PractitionerService practitioners;
    private final ServiceCatalog catalog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WaitlistOffers(
            WaitlistEntries entries,
            AppointmentBooking booking,
            PractitionerService practitioners,
            ServiceCatalog catalog,
            TransactionTemplate transactions,
            Clock clock) {
        this.entries = entries;
        this.booking = booking;
        this.practitioners = practitioners;
        this.catalog = catalog;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The offered slot, read before the page shows its button. */
    public View show(String secret) {
        var tenant = tenant(secret);
        if (tenant.isEmpty()) {
            return View.of(State.GONE);
        }
        return TenantScope.call(
                tenant.get(),
                () -> transactions.execute(
                        status -> entries.offerByHash(tenant.get(), LinkSecrets.sha256(secret), false)
                                .map(offer -> view(tenant.get(), offer, state(offer)))
                                .orElse(View.of(State.GONE))));
    }

    /**
     * Books the offered slot for its patient through the normal booking rules, once: the offer's row is
     * locked, so of concurrent attempts exactly one books and the others find the link used.
     */
    public View accept(String secret) {
        var tenant = tenant(secret);
        if (tenant.isEmpty()) {
            return View.of(State.GONE);
        }
        try {
            return TenantScope.call(
                    tenant.get(),
                    () -> transactions.execute(status -> {
                        var offer = entries.offerByHash(tenant.get(), LinkSecrets.sha256(secret), true)
                                .orElse(null);
                        if (offer == null) {
                            return View.of(State.GONE);
                        }
                        State state = state(offer);
                        if (state != State.VALID) {
                            return View.of(state);
                        }
                        var entry = offer.entry();
                        var booked = booking.bookOffered(
                                new OfferLink(tenant.get()),
                                entry.patientId(),
                                entry.therapistId(),
                                entry.serviceId(),
                                entry.offeredStart());
                        entries.booked(tenant.get(), entry.id(), booked.id());
                        return view(tenant.get(), offer, State.BOOKED);
                    }));
        } catch (SlotTaken | Refused e) {
            // The transaction is rolled back; the offer stays as it was, but its time is gone.
            return View.of(State.TAKEN);
        }
    }

    private Optional<TenantId> tenant(String secret) {
        if (secret == null || secret.length() < 20 || secret.length() > 100) {
            return Optional.empty();
        }
        return TenantScope.unscoped(() -> entries.offerTenant(LinkSecrets.sha256(secret)));
    }

    private State state(Offer offer) {
        if (offer.entry().status() == Waitlist.Status.EXPIRED) {
            return State.EXPIRED;
        }
        if (offer.entry().status() != Waitlist.Status.OFFERED) {
            return State.GONE;
        }
        return offer.expiresAt().isAfter(clock.instant()) ? State.VALID : State.EXPIRED;
    }

    private View view(TenantId tenant, Offer offer, State state) {
        if (state != State.VALID && state != State.BOOKED) {
            return View.of(state);
        }
        var entry = offer.entry();
        return new View(
                state,
                catalog.find(tenant, entry.serviceId()).map(ServiceView::name).orElse(null),
                practitioners.get(tenant, entry.therapistId()).displayName(),
                entry.offeredStart(),
                offer.expiresAt().atOffset(entry.offeredStart().getOffset()));
    }
}
