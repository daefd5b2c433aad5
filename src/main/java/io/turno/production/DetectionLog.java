package io.turno.production;

import java.time.Instant;

import io.turno.shared.TenantId;

/**
 * The raw detections, one by one, for exports: read a page at a time as the reader reaches them, so
 * a million of them never sit in memory at once. Over {@code [from, to)}, line by line (by code),
 * each line's by time; read in the caller's tenant scope (row-level security).
 */
public interface DetectionLog {

    record Detection(Instant detectedAt, String line, String product, boolean rejected, String sourceId) {}

    /** How many detections the range holds. */
    long count(TenantId tenant, Instant from, Instant to);

    /** The detections of the range, read lazily; each iteration reads them again from the database. */
    Iterable<Detection> between(TenantId tenant, Instant from, Instant to);
}
