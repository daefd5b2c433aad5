package io.turno.reporting;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.turno.TestDatabase;
import io.turno.reporting.internal.RenderOptions;
import io.turno.reporting.internal.ReportFormat;
import io.turno.reporting.internal.ReportRenderer;
import io.turno.reporting.internal.Reports;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22's export targets, measured, not asserted: {@code ./mvnw -Pbench test -Dtest=ReportingBenchmark}.
 * Loads {@code -Dbench.rows} (default 1 million) detections on one day and 100,000 on the next (SQL,
 * generate_series), then runs the {@code plant-detections} report through {@link Reports} and the
 * format's renderer into a stream that only counts bytes: the million as CSV and as XLSX (rows/s),
 * the 100,000 as PDF (seconds). Heap growth is the highest heap in use after any collection during
 * the export (GC notifications) less the heap in use after a full collection before it: what the
 * export kept alive, not the garbage it made.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"logging.level.io.turno=WARN", "turno.reporting.jobs.enabled=false"})
class ReportingBenchmark {

    static final long ROWS = Long.getLong("bench.rows", 1_000_000L);
    static final long PDF_ROWS = Long.getLong("bench.pdf.rows", 100_000L);
    static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    record BenchActor(UUID userId, TenantId tenantId, String username) implements Actor {}

    @Autowired
    DataSource dataSource;

    @Autowired
    Reports reports;

    @Autowired
    List<ReportRenderer> renderers;

    @Test
    void exportsRowsPerSecondAndHeapGrowth() throws Exception {
        JdbcClient owner = TestDatabase.owner(dataSource);
        TenantId demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        UUID admin = owner.sql("SELECT id FROM users WHERE tenant_id = :t AND username = 'admin'")
                .param("t", demo.value())
                .query(UUID.class)
                .single();
        Actor caller = new BenchActor(admin, demo, "admin");
        // Days no other detection of the demo is on: its plant's are in the last week.
        LocalDate big = LocalDate.now().plusYears(3).withDayOfMonth(10);
        LocalDate small = big.plusDays(1);
        long loadBegan = System.nanoTime();
        load(owner, demo, big, ROWS);
        load(owner, demo, small, PDF_ROWS);
        System.out.printf(
                "%nLoaded %,d + %,d detections in %.1f s%n", ROWS, PDF_ROWS, (System.nanoTime() - loadBegan) / 1e9);

        // Unmeasured warm-up of each renderer (JIT) on the small day.
        for (ReportFormat format : List.of(ReportFormat.CSV, ReportFormat.XLSX)) {
            export(caller, demo, small, format);
        }
        export(caller, demo, small, ReportFormat.PDF);

        var csv = export(caller, demo, big, ReportFormat.CSV);
        var xlsx = export(caller, demo, big, ReportFormat.XLSX);
        var pdf = export(caller, demo, small, ReportFormat.PDF);
        System.out.printf(
                "%nCSV  %,d rows: %.1f s, %,.0f rows/s, %,d MB written, heap growth %,d MB (peak after any GC %,d MB)%n",
                ROWS, csv.seconds(), ROWS / csv.seconds(), csv.bytes() >> 20, csv.growthMb(), csv.peakMb());
        System.out.printf(
                "XLSX %,d rows: %.1f s, %,.0f rows/s, %,d MB written, heap growth %,d MB (peak after any GC %,d MB)%n",
                ROWS, xlsx.seconds(), ROWS / xlsx.seconds(), xlsx.bytes() >> 20, xlsx.growthMb(), xlsx.peakMb());
        System.out.printf(
                "PDF  %,d rows: %.1f s, %,.0f rows/s, %,d MB written, heap growth %,d MB (peak after any GC %,d MB)%n",
                PDF_ROWS, pdf.seconds(), PDF_ROWS / pdf.seconds(), pdf.bytes() >> 20, pdf.growthMb(), pdf.peakMb());
        System.out.printf(
                "Load average (1 min) at the end: %.2f on %d cores%n%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    record Run(double seconds, long bytes, long growthMb, long peakMb) {}

    private Run export(Actor caller, TenantId demo, LocalDate day, ReportFormat format) throws Exception {
        ReportRenderer renderer =
                renderers.stream().filter(r -> r.format() == format).findFirst().orElseThrow();
        var counted = new CountingStream();
        try (var heap = new HeapAfterGc()) {
            long began = System.nanoTime();
            TenantScope.call(demo, () -> {
                var produced = reports.run(
                        caller,
                        List.of("production:read"),
                        "plant-detections",
                        Map.of("from", List.of(day.toString()), "to", List.of(day.toString())),
                        Locale.of("es"));
                renderer.write(produced, RenderOptions.DEFAULTS, counted);
                return null;
            });
            double seconds = (System.nanoTime() - began) / 1e9;
            // One last sample at the end: what the export still holds when it is done writing.
            heap.sampled.accumulateAndGet(HeapAfterGc.usedAfterFullGc(), Math::max);
            return new Run(seconds, counted.bytes, heap.growth() >> 20, heap.peakAfterAnyGc() >> 20);
        }
    }

    private static void load(JdbcClient owner, TenantId demo, LocalDate day, long rows) {
        owner.sql("SELECT production_ensure_partition(CAST(:d AS date))")
                .param("d", day.withDayOfMonth(1).toString())
                .query(Boolean.class)
                .single();
        var ids = owner.sql("""
                        SELECT a.line_id, a.id AS area_id, (SELECT id FROM production_products p
                                                             WHERE p.tenant_id = a.tenant_id ORDER BY code LIMIT 1) AS product_id
                        FROM production_areas a JOIN production_lines l ON l.id = a.line_id
                        WHERE a.tenant_id = :t ORDER BY l.code, a.name LIMIT 1""")
                .param("t", demo.value())
                .query((rs, n) -> new UUID[] {
                    rs.getObject("line_id", UUID.class),
                    rs.getObject("area_id", UUID.class),
                    rs.getObject("product_id", UUID.class)
                })
                .single();
        // Spread over 11 hours of the day in the organization's zone; one in 40 rejected; a source id each.
        double step = 11 * 3600.0 / rows;
        owner.sql("""
                INSERT INTO production_detections
                    (tenant_id, line_id, area_id, product_id, detected_at, rejected, source_id)
                SELECT :t, :l, :a, :p, CAST(:start AS timestamptz) + g * make_interval(secs => :step), g % 40 = 0,
                       'bench-' || g
                FROM generate_series(0, :n - 1) AS g""")
                .param("t", demo.value())
                .param("l", ids[0])
                .param("a", ids[1])
                .param("p", ids[2])
                .param(
                        "start",
                        day.atTime(LocalTime.of(7, 0))
                                .atZone(BOGOTA)
                                .toOffsetDateTime()
                                .toString())
                .param("step", step)
                .param("n", rows)
                .update();
        owner.sql("ANALYZE production_detections").update();
    }

    /** Bytes written, none kept. */
    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /**
     * Heap kept alive by the export: the heap in use after a full collection before it, then after a full
     * collection every {@value #SAMPLE_MS} ms while it runs (the growth: the highest of those less the
     * first); beside it, the highest heap in use after any collection the JVM ran on its own (collectors'
     * notifications), which also counts garbage promoted to the old generation and not yet collected.
     */
    private static final class HeapAfterGc implements AutoCloseable {
        static final long SAMPLE_MS = 2000;
        final long baseline;
        final AtomicLong sampled = new AtomicLong();
        final AtomicLong peakAny = new AtomicLong();
        private final NotificationListener listener;
        private final Thread sampler;

        HeapAfterGc() {
            baseline = usedAfterFullGc();
            sampled.set(baseline);
            peakAny.set(baseline);
            listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed)
                            .sum();
                    peakAny.accumulateAndGet(used, Math::max);
                }
            };
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
            sampler = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        Thread.sleep(SAMPLE_MS);
                        sampled.accumulateAndGet(usedAfterFullGc(), Math::max);
                    }
                } catch (InterruptedException done) {
                    // the export ended
                }
            });
        }

        private static long usedAfterFullGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        long growth() {
            return Math.max(0, sampled.get() - baseline);
        }

        long peakAfterAnyGc() {
            return peakAny.get();
        }

        @Override
        public void close() throws Exception {
            sampler.interrupt();
            sampler.join();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // never added
                }
            }
        }
    }
}
