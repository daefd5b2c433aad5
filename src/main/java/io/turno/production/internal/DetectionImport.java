package io.turno.production.internal;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.turno.production.internal.ClientDatabases.LineImport;
import io.turno.production.internal.ClientDatabases.Source;
import io.turno.production.internal.DetectionIngest.RawDetection;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A line's {@code DETECTION_LINE_{code}} rows after the last imported {@code detection_id}, through
 * the ingest (so rollups stay right), a batch at a time: each batch and the line's new watermark in
 * one transaction. Each row is keyed by source, line and id, so a watermark lost with a failed
 * transaction cannot store a row twice.
 */
@Component
class DetectionImport {

    private static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(DetectionImport.class);

    private final JdbcSources sources;
    private final PlantCache cache;
    private final DetectionIngest ingest;
    private final TransactionTemplate transactions;

    DetectionImport(JdbcSources sources, PlantCache cache, DetectionIngest ingest, TransactionTemplate transactions) {
        this.sources = sources;
        this.cache = cache;
        this.ingest = ingest;
        this.transactions = transactions;
    }

    /** Imports what {@code table} gained since the last run; areas and products named as the source's structure names them. */
    LineImport importLine(
            TenantId tenant,
            Source source,
            SourceDatabase.Session database,
            SourceDatabase.Table table,
            SourceStructure.Line line,
            SourceStructure structure)
            throws SQLException {
        String code = line.code().toUpperCase(Locale.ROOT);
        Map<Long, String> areaNames = new HashMap<>();
        structure.areas().stream().filter(a -> a.lineId() == line.id()).forEach(a -> areaNames.put(a.id(), a.name()));
        Map<Long, String> productCodes = new HashMap<>();
        structure.products().forEach(p -> productCodes.put(p.id(), p.code()));
        ZoneId zone = cache.of(tenant).zone();
        long watermark = transactions.execute(tx -> sources.watermark(tenant, source.id(), code));
        int imported = 0;
        int refused = 0;
        while (true) {
            List<SourceDatabase.Detection> batch = database.detectionsAfter(table, watermark, BATCH, zone);
            if (batch.isEmpty()) {
                break;
            }
            List<RawDetection> rows = new ArrayList<>(batch.size());
            for (SourceDatabase.Detection d : batch) {
                rows.add(new RawDetection(
                        line.code(),
                        areaNames.get(d.areaId()),
                        productCodes.get(d.productId()),
                        d.at().toString(),
                        d.rejected() == null ? null : String.valueOf(d.rejected()),
                        "db:" + source.id() + ":" + code + ":" + d.id()));
            }
            long upTo = batch.getLast().id();
            DetectionIngest.Result result = transactions.execute(tx -> {
                DetectionIngest.Result stored = ingest.ingest(tenant, rows, false);
                sources.advance(tenant, source.id(), code, upTo);
                return stored;
            });
            imported += result.accepted();
            refused += result.rejected().size();
            if (!result.rejected().isEmpty()) {
                log.warn(
                        "Sync of {} line {}: {} detections refused, first: {}",
                        source.name(),
                        code,
                        result.rejected().size(),
                        result.rejected().getFirst());
            }
            watermark = upTo;
            if (batch.size() < BATCH) {
                break;
            }
        }
        return new LineImport(code, table.name(), imported, refused, watermark);
    }
}
