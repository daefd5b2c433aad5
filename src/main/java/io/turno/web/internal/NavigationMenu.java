package io.turno.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;

/**
 * The menu one person sees on one page: the sections holding an entry their permissions open, each
 * with those entries, and the entry of the page they are on marked ({@code aria-current}). Its
 * records are public for the templates' expressions, which read them by reflection.
 */
final class NavigationMenu {

    /**
     * @param current {@code page} on the entry's own page, {@code true} on a page under it (a
     *                patient of the patients list), else null: the value of {@code aria-current}
     */
    public record Link(String labelKey, String path, String current) {}

    public record Section(NavigationSection section, List<Link> links) {

        public String labelKey() {
            return section.labelKey();
        }

        /**
         * Home and one-link sections are plain links, not a menu of one; the person's own pages are
         * always a menu, under their name.
         */
        public boolean plain() {
            return section == NavigationSection.HOME || (links.size() == 1 && section != NavigationSection.ACCOUNT);
        }

        public boolean account() {
            return section == NavigationSection.ACCOUNT;
        }

        public boolean current() {
            return links.stream().anyMatch(link -> link.current() != null);
        }
    }

    private final List<NavigationEntry> entries;

    NavigationMenu(List<NavigationEntry> entries) {
        this.entries = entries.stream()
                .sorted(Comparator.comparing(NavigationEntry::section).thenComparingInt(NavigationEntry::order))
                .toList();
    }

    /** The sections, in the bar's order, that {@code held} authorities open, on the page at {@code path}. */
    List<Section> sections(Set<String> held, String path) {
        List<NavigationEntry> visible =
                entries.stream().filter(entry -> entry.openTo(held)).toList();
        NavigationEntry current = currentEntry(visible, path);
        Map<NavigationSection, List<Link>> links = new EnumMap<>(NavigationSection.class);
        for (NavigationEntry entry : visible) {
            String mark = entry != current ? null : entry.path().equals(path) ? "page" : "true";
            links.computeIfAbsent(entry.section(), section -> new ArrayList<>())
                    .add(new Link(entry.labelKey(), entry.path(), mark));
        }
        return links.entrySet().stream()
                .map(section -> new Section(section.getKey(), List.copyOf(section.getValue())))
                .toList();
    }

    /** The entry of this page: its own, else the one with the longest path the page lies under. */
    private static NavigationEntry currentEntry(List<NavigationEntry> visible, String path) {
        NavigationEntry best = null;
        int longest = -1;
        for (NavigationEntry entry : visible) {
            if (entry.path().equals(path)) {
                return entry;
            }
            List<String> prefixes = new ArrayList<>(entry.alsoUnder());
            prefixes.add(entry.path());
            for (String prefix : prefixes) {
                if (under(path, prefix) && prefix.length() > longest) {
                    best = entry;
                    longest = prefix.length();
                }
            }
        }
        return best;
    }

    private static boolean under(String path, String prefix) {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        return !"/".equals(base) && (path.equals(prefix) || path.startsWith(base));
    }
}
