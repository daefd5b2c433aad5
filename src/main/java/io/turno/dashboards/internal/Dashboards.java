package io.turno.dashboards.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.turno.audit.QueryLog;
import io.turno.identity.CurrentUser;
import io.turno.shared.BusinessException;
import io.turno.shared.Invalid;
import io.turno.shared.TenantId;
import io.turno.web.TenantConventions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.validation.BindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine: resolves the caller's template, leaves out the widgets the caller lacks the permission for,
 * and fills each of the others from its {@link WidgetSource}. A widget that fails shows its error; the rest
 * of the dashboard still answers. Every dashboard query is recorded in the query log.
 */
@Service
public class Dashboards {

    private static final Logger log = LoggerFactory.getLogger(Dashboards.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{12}(\\.[0-9a-f]{12})*");

    private final DashboardTemplates templates;
    private final LayoutValidation validation;
    private final WidgetCatalog catalog;
    private final Map<String, WidgetSource> sources = new HashMap<>();
    private final TenantConventions conventions;
    private final QueryLog queries;
    private final WidgetFigures figures;
    private final Clock clock;

    Dashboards(
            DashboardTemplates templates,
            LayoutValidation validation,
            WidgetCatalog catalog,
            List<WidgetSource> sources,
            TenantConventions conventions,
            QueryLog queries,
            WidgetFigures figures,
            Clock clock) {
        this.templates = templates;
        this.validation = validation;
        this.catalog = catalog;
        this.conventions = conventions;
        this.queries = queries;
        this.figures = figures;
        this.clock = clock;
        for (WidgetSource source : sources) {
            source.codes().forEach(code -> {
                if (this.sources.put(code, source) != null) {
                    throw new IllegalStateException("Two sources compute the widget " + code);
                }
            });
        }
    }

    /** The caller's whole dashboard (or the plant's, {@code board}). */
    public DashboardView dashboard(CurrentUser user, Locale locale, Board board, DashboardFilters filters) {
        long began = System.nanoTime();
        DashboardView view = compute(user, locale, board, filters, null);
        record(user, "dashboards.dashboard", filters, Map.of(), view, began);
        return view;
    }

    /**
     * Only the widgets whose figures changed since the dashboard that answered {@code since}; every widget
     * when the template or what the caller may see changed since.
     *
     * @throws BindException (422) when {@code since} is not a token this API gave
     */
    public DashboardView refresh(CurrentUser user, Locale locale, Board board, DashboardFilters filters, String since)
            throws BindException {
        if (since == null || !TOKEN.matcher(since).matches()) {
            Invalid invalid = new Invalid();
            invalid.reject("since", "«since» es el «token» de la última respuesta del tablero.");
            invalid.throwIfAny();
        }
        long began = System.nanoTime();
        DashboardView view = compute(user, locale, board, filters, since);
        record(user, "dashboards.refresh", filters, Map.of(), view, began);
        return view;
    }

    /**
     * The named widgets only, with the parameters the caller's template gives them (none when it does not
     * place them); a widget the caller may not see is left out.
     *
     * @throws BindException (422) naming {@code types} when a code is not in the catalog
     */
    public DashboardView widgets(
            CurrentUser user, Locale locale, Board board, DashboardFilters filters, List<String> codes)
            throws BindException {
        Invalid invalid = new Invalid();
        codes.stream()
                .filter(code -> catalog.find(code).isEmpty())
                .forEach(code -> invalid.reject("types", "El catálogo no tiene el widget «" + code + "»."));
        invalid.throwIfAny();
        long began = System.nanoTime();
        var resolved = templates.resolveFor(user.tenantId(), board.roles(user), user::can);
        List<DashboardLayout.Placement> placements = new ArrayList<>();
        for (String code : codes.stream().distinct().toList()) {
            placements.add(resolved.flatMap(r -> r.layout().widgets().stream()
                            .filter(p -> p.widget().equals(code))
                            .findFirst())
                    .orElse(new DashboardLayout.Placement(code, 2, Map.of())));
        }
        DashboardTemplates.Resolved asked = new DashboardTemplates.Resolved(
                resolved.map(DashboardTemplates.Resolved::role).orElse(null),
                resolved.map(DashboardTemplates.Resolved::source).orElse(DashboardTemplates.Source.BUILT_IN),
                resolved.map(DashboardTemplates.Resolved::version).orElse(null),
                new DashboardLayout(placements));
        DashboardView view = fill(user, locale, filters, asked, null);
        record(user, "dashboards.widgets", filters, Map.of("types", codes), view, began);
        return view;
    }

    /**
     * What {@code layout}, not saved, would show for {@code role}: checked as a save checks it, then filled for
     * the caller's organization as the caller sees it (their permissions decide each widget, as on their own
     * dashboard), with each widget's own parameters and no filter. Recorded in the query log as
     * {@code dashboards.preview}.
     *
     * @throws BindException (422) naming each field at fault, as {@link DashboardTemplates#save} does
     */
    public DashboardView preview(CurrentUser user, Locale locale, String role, DashboardLayout layout)
            throws BindException {
        validation.check(layout);
        long began = System.nanoTime();
        DashboardFilters filters = DashboardFilters.NONE;
        DashboardView view = fill(
                user,
                locale,
                filters,
                new DashboardTemplates.Resolved(role, DashboardTemplates.Source.TENANT, null, layout),
                null);
        record(user, "dashboards.preview", filters, Map.of(), view, began);
        return view;
    }

    /** Today in the organization's time zone: where a range given by its start alone ends. */
    public LocalDate today(TenantId tenant) {
        return LocalDate.ofInstant(clock.instant(), zone(tenant));
    }

    /** The organization's time zone, in which the dashboards' days run. */
    public ZoneId zone(TenantId tenant) {
        return conventions.of(tenant).map(TenantConventions.Conventions::zone).orElse(ZoneOffset.UTC);
    }

    private DashboardView compute(
            CurrentUser user, Locale locale, Board board, DashboardFilters filters, String since) {
        var resolved = templates.resolveFor(user.tenantId(), board.roles(user), user::can);
        if (resolved.isEmpty()) {
            return new DashboardView(
                    null, null, null, filters.from(), filters.to(), clock.instant(), "", true, List.of());
        }
        return fill(user, locale, filters, resolved.get(), since);
    }

    private DashboardView fill(
            CurrentUser user,
            Locale locale,
            DashboardFilters filters,
            DashboardTemplates.Resolved template,
            String since) {
        Instant now = clock.instant();
        ZoneId zone = zone(user.tenantId());
        List<DashboardView.PlacedWidget> items = new ArrayList<>();
        var placements = template.layout().widgets();
        for (int position = 0; position < placements.size(); position++) {
            var placement = placements.get(position);
            var widget = catalog.find(placement.widget()).orElse(null);
            if (widget == null || !user.can(widget.permission())) {
                continue;
            }
            var context = new WidgetContext(user, locale, zone, now, filters, placement.parameters());
            WidgetFigures.Figures figured = null;
            String error = null;
            try {
                figured = data(widget.code(), context);
            } catch (BusinessException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                log.warn("Widget {} failed for tenant {}", widget.code(), user.tenantId(), e);
                error = context.say("No se pudieron calcular sus cifras.", "Its figures could not be computed.");
            }
            items.add(new DashboardView.PlacedWidget(
                    position,
                    widget.code(),
                    widget.name(locale),
                    widget.kind().wire(),
                    placement.width(),
                    placement.parameters(),
                    filtersOf(widget.code()),
                    figured == null ? null : figured.data(),
                    figured == null ? fingerprint(error) : figured.fingerprint(),
                    error));
        }
        String layoutKey = fingerprint(List.of(
                String.valueOf(template.role()),
                template.source().name(),
                String.valueOf(template.version()),
                items.stream().map(i -> i.position() + ":" + i.widget()).toList()));
        StringBuilder token = new StringBuilder(layoutKey);
        items.forEach(item -> token.append('.').append(item.fingerprint()));
        List<DashboardView.PlacedWidget> shown = items;
        boolean complete = true;
        if (since != null && since.startsWith(layoutKey + ".") && since.split("\\.").length == items.size() + 1) {
            String[] before = since.split("\\.");
            shown = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).fingerprint().equals(before[i + 1])) {
                    shown.add(items.get(i));
                }
            }
            complete = false;
        }
        return new DashboardView(
                template.role(),
                template.source().name(),
                template.version(),
                filters.from(),
                filters.to(),
                now,
                token.toString(),
                complete,
                shown);
    }

    /** The filters the widget follows, by their API names. */
    public List<String> filtersOf(String code) {
        WidgetSource source = sources.get(code);
        return source == null
                ? List.of()
                : source.filters(code).stream()
                        .sorted()
                        .map(DashboardFilter::type)
                        .toList();
    }

    /** The filters that at least one widget of the caller's dashboard follows. */
    public java.util.Set<DashboardFilter> filtersFor(CurrentUser user, Board board) {
        var resolved = templates.resolveFor(user.tenantId(), board.roles(user), user::can);
        java.util.Set<DashboardFilter> used = java.util.EnumSet.noneOf(DashboardFilter.class);
        resolved.ifPresent(r -> r.layout().widgets().forEach(placement -> {
            var widget = catalog.find(placement.widget()).orElse(null);
            WidgetSource source = sources.get(placement.widget());
            if (widget != null && source != null && user.can(widget.permission())) {
                used.addAll(source.filters(placement.widget()));
            }
        }));
        return used;
    }

    private WidgetFigures.Figures data(String code, WidgetContext context) {
        WidgetSource source = sources.get(code);
        if (source == null) {
            throw new IllegalStateException("No source computes the widget " + code);
        }
        return figures.get(context, code, source.personal(code), () -> source.data(code, context));
    }

    private void record(
            CurrentUser user,
            String kind,
            DashboardFilters filters,
            Map<String, Object> extra,
            DashboardView view,
            long began) {
        Map<String, Object> asked = new LinkedHashMap<>(filters.asked());
        asked.putAll(extra);
        if (view.role() != null) {
            asked.put("role", view.role());
        }
        queries.record(new QueryLog.QueryEntry(
                user.tenantId(),
                user.userId(),
                user.username(),
                kind,
                asked,
                view.widgets().size(),
                (System.nanoTime() - began) / 1_000_000));
    }

    /** Six bytes of the SHA-256 of {@code value}'s JSON, in hex. */
    static String fingerprint(Object value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
