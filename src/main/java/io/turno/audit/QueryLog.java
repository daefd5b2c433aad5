package io.turno.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who asked the data what (the seed's USER_QUERY): dashboards and reports record each query they
 * run with its filters, its size and how long it took, so a manager sees what is used and slow.
 */
public interface QueryLog {

    /**
     * @param kind    what was asked, {@code module.query}, e.g. {@code production.oee}
     * @param filters the filters as the user chose them
     * @param rows    rows (or points) answered
     */
    record QueryEntry(
            TenantId tenantId,
            UUID userId,
            String username,
            String kind,
            Map<String, ?> filters,
            long rows,
            long durationMillis) {}

    record QueryRecord(
            long id,
            @Nullable UUID userId,
            @Nullable String username,
            String kind,
            Map<String, Object> filters,
            long rows,
            long durationMillis,
            Instant executedAt) {}

    /** Null criteria match everything. */
    record QuerySearch(String username, String kind, Instant from, Instant to) {}

    /**
     * Called outside a transaction, written in one that does not wait for the disk to commit: a crash of the
     * database may lose the last fraction of a second of the query log, and nothing else. Inside a caller's
     * transaction it is written with it.
     */
    void record(QueryEntry entry);

    /** The tenant's recorded queries, newest first. */
    PageResult<QueryRecord> search(TenantId tenantId, QuerySearch search, int page, int size);
}
