package io.turno.shared;

import java.util.Objects;
import java.util.UUID;

/** The tenant a row, request, job or event belongs to. */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
