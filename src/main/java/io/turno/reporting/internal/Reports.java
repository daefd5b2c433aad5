package io.turno.reporting.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.turno.identity.TenantDirectory;
import io.turno.shared.Actor;
import io.turno.shared.Formats;
import io.turno.web.Formatting;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Runs a report of the catalog for a caller: the report must exist (404), the caller must hold its
 * permission (403), its parameters must read (422, each named); then it computes its result in the
 * caller's tenant and language, ready for any renderer.
 */
@Service
public class Reports {

    private final ReportCatalog catalog;
    private final TenantDirectory tenants;
    private final Formatting formatting;
    private final Clock clock;

    Reports(ReportCatalog catalog, TenantDirectory tenants, Formatting formatting, Clock clock) {
        this.catalog = catalog;
        this.tenants = tenants;
        this.formatting = formatting;
        this.clock = clock;
    }

    /** The report, if the caller may run it: unknown is 404, not allowed 403. */
    public ReportDefinition allowed(String code, Collection<String> authorities) {
        ReportDefinition report = catalog.find(code).orElseThrow(() -> new UnknownReport("Informe", code));
        if (!authorities.contains(report.permission())) {
            throw new AccessDeniedException("Needs " + report.permission() + " to run " + report.code());
        }
        return report;
    }

    /** The rows the report will write, when it knows beforehand (-1 otherwise); checked like a run. */
    public long estimatedRows(
            Actor caller, Collection<String> authorities, String code, Map<String, List<String>> sent, Locale locale) {
        ReportDefinition report = allowed(code, authorities);
        ReportParameters parameters = ParameterReader.read(report, sent, locale);
        return report.estimatedRows(
                new ReportRequest(caller, parameters, locale, formatting.of(caller.tenantId(), locale)));
    }

    public ProducedReport run(
            Actor caller, Collection<String> authorities, String code, Map<String, List<String>> sent, Locale locale) {
        ReportDefinition report = allowed(code, authorities);
        ReportParameters parameters = ParameterReader.read(report, sent, locale);
        Formats formats = formatting.of(caller.tenantId(), locale);
        var generatedAt = clock.instant();
        ReportResult result = report.run(new ReportRequest(caller, parameters, locale, formats));
        String tenantName = tenants.summary(caller.tenantId())
                .map(TenantDirectory.TenantSummary::name)
                .orElse("");
        return new ProducedReport(report, parameters, result, tenantName, generatedAt, locale, formats);
    }
}
