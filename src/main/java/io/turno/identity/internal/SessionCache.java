package io.turno.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.turno.identity.CurrentUser;
import io.turno.shared.DatabaseChannel;
import io.turno.shared.DatabaseChannels;
import io.turno.shared.TenantId;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The open sessions this instance has checked in the last {@link #SEEN_EVERY}, so that a request's
 * token costs no query. An entry is served only until its session's seen-time is due to be written
 * again; then the request reads the database, which also finds an idle session.
 * <p>
 * A change that can end a session or change its user (a session ended; a user, a tenant, a role or
 * a grant changed) notifies channel {@code turno_identity} when it commits (V8), and every instance
 * forgets what it concerns. The change's own instance forgets it when it commits, not when the
 * notification arrives ({@link #forgetAfterCommit}). While the listener is not connected nothing is
 * served from memory, because notifications are being missed.
 */
@Component
class SessionCache implements SmartLifecycle {

    /** How often a busy session's seen-time is written; also how long an entry may be served. */
    static final Duration SEEN_EVERY = Duration.ofSeconds(30);

    private static final int HELD_UP_TO = 50_000;

    private record Entry(UUID userId, TenantId tenant, CurrentUser user, Instant seenAt) {}

    private final ConcurrentHashMap<UUID, Entry> open = new ConcurrentHashMap<>();
    /** Moves before every forgetting: a database read that started earlier must not be cached. */
    private final AtomicLong generation = new AtomicLong();

    private final DatabaseChannel channel;
    private volatile boolean listening;

    SessionCache(DatabaseChannels channels) {
        this.channel = channels.channel("turno_identity", new DatabaseChannel.Handler() {
            @Override
            public void listening() {
                forgetEverything();
                listening = true;
            }

            @Override
            public void deaf() {
                listening = false;
                forgetEverything();
            }

            @Override
            public void notified(List<String> changes) {
                changes.forEach(SessionCache.this::forget);
            }
        });
    }

    /** The session's user, when this instance checked the session less than {@link #SEEN_EVERY} before {@code now}. */
    Optional<CurrentUser> user(TenantId tenant, UUID sessionId, UUID userId, Instant now) {
        var entry = listening ? open.get(sessionId) : null;
        if (entry == null
                || !entry.userId().equals(userId)
                || !entry.tenant().equals(tenant)
                || !entry.seenAt().isAfter(now.minus(SEEN_EVERY))
                || entry.seenAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(entry.user());
    }

    /** Taken before reading a session from the database, and handed back to {@link #remember}. */
    long generation() {
        return generation.get();
    }

    /** Keeps what was read, unless something was forgotten since {@code readAt}. */
    void remember(UUID sessionId, CurrentUser user, Instant seenAt, long readAt) {
        if (!listening || generation.get() != readAt) {
            return;
        }
        if (open.size() >= HELD_UP_TO) {
            open.clear();
        }
        open.put(sessionId, new Entry(user.userId(), user.tenantId(), user, seenAt));
        // A forgetting between the check above and the put may have missed this entry.
        if (generation.get() != readAt) {
            open.remove(sessionId);
        }
    }

    private enum Kind {
        SESSION,
        USER,
        TENANT
    }

    /** Forgets a session when the current transaction commits (at once without one). */
    void forgetSessionAfterCommit(UUID sessionId) {
        forgetAfterCommit(Kind.SESSION, sessionId);
    }

    void forgetUserAfterCommit(UUID userId) {
        forgetAfterCommit(Kind.USER, userId);
    }

    void forgetTenantAfterCommit(TenantId tenant) {
        forgetAfterCommit(Kind.TENANT, tenant.value());
    }

    private void forgetAfterCommit(Kind kind, UUID id) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget(kind, id);
                }
            });
        } else {
            forget(kind, id);
        }
    }

    /** A notification's payload, {@code session:<id>}, {@code user:<id>} or {@code tenant:<id>} (V8); anything else forgets everything. */
    private void forget(String change) {
        int colon = change.indexOf(':');
        try {
            forget(
                    Kind.valueOf(change.substring(0, colon).toUpperCase(Locale.ROOT)),
                    UUID.fromString(change.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException unknown) {
            forgetEverything();
        }
    }

    private void forget(Kind kind, UUID id) {
        generation.incrementAndGet();
        switch (kind) {
            case SESSION -> open.remove(id);
            case USER -> open.values().removeIf(entry -> entry.userId().equals(id));
            case TENANT ->
                open.values().removeIf(entry -> entry.tenant().value().equals(id));
        }
    }

    private void forgetEverything() {
        generation.incrementAndGet();
        open.clear();
    }

    @Override
    public void start() {
        channel.start();
    }

    @Override
    public void stop() {
        channel.stop();
    }

    @Override
    public boolean isRunning() {
        return channel.isRunning();
    }
}
