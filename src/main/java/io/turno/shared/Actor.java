package io.turno.shared;

import java.util.UUID;

/**
 * Who is acting in a request, as any module may know it without depending on {@code identity}:
 * the authenticated principal implements it.
 */
public interface Actor {

    UUID userId();

    TenantId tenantId();

    String username();

    /** Work no signed-in person does (a job, the demo's seeding), audited as {@code system}. */
    static Actor system(TenantId tenant) {
        return new SystemActor(tenant);
    }

    /** The author of what {@link #system} does. */
    record SystemActor(TenantId tenantId) implements Actor {

        @Override
        public UUID userId() {
            return null;
        }

        @Override
        public String username() {
            return "system";
        }
    }
}
