package io.turno.reporting.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every report Turno can run, by code; seed 003's Spanish names are aliases of the same reports. */
@Component
public class ReportCatalog {

    /** Seed 003's export paths name the daily cash report in Spanish. */
    private static final Map<String, String> ALIASES = Map.of("caja-chica-mejorada", "improved-daily-cash");

    private final Map<String, ReportDefinition> reports;

    ReportCatalog(List<ReportDefinition> reports) {
        this.reports = reports.stream()
                .sorted(Comparator.comparing(ReportDefinition::code))
                .collect(Collectors.toMap(
                        ReportDefinition::code,
                        Function.identity(),
                        (a, b) -> {
                            throw new IllegalStateException("Two reports named " + a.code());
                        },
                        java.util.LinkedHashMap::new));
    }

    public Optional<ReportDefinition> find(String code) {
        return Optional.ofNullable(reports.get(ALIASES.getOrDefault(code, code)));
    }

    /** Every report, by code. */
    public List<ReportDefinition> all() {
        return List.copyOf(reports.values());
    }

    /** The reports a holder of these authorities may run, by code. */
    public List<ReportDefinition> runnableWith(Collection<String> authorities) {
        return reports.values().stream()
                .filter(r -> authorities.contains(r.permission()))
                .toList();
    }
}
