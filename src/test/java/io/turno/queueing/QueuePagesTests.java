package io.turno.queueing;

import static io.turno.PageSession.find;
import static io.turno.PageSession.location;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import io.nayuki.qrcodegen.QrCode;
import io.turno.PageSession;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The kiosk, the customer's status page, the desk console and the TV board through the real
 * security chain, as a browser submits them; fixtures written as the database owner.
 */
@TurnoTest
class QueuePagesTests {

    private static final Pattern TOKEN = Pattern.compile("/t/([A-Za-z0-9_-]{32})");

    @LocalServerPort
    int port;

    JdbcClient owner;
    TestHttp http;
    String admin;
    QueueFixture branch;
    UUID service;
    UUID queue;
    UUID otherQueue;
    UUID desk;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        branch = new QueueFixture(owner, "America/Bogota");
        service = QueueFixture.service(
                http, admin, "K-" + UUID.randomUUID().toString().substring(0, 6), 5);
        queue = branch.queue("A", service);
        otherQueue = branch.queue("B");
        desk = branch.desk("Ventanilla 1", List.of(queue), List.of());
        branch.desk("Ventanilla 2", List.of(otherQueue), List.of());
    }

    @Test
    void eachPageAsksForItsPermission() {
        var viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        for (String path : List.of(
                "/kiosk",
                "/kiosk/" + branch.branch,
                "/kiosk/" + branch.branch + "/services/" + service,
                "/desk",
                "/desk/" + desk)) {
            var refused = viewer.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).contains("No tienes permiso");
        }
        assertThat(stream(viewer, "/desk/" + desk + "/stream").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/kiosk/" + branch.branch + "/tickets", "serviceId", service.toString())
                        .statusCode())
                .isEqualTo(403);
        assertThat(viewer.post("/desk/" + desk + "/call-next").statusCode()).isEqualTo(403);
        assertThat(waiting()).as("nothing was issued or called").isZero();
        assertThat(viewer.get("/board/" + branch.branch).statusCode())
                .as("viewers may watch the board")
                .isEqualTo(200);
        assertThat(viewer.get("/").body())
                .contains("href=\"/board\"")
                .doesNotContain("href=\"/kiosk\"", "href=\"/desk\"");

        var operator = PageSession.signIn(http, "demo", "operator", "Operator123!");
        assertThat(operator.get("/board").statusCode()).isEqualTo(403);
        assertThat(operator.get("/board/" + branch.branch).statusCode()).isEqualTo(403);
        assertThat(stream(operator, "/board/" + branch.branch + "/stream").statusCode())
                .isEqualTo(403);

        var anonymous = http.send(http.request("/kiosk/" + branch.branch).header("Accept", "text/html"));
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(location(anonymous)).endsWith("/login");
    }

    @Test
    void theKioskIssuesATicketAndShowsItsNumberWaitAndQrCodeToTheStatusPage() {
        var kiosk = PageSession.signIn(http, "demo", "reception", "Reception123!");
        assertThat(kiosk.get("/kiosk").body()).contains("href=\"/kiosk/" + branch.branch + "\"");
        var services = kiosk.get("/kiosk/" + branch.branch);
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(services.body())
                .contains("href=\"/kiosk/" + branch.branch + "/services/" + service + "\"")
                .doesNotContain("class=\"topbar\"");

        var form = kiosk.get("/kiosk/" + branch.branch + "/services/" + service);
        assertThat(form.statusCode()).isEqualTo(200);
        UUID general = branch.priority("General");
        UUID preferential = branch.priority("Preferencial");
        assertThat(find(form.body(), "(<input[^>]*value=\"" + general + "\"[^>]*>)"))
                .contains("checked");
        assertThat(find(form.body(), "(<input[^>]*value=\"" + preferential + "\"[^>]*>)"))
                .doesNotContain("checked");

        // Somebody is already waiting: the new ticket has one ahead.
        issueAnonymously(kiosk);
        String document = String.valueOf(10_000_000L + (long) (Math.random() * 80_000_000L));
        var issued = kiosk.post(
                "/kiosk/" + branch.branch + "/tickets",
                "serviceId",
                service.toString(),
                "priorityId",
                preferential.toString(),
                "documentType",
                "CC",
                "documentNumber",
                document,
                "fullName",
                "Lucía Kiosco");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(302);
        assertThat(location(issued)).endsWith("/kiosk/" + branch.branch + "/ticket");
        var ticket = kiosk.get("/kiosk/" + branch.branch + "/ticket");
        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(ticket.body())
                .contains("id=\"ticket-number\">A-002<", "1 turno antes del tuyo · unos 5 min", "<svg", "class=\"qr\"")
                .doesNotContain("Lucía", document);

        String token =
                find(ticket.body(), "data-status-url=\"http://127\\.0\\.0\\.1:" + port + "/t/([A-Za-z0-9_-]{32})\"");
        assertThat(qrModules(ticket.body()))
                .as("the QR code encodes the status page's address")
                .isEqualTo(modulesOf("http://127.0.0.1:" + port + "/t/" + token));
        var row = owner.sql("""
                SELECT c.document_number, c.full_name, t.weight FROM queueing_tickets t JOIN customers c ON c.id = t.customer_id
                WHERE t.public_token = :token""").param("token", token).query().singleRow();
        assertThat(row)
                .containsEntry("document_number", document)
                .containsEntry("full_name", "Lucía Kiosco")
                .containsEntry("weight", 3);

        // The step shows once; a reload (or someone else at the kiosk) starts again at step 1.
        var again = kiosk.get("/kiosk/" + branch.branch + "/ticket");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(location(again)).endsWith("/kiosk/" + branch.branch);

        // Known by the document alone on the next visit.
        var returning = kiosk.submit(
                "/kiosk/" + branch.branch + "/tickets",
                "serviceId",
                service.toString(),
                "priorityId",
                general.toString(),
                "documentType",
                "CC",
                "documentNumber",
                document,
                "fullName",
                "");
        assertThat(returning.body()).contains("id=\"ticket-number\">A-003<");
        assertThat(owner.sql("""
                SELECT count(*) FROM queueing_tickets t JOIN customers c ON c.id = t.customer_id
                WHERE c.document_number = :d AND t.branch_id = :b""")
                        .param("d", document)
                        .param("b", branch.branch)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void theKioskRefusesBadDocumentsNextToTheFieldAndKeepsWhatWasTyped() {
        var kiosk = PageSession.signIn(http, "demo", "reception", "Reception123!");
        String path = "/kiosk/" + branch.branch + "/tickets";
        var malformed = kiosk.post(
                path,
                "serviceId",
                service.toString(),
                "documentType",
                "CC",
                "documentNumber",
                "12AB",
                "fullName",
                "Pedro");
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.body())
                .contains("Ese número no es un documento CC válido", "value=\"12AB\"", "value=\"Pedro\"");

        var unknown = kiosk.post(
                path,
                "serviceId",
                service.toString(),
                "documentType",
                "PA",
                "documentNumber",
                "ZX" + System.nanoTime() % 1_000_000,
                "fullName",
                " ");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("Es tu primera vez: escribe tu nombre completo.");

        var english = kiosk.inEnglish()
                .post(
                        path,
                        "serviceId",
                        service.toString(),
                        "documentType",
                        "TI",
                        "documentNumber",
                        "x",
                        "fullName",
                        "Pedro");
        assertThat(english.body()).contains("That is not a valid TI number");

        var notServed = kiosk.get("/kiosk/" + branch.branch + "/services/" + UUID.randomUUID());
        assertThat(notServed.statusCode()).isEqualTo(404);
        assertThat(kiosk.get("/kiosk/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(waiting()).isZero();
    }

    @Test
    void theStatusPageWorksWithoutLoginShowsNothingPersonalAndFollowsTheTicket() {
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        issueAnonymously(reception);
        String token = issueAsKiosk(reception, "Marta Privada");

        var waiting = http.send(http.request("/t/" + token).header("Accept", "text/html"));
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(waiting.headers().allValues("Set-Cookie"))
                .as("no session for a public page")
                .isEmpty();
        assertThat(waiting.body())
                .contains(
                        "id=\"status-number\">A-002<",
                        "En espera",
                        "id=\"status-ahead\">1<",
                        "unos 5 min",
                        "hx-trigger=\"every 10s\"")
                .doesNotContain("Marta", "Privada", "topbar", "Salir")
                // The document as people write it; "CC" alone may occur in the random token of the page's own address.
                .doesNotContainPattern("CC[ :]+\\d");

        reception.post("/desk/" + desk + "/call-next");
        reception.post("/desk/" + desk + "/tickets/" + openAtDesk() + "/complete");
        reception.post("/desk/" + desk + "/call-next");
        var called = http.send(http.request("/t/" + token).header("Accept", "text/html"));
        assertThat(called.body()).contains("Llamado", "Acércate a Ventanilla 1").doesNotContain("Marta");

        reception.post("/desk/" + desk + "/tickets/" + openAtDesk() + "/complete");
        var done = http.send(
                http.request("/t/" + token).header("Accept", "text/html").header("Accept-Language", "en"));
        assertThat(done.body()).contains("Served", "This ticket has ended.").doesNotContain("hx-trigger");

        var unknown = http.send(http.request("/t/" + "x".repeat(32)).header("Accept", "text/html"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Página no encontrada");
    }

    @Test
    void theDeskConsoleCallsServesAndTransfersAndShowsRefusalsAsNotices() {
        var desker = PageSession.signIn(http, "demo", "reception", "Reception123!");
        var chooser = desker.get("/desk");
        assertThat(chooser.body()).contains("href=\"/desk/" + desk + "\"", "Ventanilla 1");
        assertThat(desker.get("/desk/" + desk).body()).contains("Sin turno", "id=\"call-next\"");

        assertThat(desker.submit("/desk/" + desk + "/call-next").body())
                .contains("Nadie espera en las colas de esta ventanilla.");
        issueAnonymously(desker);
        issueAnonymously(desker);

        var called = desker.submit("/desk/" + desk + "/call-next");
        assertThat(called.body())
                .contains("Llamado el turno A-001.", "id=\"current-number\">A-001<", "id=\"action-recall\"");
        assertThat(find(called.body(), "(<tr data-queue=\"" + queue + "\">.*?</tr>)"))
                .contains(">1<", "A-002");

        // Refusals of the service come back as a notice on the console, never as an error page.
        var busy = desker.submit("/desk/" + desk + "/call-next");
        assertThat(busy.statusCode()).isEqualTo(200);
        assertThat(busy.body())
                .contains("class=\"alert error\"", "La ventanilla Ventanilla 1 tiene el turno A-001 llamado");

        String first = openAtDesk();
        assertThat(desker.submit("/desk/" + desk + "/tickets/" + first + "/recall")
                        .body())
                .contains("Turno A-001 llamado de nuevo.", "1 rellamada");
        assertThat(desker.submit("/desk/" + desk + "/tickets/" + first + "/start")
                        .body())
                .contains("Atención del turno A-001 iniciada.", "En atención")
                .doesNotContain("id=\"action-start\"");
        var twice = desker.submit("/desk/" + desk + "/tickets/" + first + "/start");
        assertThat(twice.statusCode()).isEqualTo(200);
        assertThat(twice.body())
                .contains("El turno A-001 está en atención (IN_SERVICE): no se puede iniciar la atención.");
        assertThat(desker.submit("/desk/" + desk + "/tickets/" + first + "/complete")
                        .body())
                .contains("Turno A-001 finalizado.", "Sin turno");
        assertThat(desker.submit("/desk/" + desk + "/tickets/" + first + "/no-show")
                        .body())
                .contains("Ese turno ya no está en esta ventanilla.");

        desker.submit("/desk/" + desk + "/call-next");
        String second = openAtDesk();
        var transferred =
                desker.submit("/desk/" + desk + "/tickets/" + second + "/transfer", "target", "queue:" + otherQueue);
        assertThat(transferred.body()).contains("Turno A-002 transferido", "Sin turno");
        assertThat(owner.sql("SELECT queue_id FROM queueing_tickets WHERE id = :id")
                        .param("id", UUID.fromString(second))
                        .query(UUID.class)
                        .single())
                .isEqualTo(otherQueue);
        assertThat(desker.submit("/desk/" + desk + "/tickets/" + second + "/transfer", "target", "nowhere")
                        .body())
                .contains("Elige la cola o la ventanilla de destino.");
        assertThat(desker.get("/desk/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void theBoardPageShowsWhoIsServedAndStreamsChangesOnThePageSession() throws Exception {
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        issueAnonymously(reception);
        issueAnonymously(reception);
        reception.post("/desk/" + desk + "/call-next");

        var viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        var board = viewer.get("/board/" + branch.branch);
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(find(board.body(), "(<li class=\"serving-item latest\".*?</li>)"))
                .contains("A-001", "Ventanilla 1");
        assertThat(board.body())
                .contains("1 en espera", "<li>A-002</li>", "data-stream=\"/board/" + branch.branch + "/stream\"");
        assertThat(viewer.get("/board").body()).contains("href=\"/board/" + branch.branch + "\"");
        assertThat(stream(viewer, "/board/" + UUID.randomUUID() + "/stream").statusCode())
                .isEqualTo(404);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        var stream = HttpClient.newHttpClient()
                .sendAsync(
                        viewer.request("/board/" + branch.branch + "/stream")
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> events.add(line.substring(5))));
        JsonNode now = json(events.poll(10, TimeUnit.SECONDS));
        assertThat(now.get("now_serving").get(0).get("number").asString()).isEqualTo("A-001");
        assertThat(stream.get(5, TimeUnit.SECONDS).headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

        reception.post("/desk/" + desk + "/tickets/" + openAtDesk() + "/complete");
        JsonNode update = json(events.poll(5, TimeUnit.SECONDS));
        assertThat(update.get("now_serving").get(0).has("number")).isFalse();
        stream.cancel(true);
    }

    /** A stream's refusal (a granted stream would never end). */
    private HttpResponse<String> stream(PageSession session, String path) {
        return http.send(
                session.request(path).header("Accept", "text/event-stream").GET());
    }

    private void issueAnonymously(PageSession session) {
        // Followed like a browser does: the ticket step shows (and uses up) what the post left for it.
        var ticket = session.submit(
                "/kiosk/" + branch.branch + "/tickets",
                "serviceId",
                service.toString(),
                "documentType",
                "CC",
                "documentNumber",
                "",
                "fullName",
                "");
        assertThat(ticket.body()).contains("id=\"ticket-number\"");
    }

    /** Issues a ticket for a newly registered person at the kiosk and answers its status page token. */
    private String issueAsKiosk(PageSession session, String fullName) {
        String document = String.valueOf(10_000_000L + (long) (Math.random() * 80_000_000L));
        var ticket = session.submit(
                "/kiosk/" + branch.branch + "/tickets",
                "serviceId",
                service.toString(),
                "documentType",
                "CC",
                "documentNumber",
                document,
                "fullName",
                fullName);
        var token = TOKEN.matcher(ticket.body());
        assertThat(token.find()).as(ticket.body()).isTrue();
        return token.group(1);
    }

    private String openAtDesk() {
        return owner.sql("SELECT id FROM queueing_tickets WHERE desk_id = :d AND status IN ('CALLED', 'IN_SERVICE')")
                .param("d", desk)
                .query(UUID.class)
                .single()
                .toString();
    }

    private int waiting() {
        return owner.sql("SELECT count(*) FROM queueing_tickets WHERE branch_id = :b")
                .param("b", branch.branch)
                .query(Integer.class)
                .single();
    }

    /** The dark modules the page's QR path draws, as "x,y" without the quiet zone. */
    private static Set<String> qrModules(String page) {
        String path = find(page, "<svg[^>]*class=\"qr\".*?<path d=\"([^\"]+)\"");
        Set<String> modules = new HashSet<>();
        var move = Pattern.compile("M(\\d+),(\\d+)").matcher(path);
        while (move.find()) {
            modules.add((Integer.parseInt(move.group(1)) - 4) + "," + (Integer.parseInt(move.group(2)) - 4));
        }
        return modules;
    }

    private static Set<String> modulesOf(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        Set<String> modules = new HashSet<>();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    modules.add(x + "," + y);
                }
            }
        }
        return modules;
    }
}
