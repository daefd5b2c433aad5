package io.turno;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as HTTP tests play it: signed in through the login form, it sends its session cookie
 * with every request and its CSRF token with every form, like Thymeleaf's forms do.
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("TURNO_SESSION=([^;]+)");

    private final TestHttp http;
    private final String cookie;
    private final String csrf;
    private final String language;

    private PageSession(TestHttp http, String cookie, String csrf, String language) {
        this.http = http;
        this.cookie = cookie;
        this.csrf = csrf;
        this.language = language;
    }

    public static PageSession signIn(TestHttp http, String tenant, String username, String password) {
        var login = http.get("/login");
        var response = http.send(http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "TURNO_SESSION=" + cookieOf(login))
                .POST(form("tenant", tenant, "username", username, "password", password, "_csrf", csrfOf(login))));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).doesNotContain("error");
        String cookie = cookieOf(response);
        // Signing in replaces the CSRF token; any page of the new session carries the new one.
        var home = http.send(http.request("/").header("Cookie", "TURNO_SESSION=" + cookie));
        assertThat(home.statusCode()).isEqualTo(200);
        return new PageSession(http, cookie, csrfOf(home), "es");
    }

    /** The same browser asking for English pages. */
    public PageSession inEnglish() {
        return new PageSession(http, cookie, csrf, "en");
    }

    /** A request of this browser (its session cookie, its language) for what the helpers here do not cover. */
    public HttpRequest.Builder request(String path) {
        return http.request(path).header("Cookie", "TURNO_SESSION=" + cookie).header("Accept-Language", language);
    }

    public HttpResponse<String> get(String path) {
        return http.send(browser(path).GET());
    }

    /** Posts a form: name, value, name, value …; a name may repeat, as ticked checkboxes do. */
    public HttpResponse<String> post(String path, String... fields) {
        var withToken = new ArrayList<>(List.of(fields));
        withToken.add("_csrf");
        withToken.add(csrf);
        return http.send(browser(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(withToken.toArray(String[]::new))));
    }

    /**
     * Posts a form and, like a browser, follows the redirect that answers it: the page it lands on
     * shows the notice the post left.
     */
    public HttpResponse<String> submit(String path, String... fields) {
        var response = post(path, fields);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI target = URI.create(location(response));
        return get(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** The first group of {@code pattern} in {@code text}. */
    public static String find(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern, Pattern.DOTALL).matcher(text);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }

    private HttpRequest.Builder browser(String path) {
        return http.request(path)
                .header("Cookie", "TURNO_SESSION=" + cookie)
                .header("Accept", "text/html")
                .header("Accept-Language", language);
    }

    private static HttpRequest.BodyPublisher form(String... fields) {
        var body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append(i == 0 ? "" : "&")
                    .append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    private static String csrfOf(HttpResponse<String> page) {
        return find(page.body(), CSRF.pattern());
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(SESSION::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow();
    }
}
