package io.turno;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Every API exchange a test makes through {@link TestHttp} is checked against the OpenAPI document
 * ({@code /v3/api-docs}), fetched once per test JVM from the first instance that publishes it: every
 * instance runs the same build, and generating and parsing the document took about a fifth of the
 * suite's CPU when each instance was asked for its own. The response
 * always, the request too when the API accepted it (a request a test sends to be refused need not
 * fit the document). A mismatch fails the test that made the exchange, naming the operation, the
 * status and what the validator found, so the document and the wire cannot drift apart.
 */
final class ApiContract {

    /**
     * Where the document describes the API; pages, assets and the actuator are not in it, nor the test probe
     * ({@code io.turno.web.HttpProbe}), which only the contexts that import it serve, while the document is the one
     * of whichever instance published it first (the packaged jar's, when PackagedJarIT calls first).
     */
    private static boolean described(String path) {
        return (path.startsWith("/api/v1/") && !path.startsWith("/api/v1/probe")) || path.equals("/health");
    }

    /** A path or method the API does not serve has no operation to check a refusal against. */
    private static final Set<String> NO_OPERATION =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    /**
     * What the validator reports though the document does not claim it. It checks an email format against
     * its list of top-level domains, so the reserved {@code .example} of the tests' addresses fails,
     * while the API (Bean Validation's @Email) takes any domain.
     */
    private static final LevelResolver NOT_CLAIMED = LevelResolver.create()
            .withLevel("validation.request.body.schema.format.email", ValidationReport.Level.IGNORE)
            .withLevel("validation.response.body.schema.format.email", ValidationReport.Level.IGNORE)
            // In an OpenAPI 3.1 document the validator parses each item of an array query parameter
            // as JSON, not as the string its schema names, so a list of ids (line_ids=a,b) cannot
            // pass; the API parses them itself and refuses a bad one with a 400 problem.
            .withLevel("validation.request.parameter.schema.invalidJson", ValidationReport.Level.IGNORE)
            .build();

    /** The benchmarks (-Pbench) time requests, which checking would slow down. */
    private static final boolean OFF = "off".equals(System.getProperty("turno.api-contract"));

    private static volatile OpenApiInteractionValidator validator;

    private ApiContract() {}

    static void check(HttpClient client, HttpRequest request, HttpResponse<String> response) {
        URI uri = request.uri();
        if (OFF || !described(uri.getRawPath()) || request.method().equals("OPTIONS")) {
            // A CORS preflight is answered by the filter chain for every path, not by an operation.
            return;
        }
        Optional<OpenApiInteractionValidator> validator =
                validatorOf(client, uri.getScheme() + "://" + uri.getRawAuthority());
        if (validator.isEmpty()) {
            return;
        }
        Request sent = request(request, uri);
        var answered = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach(answered::withHeader);
        boolean accepted = response.statusCode() < 400;
        ValidationReport report = validate(validator.get(), sent, answered.build(), accepted);
        if (!accepted && report.getMessages().stream().anyMatch(m -> NO_OPERATION.contains(m.getKey()))) {
            return;
        }
        if (report.hasErrors()) {
            throw new AssertionError(
                    "%s %s answered %d, which does not match /v3/api-docs:%n%s%nrequest body: %s%nresponse body: %s"
                            .formatted(
                                    request.method(),
                                    uri.getRawPath(),
                                    response.statusCode(),
                                    report.getMessages().stream()
                                            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                                            .map(m -> "  [" + m.getKey() + "] " + m.getMessage()
                                                    + m.getNestedMessages().stream()
                                                            .map(n -> "\n      " + n.getMessage())
                                                            .collect(Collectors.joining()))
                                            .collect(Collectors.joining("\n")),
                                    abbreviated(bodyOf(request)),
                                    abbreviated(response.body())));
        }
    }

    /** What the validator finds in one exchange; the request is checked only when {@code accepted}. */
    static ValidationReport validate(
            OpenApiInteractionValidator validator, Request request, Response response, boolean accepted) {
        ValidationReport report = accepted
                ? validator.validate(request, response)
                : validator.validateResponse(request.getPath(), request.getMethod(), response);
        if (request.getRequestBody().isEmpty()) {
            // An operation whose body is optional (a cancellation's reason) names its content type; a
            // request without a body has none to send, which the validator still asks for.
            return ValidationReport.from(report.getMessages().stream()
                    .filter(m -> !m.getKey().equals("validation.request.contentType.notAllowed"))
                    .toList());
        }
        return report;
    }

    /** The validator of the build's document, fetched from the instance at {@code base} if none was yet. */
    static OpenApiInteractionValidator validator(String base) {
        return validatorOf(HttpClient.newHttpClient(), base).orElseThrow();
    }

    /**
     * Empty while no instance has published the document and the one at {@code base} does not either
     * (production mode): there is nothing yet to check against.
     */
    private static Optional<OpenApiInteractionValidator> validatorOf(HttpClient client, String base) {
        OpenApiInteractionValidator known = validator;
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (ApiContract.class) {
            if (validator == null) {
                document(client, base).ifPresent(fetched -> validator = fetched);
            }
            return Optional.ofNullable(validator);
        }
    }

    private static Optional<OpenApiInteractionValidator> document(HttpClient client, String base) {
        try {
            HttpResponse<String> spec = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (spec.statusCode() == 404) {
                // An instance that does not publish its document (production mode) has nothing to check against.
                return Optional.empty();
            }
            if (spec.statusCode() != 200) {
                throw new AssertionError(base + "/v3/api-docs answered " + spec.statusCode() + ": " + spec.body());
            }
            return Optional.of(OpenApiInteractionValidator.createForInlineApiSpecification(spec.body())
                    .withLevelResolver(NOT_CLAIMED)
                    .build());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + base + "/v3/api-docs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Request request(HttpRequest request, URI uri) {
        var sent = new SimpleRequest.Builder(request.method(), uri.getRawPath());
        request.headers().map().forEach(sent::withHeader);
        String body = bodyOf(request);
        if (body != null) {
            sent.withBody(body);
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                sent.withQueryParam(
                        URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return sent.build();
    }

    /** What the request sent: its body publisher is read again, as the client itself would. */
    private static String bodyOf(HttpRequest request) {
        return request.bodyPublisher()
                .filter(publisher -> publisher.contentLength() != 0)
                .map(publisher -> {
                    var bytes = new ByteArrayOutputStream();
                    var done = new CompletableFuture<String>();
                    publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
                        @Override
                        public void onSubscribe(Flow.Subscription subscription) {
                            subscription.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(ByteBuffer item) {
                            byte[] chunk = new byte[item.remaining()];
                            item.get(chunk);
                            bytes.writeBytes(chunk);
                        }

                        @Override
                        public void onError(Throwable failure) {
                            done.completeExceptionally(failure);
                        }

                        @Override
                        public void onComplete() {
                            done.complete(bytes.toString(StandardCharsets.UTF_8));
                        }
                    });
                    try {
                        return done.get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("Could not read the request's body again", e);
                    }
                })
                .orElse(null);
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000) + " …";
    }
}
