package io.turno.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/**
 * The commit point on the wire: when the mark runs, a real SMTP exchange over a socket has carried the
 * whole message to the server, but not the final dot. A tiny SMTP server records what it read, line by line.
 */
class CommitPointMailSenderTests {

    static final String BODY = "Every line of this message reaches the server before the mark.";

    @Test
    void theWholeMessageIsWithTheServerWhenTheMarkRunsAndTheDotComesAfterIt() throws Exception {
        try (var server = new RecordingSmtpServer()) {
            var sender = new CommitPointMailSender();
            sender.setHost("127.0.0.1");
            sender.setPort(server.port());
            sender.setJavaMailProperties(CommitPointMailSender.noQuitWait(new java.util.Properties()));
            var transport = sender.connect();
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(new InternetAddress("turno@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ana@example.com"));
            message.setSubject("Commit point");
            message.setText(BODY, "UTF-8");
            message.saveChanges();

            var atMark = new AtomicReference<String>();
            var dotBeforeMark = new AtomicBoolean(true);
            ScopedValue.where(CommitPointMailSender.BEFORE_COMMIT, () -> {
                        // The bytes travel over loopback to the server's thread: give it a moment to read them.
                        await().atMost(Duration.ofSeconds(2))
                                .until(() -> server.data().contains(BODY));
                        atMark.set(server.data());
                        dotBeforeMark.set(server.dotSeen());
                    })
                    .call(() -> {
                        transport.sendMessage(message, message.getAllRecipients());
                        return null;
                    });
            transport.close();

            assertThat(atMark.get())
                    .as("the message's body was with the server at the mark")
                    .contains(BODY);
            assertThat(atMark.get()).contains("Subject: Commit point");
            assertThat(dotBeforeMark).as("the dot comes only after the mark").isFalse();
            assertThat(server.dotSeen()).isTrue();
            assertThat(server.data())
                    .as("what the server took is what it had at the mark")
                    .isEqualTo(atMark.get());
        }
    }

    /**
     * The dot, written on its own after the flushed message, must not wait for the server to acknowledge the
     * message (Nagle's algorithm against the server's delayed ACK: 40 ms or more per message on Linux).
     */
    @Test
    void theDotDoesNotWaitForTheServerToAcknowledgeTheMessage() throws Exception {
        int port = io.turno.PackagedJar.freePort();
        var smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            var sender = new CommitPointMailSender();
            sender.setHost("127.0.0.1");
            sender.setPort(port);
            sender.setJavaMailProperties(CommitPointMailSender.noQuitWait(new java.util.Properties()));
            var transport = sender.connect();
            long measuredFrom = 0;
            for (int i = 0; i < 40; i++) {
                if (i == 10) {
                    measuredFrom = System.nanoTime(); // after a warm-up
                }
                MimeMessage message = sender.createMimeMessage();
                message.setFrom(new InternetAddress("turno@example.com"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("ana@example.com"));
                message.setSubject("Message " + i);
                message.setText(BODY, "UTF-8");
                message.saveChanges();
                ScopedValue.where(CommitPointMailSender.BEFORE_COMMIT, () -> {}).call(() -> {
                    transport.sendMessage(message, message.getAllRecipients());
                    return null;
                });
            }
            double perMessage = (System.nanoTime() - measuredFrom) / 1e6 / 30;
            transport.close();
            System.out.printf("SMTP over one connection: %.1f ms per message%n", perMessage);
            assertThat(perMessage).as("ms per message").isLessThan(25);
            assertThat(smtp.getReceivedMessages()).hasSize(40);
        } finally {
            smtp.stop();
        }
    }

    /** One connection's worth of SMTP: answers every command, records DATA's lines until the dot. */
    static final class RecordingSmtpServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final StringBuffer data = new StringBuffer();
        private volatile boolean dotSeen;
        private final Thread thread = Thread.ofPlatform().daemon().start(this::serve);

        RecordingSmtpServer() throws java.io.IOException {}

        int port() {
            return socket.getLocalPort();
        }

        String data() {
            return data.toString();
        }

        boolean dotSeen() {
            return dotSeen;
        }

        private void serve() {
            try (Socket client = socket.accept()) {
                var in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = client.getOutputStream();
                reply(out, "220 recorder");
                boolean inData = false;
                for (String line; (line = in.readLine()) != null; ) {
                    if (inData) {
                        if (line.equals(".")) {
                            dotSeen = true;
                            inData = false;
                            reply(out, "250 queued");
                        } else {
                            data.append(line).append('\n');
                        }
                    } else if (line.startsWith("DATA")) {
                        inData = true;
                        reply(out, "354 go ahead");
                    } else if (line.startsWith("QUIT")) {
                        reply(out, "221 bye");
                        return;
                    } else {
                        reply(out, "250 ok");
                    }
                }
            } catch (java.io.IOException e) {
                // closed by the test
            }
        }

        private static void reply(OutputStream out, String line) throws java.io.IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2000);
        }
    }
}
