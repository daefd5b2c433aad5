package io.turno.dashboards.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One saved version of an organization's template for a role. {@code layout} is null for a version that
 * went back to the built-in template; {@code undoneAt} is set once an undo took the version back.
 */
public record TemplateVersion(
        int version, DashboardLayout layout, UUID savedBy, String savedByName, Instant savedAt, Instant undoneAt) {

    public boolean builtIn() {
        return layout == null;
    }
}
