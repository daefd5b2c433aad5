package io.turno;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.turno.identity.PlatformPermissions;
import io.turno.shared.ModulePermissions;
import jakarta.annotation.security.PermitAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler of Turno states what it needs, and the statement holds: the routes come from the
 * application's own handler mappings, so a new endpoint cannot be missed.
 */
@TurnoTest
class EndpointPermissionsTests {

    private static final Pattern AUTHORITY = Pattern.compile("hasAuthority\\('([^']+)'\\)");

    record Route(String method, String pattern, String requirement) {

        boolean isPublic() {
            return requirement == null;
        }

        String samplePath() {
            return pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    List<ModulePermissions> modulePermissions;

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void everyHandlerDeclaresItsPermission() {
        List<String> undeclared = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("io.turno")
                    && requirementOf(handler).isEmpty()) {
                undeclared.add(handler.getBeanType().getSimpleName() + "."
                        + handler.getMethod().getName());
            }
        });
        assertThat(undeclared)
                .as("handlers without @PreAuthorize or @PermitAll")
                .isEmpty();
    }

    /** A misspelt permission would lock a route for everyone but ADMIN; the declared ones come from the modules. */
    @Test
    void everyAuthorityTheCodeAsksForIsADeclaredPermission() throws IOException {
        Set<String> declared = new java.util.HashSet<>();
        modulePermissions.forEach(
                module -> declared.addAll(module.defaultRoles().keySet()));
        declared.addAll(PlatformPermissions.ALL);
        Pattern asked = Pattern.compile("hasAuthority\\('([^'<]+)'\\)");
        List<String> undeclared = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".java") || f.toString().endsWith(".html"))
                    .toList()) {
                Matcher matcher = asked.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!declared.contains(matcher.group(1))) {
                        undeclared.add(file.getFileName() + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertThat(declared).contains("services:read", "tickets:call");
        assertThat(undeclared)
                .as("hasAuthority('…') naming no module's permission")
                .isEmpty();
    }

    @Test
    void anonymousCallersGet401OnEveryProtectedApiRoute() {
        List<Route> routes = apiRoutes();
        assertThat(routes).extracting(Route::pattern).contains("/api/v1/auth/me", "/api/v1/audit/verify");
        for (Route route : routes.stream().filter(r -> !r.isPublic()).toList()) {
            var response = http.send(http.request(route.samplePath()).method(route.method(), body(route)));
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
            assertThat(json(response).get("code").asString()).isEqualTo("AUTHENTICATION_REQUIRED");
        }
    }

    @Test
    void aViewerGets403WhereTheRouteNeedsAPermissionTheViewerLacks() {
        String token = json(http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "viewer", "password": "Viewer123!"}"""))
                .get("access_token")
                .asString();
        Set<String> held = new java.util.HashSet<>();
        json(http.send(http.request("/api/v1/auth/me").header("Authorization", "Bearer " + token)))
                .get("permissions")
                .forEach(p -> held.add(p.asString()));
        List<Route> forbidden = apiRoutes().stream()
                .filter(r -> r.requirement() != null
                        && r.requirement().startsWith("permission:")
                        && !held.contains(r.requirement().substring("permission:".length())))
                .toList();
        assertThat(forbidden).isNotEmpty();
        for (Route route : forbidden) {
            var response = http.send(http.request(route.samplePath())
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(route.method(), body(route)));
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(403);
            assertThat(json(response).get("code").asString()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        }
    }

    /**
     * An administrator of another tenant holds every tenant permission, yet every route that names
     * one of demo's records answers 404 (or refuses the body before looking): nothing crosses over.
     */
    @Test
    void anAdminOfAnotherTenantFindsNoneOfDemosRecords() {
        String root = http.token("platform", "root", "Root123!");
        var created = http.call("POST", "/api/v1/tenants", root, """
                {"slug": "vecina", "name": "Vecina", "admin": {"username": "jefa", "password": "Vecina-Clave-1"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String stranger = http.token("vecina", "jefa", "Vecina-Clave-1");
        String demoAdmin = http.demoToken("admin", "Admin123!");
        String demoAdminId = json(http.call("GET", "/api/v1/auth/me", demoAdmin, null))
                .get("user_id")
                .asString();

        List<Route> routes = apiRoutes().stream()
                .filter(r -> r.pattern().contains("{")
                        && r.requirement() != null
                        && !r.requirement().startsWith("permission:tenants:"))
                .toList();
        assertThat(routes).extracting(Route::pattern).contains("/api/v1/users/{id}", "/api/v1/roles/{id}");
        for (Route route : routes) {
            String path = route.pattern().replaceAll("\\{[^}]+}", demoRecordId(route, demoAdmin, demoAdminId));
            var response = http.call(
                    route.method(),
                    path,
                    stranger,
                    "GET".equals(route.method()) || "DELETE".equals(route.method()) ? null : "{}");
            assertThat(response.statusCode()).as(route + " " + response.body()).isIn(404, 422);
            if (response.statusCode() == 422) {
                assertThat(route.method())
                        .as(route + " refused the body, not the record")
                        .isIn("POST", "PUT", "PATCH");
            }
        }
        assertThat(http.call("GET", "/api/v1/users/" + demoAdminId, demoAdmin, null)
                        .statusCode())
                .as("the same record exists for its own tenant")
                .isEqualTo(200);
    }

    /** The id of a real demo record for the route: the first of its collection, else the demo admin. */
    private String demoRecordId(Route route, String demoAdmin, String fallback) {
        String collection = route.pattern().substring(0, route.pattern().indexOf("/{"));
        var response = http.call("GET", collection, demoAdmin, null);
        if (response.statusCode() == 200) {
            var body = json(response);
            var items = body.isArray() ? body : body.get("items");
            if (items != null && !items.isEmpty() && items.get(0).has("id")) {
                return items.get(0).get("id").asString();
            }
        }
        return fallback;
    }

    private List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("io.turno")) {
                return;
            }
            String requirement = requirementOf(handler).orElseThrow();
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty()
                    ? Set.of("GET")
                    : info.getMethodsCondition().getMethods().stream()
                            .map(Enum::name)
                            .collect(java.util.stream.Collectors.toSet());
            info.getPatternValues().stream()
                    .filter(p -> p.startsWith("/api/v1/"))
                    .forEach(pattern -> methods.forEach(method ->
                            routes.add(new Route(method, pattern, "public".equals(requirement) ? null : requirement))));
        });
        return routes;
    }

    /** "public", "authenticated" or "permission:module:action"; empty when the handler states nothing. */
    private static java.util.Optional<String> requirementOf(HandlerMethod handler) {
        return Stream.<AnnotatedElement>of(handler.getMethod(), handler.getBeanType())
                .map(element -> {
                    if (AnnotatedElementUtils.hasAnnotation(element, PermitAll.class)) {
                        return "public";
                    }
                    PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(element, PreAuthorize.class);
                    if (rule == null) {
                        return null;
                    }
                    Matcher authority = AUTHORITY.matcher(rule.value());
                    return authority.find() ? "permission:" + authority.group(1) : "authenticated";
                })
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    private static HttpRequest.BodyPublisher body(Route route) {
        return "GET".equals(route.method()) || "DELETE".equals(route.method())
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}");
    }
}
