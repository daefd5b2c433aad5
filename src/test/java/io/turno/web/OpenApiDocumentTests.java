package io.turno.web;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v3/api-docs} names what the wire carries. Whether each exchange of the API tests fits it is
 * checked on every request they make ({@code ApiContract}); this checks the document as a whole.
 */
@TurnoTest
class OpenApiDocumentTests {

    /** Names the wire carries in camelCase, each with the reason; none today. */
    private static final Map<String, String> CAMEL_CASE_ON_THE_WIRE = Map.of();

    @LocalServerPort
    int port;

    JsonNode document;

    @BeforeEach
    void read() {
        var response = new TestHttp(port).get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        document = json(response);
    }

    @Test
    void noSchemaNamesAPropertyInCamelCase() {
        var camel = new TreeSet<String>();
        List<JsonNode> pending = new ArrayList<>(List.of(document));
        while (!pending.isEmpty()) {
            JsonNode node = pending.removeLast();
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                properties.propertyNames().stream()
                        .filter(name -> !name.equals(name.toLowerCase()))
                        .filter(name -> !CAMEL_CASE_ON_THE_WIRE.containsKey(name))
                        .forEach(camel::add);
            }
            node.values().forEach(pending::add);
        }
        assertThat(camel).as("properties in camelCase").isEmpty();
        assertThat(document.at("/components/schemas/BranchView/properties/opening_hours")
                        .isMissingNode())
                .isFalse();
    }

    @Test
    void creationsDocumentTheirCreatedStatus() {
        JsonNode issue = document.at("/paths/~1api~1v1~1tickets/post/responses");
        assertThat(issue.has("201")).as(issue.toString()).isTrue();
        assertThat(issue.has("200")).isFalse();
        assertThat(document.at("/paths/~1api~1v1~1payments/post/responses").has("201"))
                .isTrue();
        JsonNode callNext = document.at("/paths/~1api~1v1~1desks~1{id}~1call-next/post/responses");
        assertThat(callNext.has("200") && callNext.has("204"))
                .as(callNext.toString())
                .isTrue();
    }

    @Test
    void openingHoursAreIntervalsFromOpenToClose() {
        JsonNode items = document.at(
                "/components/schemas/BranchRequest/properties/opening_hours/additionalProperties/items/$ref");
        assertThat(items.asString()).isEqualTo("#/components/schemas/OpeningInterval");
        JsonNode interval = document.at("/components/schemas/OpeningInterval");
        assertThat(interval.get("properties").propertyNames()).containsExactlyInAnyOrder("open", "close");
        assertThat(interval.get("required").values().stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("open", "close");
    }

    /**
     * A response record's components are required unless marked {@code @Nullable} (docs/web.md): a ticket
     * always carries its number and status link, and a desk only once it is called.
     */
    @Test
    void aResponseRecordRequiresEveryComponentButTheNullableOnes() {
        JsonNode ticket = document.at("/components/schemas/TicketView");
        var required =
                ticket.get("required").values().stream().map(JsonNode::asString).toList();
        assertThat(required).contains("id", "number", "status", "weight", "status_url", "queue_name");
        assertThat(required).doesNotContain("desk_name", "called_at", "customer_id", "history");
        assertThat(ticket.at("/properties/desk_name/type").values().stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("string", "null");
        assertThat(ticket.at("/properties/number/type").asString()).isEqualTo("string");
    }

    @Test
    void everyOperationDocumentsItsFailuresAsProblems() {
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    for (String range : List.of("4XX", "5XX")) {
                        JsonNode failure = operation
                                .getValue()
                                .at("/responses/" + range + "/content/application~1problem+json/schema/$ref");
                        assertThat(failure.asString())
                                .as(operation.getKey() + " " + path.getKey() + " " + range)
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }));
    }
}
