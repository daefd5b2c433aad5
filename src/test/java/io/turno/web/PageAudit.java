package io.turno.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/**
 * What {@link AllPagesBrowserTests} checks on one page at one width: the page fits the window
 * ({@code scrollWidth <= innerWidth}), every table of its main part scrolls in a named, focusable region, and
 * axe-core finds no serious or critical violation (once per
 * page, width and theme, and on every role's home page); and on each
 * load, that it answers 200 and logs no console error and throws nothing. Each problem names the
 * page, so that one run can list them all.
 */
final class PageAudit {

    /**
     * One thing wrong: who saw it (a role and a theme), where ({@code path} with ids and dates made
     * generic, the window's width or null for the whole load), its {@code kind} ({@code status},
     * {@code overflow}, {@code table}, {@code console}, or {@code axe <rule>}) and what exactly.
     */
    record Problem(String who, Integer width, String path, String kind, String detail) {

        @Override
        public String toString() {
            return "%s %s%s — %s: %s".formatted(who, path, width == null ? "" : " @" + width + "px", kind, detail);
        }
    }

    /** axe-core as Deque ships it in its Maven artifact (com.deque.html.axe-core:playwright). */
    private static final String AXE = axeSource();

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * The rules whose outcome depends on colours, the only thing a theme changes (its CSS variables):
     * every other rule gives the same answer in both themes, so the second theme's scan runs only these.
     */
    static final List<String> COLOUR_RULES = List.of("color-contrast", "link-in-text-block");

    /** Only serious and critical violations, one line each: rule, impact, help and where (first three). */
    private static final String AXE_RUN = """
            async rules => {
              const options = {resultTypes: ['violations']};
              if (rules) options.runOnly = {type: 'rule', values: rules};
              const result = await axe.run(document, options);
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => [v.id, `(${v.impact}) ${v.help}: ${v.nodes.length}× `
                  + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')
                  + ` (${[...v.nodes[0].any, ...v.nodes[0].all, ...v.nodes[0].none].map(c => c.message)[0]})`]);
            }""";

    /** The outermost elements that reach past the window's right edge, to say what overflows. */
    private static final String WIDEST = """
            () => {
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1);
              return wide.filter(e => !wide.includes(e.parentElement)).slice(0, 3)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                  + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                  + ' ' + Math.round(e.getBoundingClientRect().right) + ' px').join(', ');
            }""";

    /**
     * Tables not in their own scrolling box ({@code div.table-wrap}, a focusable region with a name, so a wide
     * table scrolls by itself on a phone and a keyboard or screen reader user can reach and name it).
     */
    private static final String UNBOXED_TABLES = """
            () => [...document.querySelectorAll('main table')].flatMap((table, i) => {
              const box = table.parentElement;
              const boxed = box.classList.contains('table-wrap') && box.getAttribute('role') === 'region'
                && box.getAttribute('tabindex') === '0' && (box.getAttribute('aria-label') || '').trim() !== '';
              return boxed ? [] : ['table ' + (i + 1) + (table.id ? '#' + table.id : '')
                + (table.caption ? ' «' + table.caption.textContent.trim() + '»' : '')];
            })""";

    /** Where the time of a run goes: loading pages, measuring them, scanning them with axe. */
    static final class Timings {
        long open;
        long measure;
        long axe;

        @Override
        public String toString() {
            return "loading %d s, measuring %d s, axe %d s"
                    .formatted(open / 1_000_000_000, measure / 1_000_000_000, axe / 1_000_000_000);
        }
    }

    private final List<String> logged = new ArrayList<>();
    private final Timings timings;
    private final List<String> rules;
    private final Set<String> scanned;

    /**
     * Makes axe-core available in every page of {@code context}, and records what {@code page} logs;
     * {@code rules} are the axe rules to run, or null for all of them.
     */
    PageAudit(BrowserContext context, Page page, Timings timings, List<String> rules, Set<String> scanned) {
        this.timings = timings;
        this.rules = rules;
        this.scanned = scanned;
        // An init script runs outside the page's Content-Security-Policy, which forbids inline scripts.
        context.addInitScript(AXE);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                logged.add(message.text());
            }
        });
        page.onPageError(error -> logged.add("uncaught: " + error));
    }

    /** Opens {@code path}: answers the page's address as a problem label uses it, with ids and dates made generic. */
    String open(Page page, String path, List<Problem> problems, String who) {
        logged.clear();
        long started = System.nanoTime();
        Response response = page.navigate(path);
        timings.open += System.nanoTime() - started;
        String at = where(page);
        if (response == null || response.status() != 200) {
            problems.add(new Problem(
                    who, null, at, "status", "answers " + (response == null ? "nothing" : response.status())));
        }
        return at;
    }

    /** The checks at the page's current width. */
    void check(Page page, List<Problem> problems, String who, String at, int width) {
        // Let a resize reach the charts' resize observers before measuring: two frames, on pages that draw charts
        // only (reading the widths lays out the page by itself, and two frames cost about 30 ms a check).
        page.evaluate("() => document.querySelector('canvas') &&"
                + " new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        long started = System.nanoTime();
        var widths = (List<?>) page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        int scrollWidth = ((Number) widths.get(0)).intValue();
        int innerWidth = ((Number) widths.get(1)).intValue();
        if (scrollWidth > innerWidth) {
            problems.add(new Problem(
                    who,
                    width,
                    at,
                    "overflow",
                    "page %d px wide in a %d px window (widest: %s)"
                            .formatted(scrollWidth, innerWidth, page.evaluate(WIDEST))));
        }
        for (Object table : (List<?>) page.evaluate(UNBOXED_TABLES)) {
            problems.add(new Problem(
                    who, width, at, "table", table + " is not in a named, focusable div.table-wrap region"));
        }
        long measured = System.nanoTime();
        timings.measure += measured - started;
        if (!at.equals("/") && !scanned.add(at + " @" + width + (rules == null ? "" : " " + rules))) {
            // Scanned already for another role: a page differs between roles in its menu, which each role's
            // home page has scanned, and in buttons of the same markup. Overflow and console are still checked.
            return;
        }
        for (Object violation : (List<?>) page.evaluate(AXE_RUN, rules)) {
            var ruleAndDetail = (List<?>) violation;
            problems.add(new Problem(who, width, at, "axe " + ruleAndDetail.get(0), (String) ruleAndDetail.get(1)));
        }
        timings.axe += System.nanoTime() - measured;
    }

    /** What the page logged since it was opened. */
    void logs(List<Problem> problems, String who, String at) {
        logged.forEach(line -> problems.add(new Problem(who, null, at, "console", line)));
        logged.clear();
    }

    /** The page's path and query, with ids as {id} and dates as {date}, so that a label is the same every run. */
    static String where(Page page) {
        String url = page.url();
        String path = url.substring(url.indexOf('/', url.indexOf("//") + 2));
        return DATE.matcher(UUID.matcher(path).replaceAll("{id}")).replaceAll("{date}");
    }

    private static String axeSource() {
        try (InputStream in = PageAudit.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
