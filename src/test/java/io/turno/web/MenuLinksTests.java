package io.turno.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** No dead ends: every link of a demo role's menu opens a page that role may see. */
@TurnoTest
class MenuLinksTests {

    private static final Pattern NAV = Pattern.compile("<nav class=\"nav\"[^>]*>(.*?)</nav>", Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({
        "admin, Admin123!",
        "manager, Manager123!",
        "supervisor, Supervisor123!",
        "reception, Reception123!",
        "therapist, Therapist123!",
        "operator, Operator123!",
        "viewer, Viewer123!",
        "patient, Patient123!"
    })
    void everyMenuLinkOfADemoRoleOpensAPage(String username, String password) {
        var session = PageSession.signIn(new TestHttp(port), "demo", username, password);
        List<String> links = menuLinks(session.get("/").body());
        assertThat(links).as("the menu of %s", username).contains("/", "/profile");

        for (String link : links) {
            var page = session.get(link);
            // A menu entry may lead to its first item (a board to the first branch): a browser follows.
            if (page.statusCode() == 302) {
                URI target = URI.create(PageSession.location(page));
                assertThat(target.getRawPath()).as("%s → %s", link, target).doesNotStartWith("/login");
                page = session.get(
                        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
            }
            assertThat(page.statusCode()).as("%s opens %s", username, link).isEqualTo(200);
        }
    }

    private static List<String> menuLinks(String home) {
        Matcher nav = NAV.matcher(home);
        assertThat(nav.find()).as("a menu on the home page").isTrue();
        List<String> links = new ArrayList<>();
        Matcher href = HREF.matcher(nav.group(1));
        while (href.find()) {
            links.add(href.group(1).replace("&amp;", "&"));
        }
        return links;
    }
}
