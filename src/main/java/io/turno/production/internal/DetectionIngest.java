package io.turno.production.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.turno.production.internal.JdbcDetections.Count;
import io.turno.production.internal.JdbcDetections.Row;
import io.turno.production.internal.Plant.Area;
import io.turno.production.internal.Plant.Line;
import io.turno.production.internal.Plant.Product;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Batch ingest of detections: each row resolved against the tenant's cached structure, bad rows
 * reported by index, repeated source ids skipped, the rest stored in the month's partition and
 * counted in the per-minute rollups, all in one transaction.
 */
@Service
public class DetectionIngest {

    public static final int MAX_ROWS = 50_000;
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(DetectionIngest.class);

    /** One row as sent: every field as text, or null when absent. */
    public record RawDetection(
            String lineCode, String area, String productCode, String detectedAt, String rejected, String sourceId) {}

    public record RowError(int index, @Nullable String field, String message) {}

    /** What a batch did: rows stored, rows skipped as already stored, rows refused. */
    public record Result(int accepted, int duplicates, List<RowError> rejected) {}

    public static final class TooManyRows extends BusinessException {
        public TooManyRows(int rows) {
            super(
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemCode.PAYLOAD_TOO_LARGE,
                    "Un lote admite hasta " + MAX_ROWS + " detecciones; llegaron " + rows + ".");
        }
    }

    private record RollupKey(UUID line, UUID area, UUID product, Instant minute) implements Comparable<RollupKey> {
        @Override
        public int compareTo(RollupKey o) {
            int c = line.compareTo(o.line);
            c = c != 0 ? c : minute.compareTo(o.minute);
            c = c != 0 ? c : area.compareTo(o.area);
            return c != 0 ? c : product.compareTo(o.product);
        }
    }

    private final PlantCache cache;
    private final JdbcDetections detections;
    private final Clock clock = Clock.systemUTC();
    private final Set<LocalDate> knownPartitions = ConcurrentHashMap.newKeySet();

    private final Downtime downtime;

    DetectionIngest(PlantCache cache, JdbcDetections detections, Downtime downtime) {
        this.cache = cache;
        this.detections = detections;
        this.downtime = downtime;
    }

    /**
     * Stores the valid rows of {@code rows} for the tenant, or with {@code atomic} nothing at all
     * when a row is bad. Call inside the tenant's scope.
     */
    @Transactional
    public Result ingest(TenantId tenant, List<RawDetection> rows, boolean atomic) {
        if (rows.size() > MAX_ROWS) {
            throw new TooManyRows(rows.size());
        }
        PlantCache.Snapshot plant = cache.of(tenant);
        List<RowError> errors = new ArrayList<>();
        List<Row> valid = new ArrayList<>(rows.size());
        Instant latest = clock.instant().plus(FUTURE_TOLERANCE);
        for (int i = 0; i < rows.size(); i++) {
            Object checked = check(plant, rows.get(i), i, latest);
            if (checked instanceof RowError error) {
                errors.add(error);
            } else {
                valid.add((Row) checked);
            }
        }
        if (atomic && !errors.isEmpty()) {
            return new Result(0, 0, errors);
        }
        List<Row> fresh = withoutRepeatedSources(tenant, valid);
        if (!fresh.isEmpty()) {
            fresh.stream().map(v -> monthOf(v.at())).distinct().forEach(this::ensurePartition);
            detections.store(tenant, fresh);
            rollUp(tenant, fresh);
            downtime.split(tenant, plant, outputTimes(plant, fresh));
        }
        return new Result(fresh.size(), valid.size() - fresh.size(), errors);
    }

    /** The rows' times at OUTPUT areas, per line: what may fall inside a stop already recorded. */
    private static Map<UUID, List<Instant>> outputTimes(PlantCache.Snapshot plant, List<Row> rows) {
        Map<UUID, List<Instant>> times = new HashMap<>();
        Map<UUID, List<UUID>> outputs = new HashMap<>();
        for (Row row : rows) {
            if (outputs.computeIfAbsent(row.line(), plant::outputAreas).contains(row.area())) {
                times.computeIfAbsent(row.line(), line -> new ArrayList<>()).add(row.at());
            }
        }
        return times;
    }

    /** Creates this month's partition and the next {@code monthsAhead} months', where missing. */
    public void ensurePartitions(LocalDate from, int monthsAhead) {
        for (int i = 0; i <= monthsAhead; i++) {
            knownPartitions.remove(monthOf(from.plusMonths(i)));
            ensurePartition(monthOf(from.plusMonths(i)));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void partitionsAtStart() {
        ensurePartitions(LocalDate.now(clock), 1);
    }

    /**
     * Drops the partitions whose month ended {@code retentionMonths} or more months before
     * {@code today}'s month; answers their names.
     */
    public List<String> dropPartitionsBefore(LocalDate today, int retentionMonths) {
        LocalDate cutoff = monthOf(today).minusMonths(retentionMonths);
        List<String> dropped = detections.dropPartitionsBefore(cutoff);
        dropped.forEach(name -> log.info("Dropped the detections' partition {} (past the retention)", name));
        knownPartitions.removeIf(month -> month.isBefore(cutoff));
        return dropped;
    }

    private void ensurePartition(LocalDate month) {
        if (knownPartitions.contains(month)) {
            return;
        }
        if (detections.ensurePartition(month)) {
            log.info("Created the detections' partition for {}", month);
        }
        knownPartitions.add(month);
    }

    private static LocalDate monthOf(Instant at) {
        return monthOf(LocalDate.ofInstant(at, ZoneOffset.UTC));
    }

    private static LocalDate monthOf(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    private static Object check(PlantCache.Snapshot plant, RawDetection row, int index, Instant latest) {
        if (row == null) {
            return new RowError(index, "row", "cada detección es un objeto");
        }
        if (blank(row.lineCode())) {
            return new RowError(index, "line_code", "es obligatorio");
        }
        Line line = plant.linesByCode().get(row.lineCode().strip().toUpperCase(Locale.ROOT));
        if (line == null) {
            return new RowError(index, "line_code", "no hay una línea activa con el código «" + row.lineCode() + "»");
        }
        if (blank(row.area())) {
            return new RowError(index, "area", "es obligatorio");
        }
        Area area = plant.area(line.id(), row.area());
        if (area == null) {
            return new RowError(
                    index, "area", "la línea " + line.code() + " no tiene un área activa «" + row.area() + "»");
        }
        if (blank(row.productCode())) {
            return new RowError(index, "product_code", "es obligatorio");
        }
        Product product = plant.productsByCode().get(row.productCode().strip().toUpperCase(Locale.ROOT));
        if (product == null) {
            return new RowError(
                    index, "product_code", "no hay un producto activo con el código «" + row.productCode() + "»");
        }
        if (blank(row.detectedAt())) {
            return new RowError(index, "detected_at", "es obligatorio");
        }
        Instant at;
        try {
            at = instant(row.detectedAt().strip());
        } catch (java.time.DateTimeException e) {
            return new RowError(
                    index, "detected_at", "debe ser una fecha y hora ISO-8601 con zona, p. ej. 2026-03-01T08:15:00Z");
        }
        if (at.isAfter(latest)) {
            return new RowError(index, "detected_at", "está en el futuro");
        }
        if (at.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
            return new RowError(index, "detected_at", "es anterior al año 2000");
        }
        boolean rejected;
        String flag = row.rejected() == null ? "" : row.rejected().strip().toLowerCase(Locale.ROOT);
        switch (flag) {
            case "", "false", "0" -> rejected = false;
            case "true", "1" -> rejected = true;
            default -> {
                return new RowError(index, "rejected", "debe ser true o false");
            }
        }
        String source = blank(row.sourceId()) ? null : row.sourceId().strip();
        if (source != null && source.length() > 200) {
            return new RowError(index, "source_id", "admite hasta 200 caracteres");
        }
        return new Row(line.id(), area.id(), product.id(), at, rejected, source);
    }

    /**
     * An ISO-8601 date-time with offset. The usual shape ({@code 2026-03-01T08:15:00[.fff]Z} or
     * {@code ±hh:mm}) is read by hand: at 50,000 rows a batch, the general parser was a good part of
     * the ingest's time. Anything else goes to the general parser.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n >= 20
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':') {
            int i = 19;
            int nanos = 0;
            if (text.charAt(i) == '.') {
                int digits = 0;
                i++;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    nanos = digits < 9 ? nanos * 10 + (text.charAt(i) - '0') : nanos;
                    digits++;
                    i++;
                }
                if (digits == 0 || digits > 9) {
                    return OffsetDateTime.parse(text).toInstant();
                }
                for (int d = digits; d < 9; d++) {
                    nanos *= 10;
                }
            }
            int offsetSeconds;
            if (i == n - 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
                offsetSeconds = 0;
            } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
                int hours = digits(text, i + 1, 2);
                int minutes = digits(text, i + 4, 2);
                if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                    return OffsetDateTime.parse(text).toInstant();
                }
                offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
            } else {
                return OffsetDateTime.parse(text).toInstant();
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
                return OffsetDateTime.parse(text).toInstant();
            }
            // LocalDate/LocalTime.of validate the ranges (a DateTimeException, refused like a parse error).
            long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
            int secondOfDay = java.time.LocalTime.of(hour, minute, second).toSecondOfDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + secondOfDay - offsetSeconds, nanos);
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The rows whose source id is new to the tenant (or who have none); the first of a repeated id in the batch wins. */
    private List<Row> withoutRepeatedSources(TenantId tenant, List<Row> rows) {
        Set<String> inBatch = new HashSet<>();
        List<String> sources = new ArrayList<>();
        for (Row row : rows) {
            if (row.sourceId() != null && inBatch.add(row.sourceId())) {
                sources.add(row.sourceId());
            }
        }
        if (sources.isEmpty()) {
            return rows;
        }
        Set<String> stored = detections.claimSources(tenant, sources);
        List<Row> fresh = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.sourceId() == null || stored.remove(row.sourceId())) {
                fresh.add(row);
            }
        }
        return fresh;
    }

    /** Adds the rows to the minute and hour rollups, in key order so concurrent batches lock rows alike. */
    private void rollUp(TenantId tenant, List<Row> rows) {
        Map<RollupKey, Count> minutes = new TreeMap<>();
        for (Row row : rows) {
            Instant minute = row.at().truncatedTo(ChronoUnit.MINUTES);
            minutes.merge(
                    new RollupKey(row.line(), row.area(), row.product(), minute),
                    new Count(row.line(), row.area(), row.product(), minute, 1, row.rejected() ? 1 : 0),
                    Count::plus);
        }
        Map<RollupKey, Count> hours = new TreeMap<>();
        minutes.values().forEach(count -> {
            Instant hour = count.at().truncatedTo(ChronoUnit.HOURS);
            hours.merge(
                    new RollupKey(count.line(), count.area(), count.product(), hour),
                    new Count(count.line(), count.area(), count.product(), hour, count.total(), count.rejected()),
                    Count::plus);
        });
        detections.addToMinuteRollups(tenant, List.copyOf(minutes.values()));
        detections.addToHourRollups(tenant, List.copyOf(hours.values()));
    }
}
