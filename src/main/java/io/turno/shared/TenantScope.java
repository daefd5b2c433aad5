package io.turno.shared;

import java.util.Optional;

/**
 * Which tenant's rows the database lets the current work see: PostgreSQL row-level security, the
 * second line of defence behind the {@code tenant_id} every query names. The scope is bound around
 * a unit of work before its transaction's first statement: by the security filters for a request,
 * by a listener from its event's tenant, by a job per tenant. Nothing is inherited by other threads.
 *
 * <p>Work without a tenant sees no tenant-owned row at all. {@link #unscoped} is for the few
 * operations that must cross tenants (seeding, platform administration, the refresh token that
 * names its own session, jobs that iterate tenants); keep them few and obvious.
 */
public final class TenantScope {

    /** A bound scope: one tenant, or every tenant when {@code tenant} is null. */
    public record Scope(TenantId tenant) {

        public boolean unscoped() {
            return tenant == null;
        }
    }

    private static final ScopedValue<Scope> CURRENT = ScopedValue.newInstance();

    private TenantScope() {}

    public static <T, X extends Throwable> T call(TenantId tenant, ScopedValue.CallableOp<T, X> work) throws X {
        if (tenant == null) {
            throw new IllegalArgumentException(
                    "A tenant scope needs a tenant; use TenantScope.unscoped for platform work");
        }
        return ScopedValue.where(CURRENT, new Scope(tenant)).call(work);
    }

    public static void run(TenantId tenant, Runnable work) {
        call(tenant, () -> {
            work.run();
            return null;
        });
    }

    public static <T, X extends Throwable> T unscoped(ScopedValue.CallableOp<T, X> work) throws X {
        return ScopedValue.where(CURRENT, new Scope(null)).call(work);
    }

    public static Optional<Scope> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }
}
