package io.turno.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.turno.notifications.Emails;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs queued report jobs, on any instance, each exactly once: a run claims the oldest QUEUED job with
 * {@code FOR UPDATE SKIP LOCKED} and marks it RUNNING under this instance's id in one committed
 * transaction, so two instances never take the same job; every later change (progress, DONE, FAILED) is
 * conditional on the job still being RUNNING under this instance, so a cancelled job or one taken back
 * stays as it is. Jobs of an instance whose heartbeat ({@link ReportJobHeartbeat}) went stale are queued
 * again before each claim. The file is rendered to a temporary file and stored in the row in the UPDATE
 * that makes the job DONE, so a job interrupted halfway is never DONE; the temporary file a killed
 * process leaves behind is deleted when Turno starts again ({@link ReportParts}).
 */
@Component
public class ReportJobRunner {

    static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration NOTE_EVERY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(ReportJobRunner.class);

    record JobActor(UUID userId, TenantId tenantId, String username) implements Actor {}

    private final ReportJobStore store;
    private final Reports reports;
    private final Map<ReportFormat, ReportRenderer> renderers;
    private final TransactionTemplate transactions;
    private final ReportJobHeartbeat instance;
    private final Emails emails;
    private final ReportingSettings settings;
    private final ReportParts parts;
    private final Clock clock;

    ReportJobRunner(
            ReportJobStore store,
            Reports reports,
            List<ReportRenderer> renderers,
            TransactionTemplate transactions,
            ReportJobHeartbeat instance,
            Emails emails,
            ReportingSettings settings,
            ReportParts parts,
            Clock clock) {
        this.parts = parts;
        this.emails = emails;
        this.settings = settings;
        this.store = store;
        this.reports = reports;
        this.renderers = renderers.stream().collect(Collectors.toMap(ReportRenderer::format, r -> r));
        this.transactions = transactions;
        this.instance = instance;
        this.clock = clock;
    }

    /** Takes back orphaned jobs, then claims and runs one queued job; false when none was queued. */
    public boolean runOnce() {
        Optional<ReportJobStore.Claimed> claimed = TenantScope.unscoped(() -> transactions.execute(status -> {
            store.requeueOrphans(STALE_AFTER);
            return store.claimNext(instance.id(), clock.instant());
        }));
        claimed.ifPresent(job -> TenantScope.run(job.tenant(), () -> run(job)));
        return claimed.isPresent();
    }

    /** The ready notice by email, which the owner asked for when submitting; the file stays on the page. */
    private void tellByEmail(ReportJobStore.Claimed job, ProducedReport report, Locale locale) {
        String title = report.title();
        emails.send(
                new JobActor(job.ownerId(), job.tenant(), job.ownerName()),
                job.ownerName(),
                job.notifyEmail(),
                new Label("Su informe está listo: " + title, "Your report is ready: " + title).in(locale),
                new Label(
                                "El informe «" + title + "» (" + report.fileName(job.format())
                                        + ") está listo. Descárguelo en Informes (/reports) antes de "
                                        + settings.keep().toDays() + " días.",
                                "The report '" + title + "' (" + report.fileName(job.format())
                                        + ") is ready. Download it from Reports (/reports) within "
                                        + settings.keep().toDays() + " days.")
                        .in(locale),
                locale.getLanguage());
    }

    private void run(ReportJobStore.Claimed job) {
        Path part = null;
        try {
            part = parts.create(job.id());
            Locale locale = Locale.forLanguageTag(job.language());
            var progress = new JobProgress(
                    (rows, percent) -> store.progress(job.tenant(), job.id(), instance.id(), rows, percent),
                    NOTE_EVERY.toNanos());
            ProducedReport report = progress.counting(reports.run(
                    new JobActor(job.ownerId(), job.tenant(), job.ownerName()),
                    job.authorities(),
                    job.report(),
                    job.parameters(),
                    locale));
            try (OutputStream out = Files.newOutputStream(part)) {
                renderers.get(job.format()).write(report, new RenderOptions(job.semicolon()), out);
            }
            if (!store.finish(
                    job.tenant(),
                    job.id(),
                    instance.id(),
                    progress.rows(),
                    report.fileName(job.format()),
                    part,
                    clock.instant())) {
                log.info("Report job {} was cancelled or taken back while it ran; its file is dropped", job.id());
            } else if (job.notifyEmail() != null) {
                tellByEmail(job, report, locale);
            }
        } catch (JobProgress.Stopped e) {
            log.info("Report job {} stopped: cancelled or taken back", job.id());
        } catch (BusinessException e) {
            store.fail(job.tenant(), job.id(), instance.id(), e.getMessage(), clock.instant());
        } catch (IOException | RuntimeException e) {
            log.warn("Report job {} failed", job.id(), e);
            store.fail(job.tenant(), job.id(), instance.id(), "El informe no se pudo generar: " + e, clock.instant());
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    log.warn("Could not delete {}: {}", part, e.toString());
                }
            }
        }
    }
}
