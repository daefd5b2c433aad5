package io.turno.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.internal.NavigationMenu.Link;
import io.turno.web.internal.NavigationMenu.Section;
import org.junit.jupiter.api.Test;

/** Which sections a person sees, in which order, and which entry is the page they are on. */
class NavigationMenuTests {

    private final NavigationMenu menu = new NavigationMenu(List.of(
            new NavigationEntry(NavigationSection.ADMINISTRATION, "nav.users", "/users", "users:read", 10),
            new NavigationEntry(NavigationSection.SERVICE, "nav.menu.desks", "/queueing/desks", "desks:read", 52),
            new NavigationEntry(NavigationSection.SERVICE, "nav.menu.desk", "/desk", "tickets:call", 20),
            new NavigationEntry(NavigationSection.HOME, "nav.home", "/", null, 0),
            new NavigationEntry(
                    NavigationSection.CLINIC,
                    "nav.agenda",
                    "/agenda",
                    "appointments:status",
                    10,
                    List.of("/appointments")),
            new NavigationEntry(NavigationSection.ACCOUNT, "nav.profile", "/profile", null, 10),
            new NavigationEntry(
                    NavigationSection.ADMINISTRATION, "nav.reports", "/reports", "billing:reports,queues:stats", 90)));

    @Test
    void anEntryOfSeveralPermissionsOpensToAHolderOfAnyOne() {
        assertThat(menu.sections(Set.of("queues:stats"), "/").stream()
                        .flatMap(s -> s.links().stream())
                        .map(Link::path))
                .contains("/reports");
        assertThat(menu.sections(Set.of("desks:read"), "/").stream()
                        .flatMap(s -> s.links().stream())
                        .map(Link::path))
                .doesNotContain("/reports");
    }

    @Test
    void sectionsComeInTheBarsOrderWithTheEntriesTheirHolderMayOpen() {
        List<Section> sections = menu.sections(Set.of("desks:read", "tickets:call", "appointments:status"), "/");

        assertThat(sections)
                .extracting(Section::section)
                .containsExactly(
                        NavigationSection.HOME,
                        NavigationSection.SERVICE,
                        NavigationSection.CLINIC,
                        NavigationSection.ACCOUNT);
        assertThat(sections.get(1).links()).extracting(Link::path).containsExactly("/desk", "/queueing/desks");
        assertThat(sections.get(1).plain()).isFalse();
        assertThat(sections.get(2).plain())
                .as("a section of one link is that link")
                .isTrue();
        assertThat(sections.getFirst().links().getFirst().current()).isEqualTo("page");
    }

    @Test
    void thePageIsMarkedAndAPageUnderAnEntryMarksThatEntry() {
        Set<String> all = Set.of("users:read", "desks:read", "tickets:call", "appointments:status");

        assertThat(current(menu.sections(all, "/desk"))).containsExactly("/desk=page");
        assertThat(current(menu.sections(all, "/desk/42"))).containsExactly("/desk=true");
        assertThat(current(menu.sections(all, "/queueing/desks/new"))).containsExactly("/queueing/desks=true");
        assertThat(current(menu.sections(all, "/appointments/7"))).containsExactly("/agenda=true");
        assertThat(current(menu.sections(all, "/desks")))
                .as("a longer word is not under /desk")
                .isEmpty();
        assertThat(current(menu.sections(all, "/error")))
                .as("nothing lies under home")
                .isEmpty();
        assertThat(menu.sections(all, "/users/1").stream().filter(Section::current))
                .extracting(Section::section)
                .containsExactly(NavigationSection.ADMINISTRATION);
    }

    private static List<String> current(List<Section> sections) {
        return sections.stream()
                .flatMap(section -> section.links().stream())
                .filter(link -> link.current() != null)
                .map(link -> link.path() + "=" + link.current())
                .toList();
    }
}
