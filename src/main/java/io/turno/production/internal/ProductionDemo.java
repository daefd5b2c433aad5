package io.turno.production.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.turno.identity.DemoOrganization;
import io.turno.production.internal.Plant.AreaCommand;
import io.turno.production.internal.Plant.AreaType;
import io.turno.production.internal.Plant.Break;
import io.turno.production.internal.Plant.FilterCommand;
import io.turno.production.internal.Plant.LineCommand;
import io.turno.production.internal.Plant.ProductCommand;
import io.turno.production.internal.Plant.ShiftCommand;
import io.turno.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives the demo organization (when {@code turno.identity.demo} is on) a plant to look at: two lines with an
 * input and an output area, three products, two shifts with a break each and seed 002's FILTER rows, created
 * once, only while the organization has no line (what an administrator changes later stays). Then, at every
 * start, the last {@code turno.demo.plant-days} days (14 unless configured) of detections of the demo lines up to
 * now: Java cuts each day into runs of working minutes (shifts without breaks and stops) and PostgreSQL expands
 * them into detections and rollups in one statement ({@link JdbcDetections#storeGenerated}): through the
 * ingest, row by row, 7 days took 3–7 s of the start. The figures are a function of the line and the minute only, and
 * every detection carries a source id made of them, so a second run stores nothing twice; downtime detection
 * then finds the stops, named by their line and start, so they are not recorded twice either. Runs after the
 * other demo data (40).
 */
@Component
@Order(50)
class ProductionDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProductionDemo.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> REASONS =
            List.of("Cambio de formato", "Falta de material", "Atasco en la etiquetadora", "Mantenimiento correctivo");

    /** One demo line: what it makes (by shift) and how often it rejects and stops. */
    private record DemoLine(String code, String name, List<String> products, int rejectPerMille, int stopsPerDay) {}

    private static final List<DemoLine> LINES = List.of(
            new DemoLine("DEMO-L1", "Línea 1 · Envasado", List.of("AGUA-600", "AGUA-1500"), 30, 2),
            new DemoLine("DEMO-L2", "Línea 2 · Jugos", List.of("JUGO-350", "AGUA-600"), 60, 3));

    private static final LocalTime OPEN = LocalTime.of(6, 0);
    private static final LocalTime CLOSE = LocalTime.of(22, 0);
    private static final List<LocalTime> BREAKS = List.of(LocalTime.of(10, 0), LocalTime.of(18, 0));
    private static final int BREAK_MINUTES = 15;

    private final DemoOrganization demo;
    private final JdbcPlant plant;
    private final int days;
    private final PlantStructure structure;
    private final PlantCache cache;
    private final DetectionIngest ingest;
    private final JdbcDetections detections;
    private final Downtime downtime;
    private final TransactionTemplate transactions;

    ProductionDemo(
            DemoOrganization demo,
            @Value("${turno.demo.plant-days:14}") int days,
            JdbcPlant plant,
            PlantStructure structure,
            PlantCache cache,
            DetectionIngest ingest,
            JdbcDetections detections,
            Downtime downtime,
            TransactionTemplate transactions) {
        this.demo = demo;
        this.days = days;
        this.plant = plant;
        this.structure = structure;
        this.cache = cache;
        this.ingest = ingest;
        this.detections = detections;
        this.downtime = downtime;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Seeding commits in parts: the structure, then the detections, then each line's stops.
        demo.seedWithoutTransaction(tenant -> seed(Actor.system(tenant)));
    }

    private void seed(Actor system) {
        long began = System.nanoTime();
        transactions.executeWithoutResult(status -> structure(system));
        long built = System.nanoTime();
        ZoneId zone = structure.zone(system);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(days - 1L);
        Instant from = first.atStartOfDay(zone).toInstant();
        PlantCache.Snapshot plant = cache.of(system.tenantId());
        List<JdbcDetections.GeneratedRun> runs = new ArrayList<>();
        List<UUID> lines = new ArrayList<>();
        for (DemoLine line : LINES) {
            Plant.Line found = plant.linesByCode().get(line.code());
            Plant.Area output = found == null ? null : plant.area(found.id(), "Salida");
            if (output == null) {
                continue;
            }
            lines.add(found.id());
            for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
                runs.addAll(runs(line, found.id(), output.id(), plant, day, zone, now));
            }
        }
        ingest.ensurePartitions(first.withDayOfMonth(1), (int)
                ChronoUnit.MONTHS.between(first.withDayOfMonth(1), today.withDayOfMonth(1)));
        long generating = System.nanoTime();
        int stored = transactions.execute(status -> detections.storeGenerated(system.tenantId(), runs));
        long generated = System.nanoTime();
        int stops = 0;
        for (UUID lineId : lines) {
            stops += transactions.execute(status -> explainStops(system, lineId, from, now));
        }
        if (stored > 0) {
            log.info(
                    "Loaded the demo plant of '{}' in {} ms: structure {} ms, {} days of {} runs into {} detections {} ms,"
                            + " {} stops found and explained {} ms",
                    DemoOrganization.SLUG,
                    (System.nanoTime() - began) / 1_000_000,
                    (built - began) / 1_000_000,
                    days,
                    runs.size(),
                    stored,
                    (generated - generating) / 1_000_000,
                    stops,
                    (System.nanoTime() - generated) / 1_000_000);
        }
    }

    /** The lines, areas, products, shifts and filters, only while the organization has no line at all. */
    private void structure(Actor system) {
        plant.awaitDemoSeedingTurn();
        if (!plant.allLines(system.tenantId()).isEmpty()) {
            return;
        }
        for (DemoLine line : LINES) {
            UUID id = structure
                    .saveLine(system, null, new LineCommand(line.code(), line.name(), true, 300))
                    .id();
            structure.saveArea(system, null, new AreaCommand(id, "Entrada", AreaType.INPUT, true));
            structure.saveArea(system, null, new AreaCommand(id, "Salida", AreaType.OUTPUT, true));
        }
        structure.saveProduct(system, null, new ProductCommand("AGUA-600", "Agua 600 ml", new BigDecimal("45"), true));
        structure.saveProduct(system, null, new ProductCommand("AGUA-1500", "Agua 1,5 L", new BigDecimal("40"), true));
        structure.saveProduct(system, null, new ProductCommand("JUGO-350", "Jugo 350 ml", new BigDecimal("45"), true));
        structure.saveShift(
                system,
                null,
                new ShiftCommand(
                        "Mañana",
                        OPEN,
                        LocalTime.of(14, 0),
                        List.of(new Break(BREAKS.get(0), BREAKS.get(0).plusMinutes(BREAK_MINUTES))),
                        true,
                        null));
        structure.saveShift(
                system,
                null,
                new ShiftCommand(
                        "Tarde",
                        LocalTime.of(14, 0),
                        CLOSE,
                        List.of(new Break(BREAKS.get(1), BREAKS.get(1).plusMinutes(BREAK_MINUTES))),
                        true,
                        null));
        if (structure.filters(system).isEmpty()) {
            filter(system, "Rango de fechas", "{\"days_back\": 7}", "{\"type\": \"daterange\", \"required\": true}", 0);
            filter(system, "Línea", null, "{\"type\": \"line\"}", 1);
            filter(system, "Turno", null, "{\"type\": \"shift\"}", 2);
            filter(system, "Producto", null, "{\"type\": \"product\"}", 3);
        }
    }

    private void filter(Actor system, String name, String defaultValue, String additional, int position) {
        structure.saveFilter(
                system,
                null,
                new FilterCommand(
                        name,
                        true,
                        defaultValue == null ? null : JSON.readTree(defaultValue),
                        JSON.readTree(additional),
                        position));
    }

    /**
     * One day of the line's output up to {@code now}, as runs of working minutes for PostgreSQL to expand: the
     * shifts' minutes (not in breaks) but for {@code stopsPerDay} stops of 10 to 40 minutes, the first shift's
     * product before 14:00 and the second's after.
     */
    static List<JdbcDetections.GeneratedRun> runs(
            DemoLine line,
            UUID lineId,
            UUID areaId,
            PlantCache.Snapshot plant,
            LocalDate day,
            ZoneId zone,
            Instant now) {
        long dayKey = day.toEpochDay() * 31 + line.code().hashCode();
        List<int[]> stops = new ArrayList<>();
        for (int s = 0; s < line.stopsPerDay(); s++) {
            int start = 30 + (int) (mix(dayKey * 7 + s) % ((CLOSE.toSecondOfDay() - OPEN.toSecondOfDay()) / 60 - 90));
            stops.add(new int[] {start, start + 10 + (int) (mix(dayKey * 13 + s) % 31)});
        }
        List<JdbcDetections.GeneratedRun> runs = new ArrayList<>();
        Instant runStart = null;
        UUID runProduct = null;
        for (LocalTime time = OPEN; ; time = time.plusMinutes(1)) {
            int minute = (time.toSecondOfDay() - OPEN.toSecondOfDay()) / 60;
            Instant at = day.atTime(time).atZone(zone).toInstant();
            boolean open = time.isBefore(CLOSE) && at.isBefore(now);
            boolean working = open && !inBreak(time) && stops.stream().noneMatch(s -> minute >= s[0] && minute < s[1]);
            UUID product = working
                    ? plant.productsByCode()
                            .get(line.products().get(time.isBefore(LocalTime.of(14, 0)) ? 0 : 1))
                            .id()
                    : null;
            if (runStart != null && !runProduct.equals(product)) {
                runs.add(new JdbcDetections.GeneratedRun(
                        lineId, areaId, runProduct, line.code(), runStart, at, 2, line.rejectPerMille()));
                runStart = null;
            }
            if (product != null && runStart == null) {
                runStart = at;
                runProduct = product;
            }
            if (!open) {
                return runs;
            }
        }
    }

    private static boolean inBreak(LocalTime time) {
        return BREAKS.stream().anyMatch(b -> !time.isBefore(b) && time.isBefore(b.plusMinutes(BREAK_MINUTES)));
    }

    /** Records the stops of the range (those already recorded stay as they are) and gives each one a reason. */
    private int explainStops(Actor system, UUID lineId, Instant from, Instant to) {
        downtime.detect(system.tenantId(), lineId, from, to);
        int explained = 0;
        for (Downtime.Event event :
                downtime.events(system.tenantId(), lineId, from, to, 0, 500).items()) {
            if (event.reason() == null && !event.ongoing()) { // the stop going on now is not recorded yet
                downtime.explain(system, event.id(), REASONS.get((int)
                        (mix(event.startedAt().getEpochSecond()) % REASONS.size())));
                explained++;
            }
        }
        return explained;
    }

    /** A fixed scramble of {@code value} (splitmix64), not negative: the demo's figures look varied yet repeat. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }
}
