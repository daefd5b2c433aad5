package io.turno;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import io.turno.notifications.internal.Dispatcher;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a test's GreenMail received, read the way the notification tests read it: the messages to
 * one address (with a subject), and the email of the notification a listener created, dispatched by
 * the test ({@link Dispatcher#runOnce}, the worker being off in tests) and found by its Message-ID.
 */
public final class Inbox {

    private final GreenMail smtp;
    private final Dispatcher dispatcher;
    private final JdbcClient owner;

    /** {@code owner}: a connection that sees every organization's notifications ({@link TestDatabase#owner}). */
    public Inbox(GreenMail smtp, Dispatcher dispatcher, JdbcClient owner) {
        this.smtp = smtp;
        this.dispatcher = dispatcher;
        this.owner = owner;
    }

    /** The messages received so far addressed to {@code email}. */
    public List<MimeMessage> to(String email) {
        return to(email, null);
    }

    /** The messages received so far addressed to {@code email} with exactly {@code subject} (null: any). */
    public List<MimeMessage> to(String email, String subject) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> addressedTo(message, email) && (subject == null || subject.equals(subject(message))))
                .toList();
    }

    /**
     * Waits for the notification of {@code template} to {@code email} (created by a listener), dispatches
     * it and answers the email GreenMail got for it.
     */
    public MimeMessage receive(String email, String template) {
        String id = await("the " + template + " notification to " + email)
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> owner.sql("""
                                        SELECT id::text FROM notifications
                                        WHERE lower(recipient_email) = lower(:e) AND template_code = :t
                                        ORDER BY created_at DESC LIMIT 1""")
                                .param("e", email)
                                .param("t", template)
                                .query(String.class)
                                .optional(),
                        Optional::isPresent)
                .orElseThrow();
        return await("the email of notification " + id)
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            dispatcher.runOnce();
                            for (MimeMessage message : smtp.getReceivedMessages()) {
                                if (("<" + id + "@turno>").equals(message.getMessageID())) {
                                    return message;
                                }
                            }
                            return null;
                        },
                        Objects::nonNull);
    }

    /** Dispatches until nothing is due, so a count of messages received is final. */
    public void dispatchAll() {
        await("every due notification dispatched")
                .atMost(Duration.ofSeconds(10))
                .until(() -> dispatcher.runOnce() == 0);
    }

    /** The plain-text part, decoded. */
    public static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof Multipart multipart
                    ? String.valueOf(multipart.getBodyPart(0).getContent())
                    : String.valueOf(content);
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean addressedTo(MimeMessage message, String email) {
        try {
            var recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
