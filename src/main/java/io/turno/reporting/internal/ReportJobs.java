package io.turno.reporting.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.shared.Actor;
import org.springframework.stereotype.Service;

/**
 * Background reports for their owners: a job is checked like a direct run when submitted (404 unknown
 * report, 403 without its permission, 422 wrong parameters), then queued for {@link ReportJobRunner}
 * with the permissions its owner holds now. Only the owner, or an administrator of the tenant, sees a
 * job; anyone else gets 404, as if it did not exist.
 */
@Service
public class ReportJobs {

    /** The role (as {@link CurrentUser#roles()} names it) that sees every job of its tenant. */
    static final String ADMIN = "ADMIN";

    private final Reports reports;
    private final ReportJobStore store;
    private final ReportingSettings settings;
    private final Clock clock;

    ReportJobs(Reports reports, ReportJobStore store, ReportingSettings settings, Clock clock) {
        this.settings = settings;
        this.reports = reports;
        this.store = store;
        this.clock = clock;
    }

    /** Checks a run as submitting does (404, 403, 422) without running it. */
    public void check(
            Actor caller,
            Collection<String> authorities,
            String code,
            Map<String, List<String>> parameters,
            Locale locale) {
        ParameterReader.read(reports.allowed(code, authorities), parameters, locale);
    }

    public ReportJob submit(
            Actor caller,
            Collection<String> authorities,
            String code,
            ReportFormat format,
            Map<String, List<String>> parameters,
            boolean semicolon,
            String notifyEmail,
            Locale locale) {
        ReportDefinition report = reports.allowed(code, authorities);
        ParameterReader.read(report, parameters, locale);
        UUID id = UUID.randomUUID();
        store.insert(
                id,
                caller.tenantId(),
                caller.userId(),
                caller.username(),
                List.copyOf(authorities),
                report.code(),
                format,
                parameters,
                semicolon,
                locale.toLanguageTag(),
                notifyEmail,
                clock.instant());
        return store.find(caller.tenantId(), id).orElseThrow();
    }

    /** The caller's latest jobs, newest first. */
    public List<ReportJob> recent(Actor caller, int limit) {
        return store.recent(caller.tenantId(), caller.userId(), limit);
    }

    /** How many of the person's jobs are done and their file not yet downloaded by them: the ready notice. */
    public long readyNotDownloaded(Actor person) {
        return store.readyNotDownloaded(person.tenantId(), person.userId());
    }

    /** The job, to its owner or an administrator of its tenant (roles as the caller's session holds them). */
    public ReportJob find(CurrentUser caller, UUID id) {
        return store.find(caller.tenantId(), id)
                .filter(job ->
                        job.ownerId().equals(caller.userId()) || caller.roles().contains(ADMIN))
                .orElseThrow(() -> new ReportJobNotFound(id));
    }

    /** A finished job and its file. */
    public record Download(ReportJob job, byte[] bytes) {}

    /** The finished file; 409 while the job is not DONE. */
    public Download file(CurrentUser caller, UUID id, Locale locale) {
        ReportJob job = find(caller, id);
        if (job.status() == ReportJob.Status.EXPIRED) {
            long days = settings.keep().toDays();
            throw new ReportJobGone(new Label(
                            "El archivo de este informe se eliminó: los archivos se guardan " + days
                                    + " días después de generarse. Genere el informe de nuevo.",
                            "This report's file was removed: files are kept " + days
                                    + " days after they are generated. Run the report again.")
                    .in(locale));
        }
        return store.file(caller.tenantId(), job.id())
                .map(bytes -> {
                    store.downloaded(caller.tenantId(), job.id(), caller.userId(), clock.instant());
                    // Finished between the two reads: read it again for its file's name.
                    return new Download(job.status() == ReportJob.Status.DONE ? job : find(caller, id), bytes);
                })
                .orElseThrow(() -> new ReportJobConflict(new Label(
                                "El archivo aún no está listo: el trabajo está " + job.status()
                                        + "; consulte su estado hasta que sea DONE",
                                "The file is not ready: the job is " + job.status()
                                        + "; poll its status until it is DONE")
                        .in(locale)));
    }

    /** Cancels a queued or running job (a running one stops at its next progress note); 409 once finished. */
    public ReportJob cancel(CurrentUser caller, UUID id, Locale locale) {
        ReportJob job = find(caller, id);
        if (!store.cancel(caller.tenantId(), job.id(), clock.instant())) {
            throw new ReportJobConflict(new Label(
                            "El trabajo ya terminó (" + job.status() + "): no se puede cancelar",
                            "The job has already finished (" + job.status() + "): it cannot be cancelled")
                    .in(locale));
        }
        return find(caller, id);
    }
}
