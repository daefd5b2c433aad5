package io.turno.customers;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person of the tenant's registry. {@code documentNumber} is normalized (upper case, no spaces,
 * dots or hyphens); {@code phone} is E.164; {@code defaultPriorityId} names a queueing priority;
 * {@code language} (es or en) is the one messages to them are written in.
 */
public record CustomerView(
        UUID id,
        DocumentType documentType,
        String documentNumber,
        String fullName,
        @Nullable String phone,
        @Nullable String email,
        boolean whatsappOptIn,
        @Nullable UUID defaultPriorityId,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        String language) {

    /** "CC 1020304050", as people and messages name a document. */
    public String document() {
        return documentType.name() + " " + documentNumber;
    }
}
