package io.turno;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The outside servers of the shared test context, one of each per test JVM: the SMTP port (a test
 * starts and stops its own GreenMail there, to see mail or an outage) and the card gateway's stub.
 */
public final class TestServers {

    private static final int SMTP_PORT = freePort();
    private static WireMockServer cardGateway;

    private TestServers() {}

    public static int smtpPort() {
        return SMTP_PORT;
    }

    /** A GreenMail started on {@link #smtpPort()}; its test stops it. */
    public static GreenMail startSmtp() {
        var mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    /** The card gateway's stub, running until the JVM ends; a test resets it before stubbing. */
    public static synchronized WireMockServer cardGateway() {
        if (cardGateway == null) {
            cardGateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            cardGateway.start();
        }
        return cardGateway;
    }

    /**
     * The gateway's two failures: {@code tok_declined} is declined (402), {@code tok_slow} is approved only
     * after 6 s, past the client's timeout, so Turno never learns whether it was charged.
     */
    public static void stubDeclinedAndUnansweredCards(WireMockServer gateway) {
        gateway.stubFor(
                post(urlEqualTo("/v1/charges"))
                        .withRequestBody(matchingJsonPath("$.card_token", equalTo("tok_declined")))
                        .willReturn(
                                aResponse()
                                        .withStatus(402)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"id\": \"ch_no\", \"status\": \"declined\", \"decline_reason\": \"insufficient_funds\"}")));
        gateway.stubFor(post(urlEqualTo("/v1/charges"))
                .withRequestBody(matchingJsonPath("$.card_token", equalTo("tok_slow")))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withFixedDelay(6000)
                        .withBody("{\"id\": \"ch_late\", \"status\": \"approved\"}")));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
