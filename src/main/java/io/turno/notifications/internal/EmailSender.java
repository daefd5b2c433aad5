package io.turno.notifications.internal;

import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.annotation.PreDestroy;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * EMAIL over SMTP: the tenant's own server when it configured one, else {@code spring.mail.*}. HTML
 * and plain text, with the notification's own Message-ID on every attempt.
 */
@Component
class EmailSender {

    static final String PROVIDER = "smtp";

    static {
        // Jakarta Mail looks its stream provider up with a ServiceLoader (a scan of the class path) for every MIME
        // part it creates; named here, it is one class lookup. Angus Mail is the implementation on the class path.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationsProperties properties;
    private final Map<String, JavaMailSender> tenantServers = new ConcurrentHashMap<>();

    /** How long a connection may sit unused and still be taken again; servers wait minutes before dropping one. */
    static final Duration IDLE = Duration.ofSeconds(10);

    private static final int MAX_IDLE = 32;

    private final Map<JavaMailSender, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closing;

    @PreDestroy
    void closeIdle() {
        closing = true;
        idle.values().forEach(pool -> {
            for (Connection connection; (connection = pool.poll()) != null; ) {
                connection.disconnect();
            }
        });
    }

    EmailSender(ObjectProvider<JavaMailSender> mail, NotificationsProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    /**
     * Messages sent one after another over one SMTP connection, opened on the first and opened again
     * after a failure. Closing gives a healthy connection back to its server's idle pool, where the next
     * batch takes it if it is used again within {@link #IDLE}: bursts of batches pay the connection's
     * set-up (TCP, greeting, EHLO, STARTTLS, AUTH) once, and do not flood the server with new connections.
     */
    final class Connection implements AutoCloseable {

        private Provider provider;
        private final JavaMailSender sender;
        private Transport transport;
        private long idleSince;

        private Connection(Provider provider, JavaMailSender sender) {
            this.provider = provider;
            this.sender = sender;
        }

        void send(Outgoing outgoing) throws SendFailure {
            try {
                MimeMessage message = message(sender, provider.setting("from", properties.from()), outgoing);
                if (sender instanceof CommitPointMailSender reusable) {
                    // Not transport.isConnected(): it costs a NOOP round trip per message. A failed send closes it.
                    if (transport == null) {
                        transport = reusable.connect();
                    }
                    message.setSentDate(new java.util.Date());
                    message.saveChanges();
                    transport.sendMessage(message, message.getAllRecipients());
                } else {
                    sender.send(message);
                }
            } catch (AddressException | MailParseException | MailPreparationException e) {
                throw new SendFailure(true, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            } catch (SendFailedException e) {
                // The server refused the only recipient (no such mailbox): no retry will change that.
                boolean refused = e.getInvalidAddresses() != null
                        && e.getInvalidAddresses().length > 0
                        && (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0);
                disconnect(); // the next message starts on a fresh session rather than one left mid-transaction
                throw new SendFailure(refused, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            } catch (Exception e) {
                disconnect();
                throw new SendFailure(false, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (transport != null && !closing) {
                var pool = idle.computeIfAbsent(sender, key -> new ConcurrentLinkedDeque<>());
                if (pool.size() < MAX_IDLE) {
                    idleSince = System.nanoTime();
                    pool.push(this);
                    return;
                }
            }
            disconnect();
        }

        private void disconnect() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException | RuntimeException ignored) {
                    // the connection is gone either way
                }
                transport = null;
            }
        }
    }

    Connection open(Provider provider) throws SendFailure {
        try {
            JavaMailSender sender = sender(provider);
            var pool = idle.get(sender);
            for (Connection pooled; pool != null && (pooled = pool.poll()) != null; ) {
                // One NOOP per batch, not per message: a connection the server dropped is not handed out.
                if (System.nanoTime() - pooled.idleSince < IDLE.toNanos() && pooled.transport.isConnected()) {
                    pooled.provider = provider;
                    return pooled;
                }
                pooled.disconnect();
            }
            return new Connection(provider, sender);
        } catch (RuntimeException e) {
            throw new SendFailure(false, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Whether sending through this provider marks the SMTP commit point (see {@link CommitPointMailSender}). */
    boolean marksCommit(Provider provider) {
        return provider.id() != null
                || mail.getIfAvailable() instanceof JavaMailSenderImpl impl
                        && CommitPointMailSender.marks(impl.getProtocol());
    }

    private JavaMailSender sender(Provider provider) {
        if (provider.id() == null) {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("No SMTP server configured (spring.mail.host)");
            }
            if (sender instanceof JavaMailSenderImpl impl && CommitPointMailSender.marks(impl.getProtocol())) {
                return tenantServers.computeIfAbsent(Provider.DEFAULT_SMTP, key -> CommitPointMailSender.of(impl));
            }
            return sender;
        }
        return tenantServers.computeIfAbsent(provider.key() + "@" + provider.updatedAt(), key -> {
            var server = new CommitPointMailSender();
            server.setHost(provider.setting("host", "localhost"));
            server.setPort(Integer.parseInt(provider.setting("port", "25")));
            server.setUsername(provider.setting("username", null));
            server.setPassword(provider.secret("password"));
            var props = new Properties();
            props.put(
                    "mail.smtp.connectiontimeout",
                    String.valueOf(properties.httpTimeout().toMillis()));
            props.put("mail.smtp.timeout", "30000");
            props.put("mail.smtp.writetimeout", "30000");
            props.put("mail.smtp.auth", String.valueOf(provider.setting("username", null) != null));
            props.put("mail.smtp.starttls.enable", provider.setting("starttls", "false"));
            props.putAll(CommitPointMailSender.noQuitWait(props));
            server.setJavaMailProperties(props);
            return server;
        });
    }

    private static MimeMessage message(JavaMailSender sender, String from, Outgoing outgoing) throws Exception {
        var session = sender instanceof JavaMailSenderImpl impl
                ? impl.getSession()
                : sender.createMimeMessage().getSession();
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Every attempt of one notification carries the same Message-ID: a receiver can drop a repeat.
                setHeader("Message-ID", outgoing.messageId());
            }
        };
        // Plain text and HTML as one multipart/alternative: the fewest MIME parts to build, send and parse.
        var plain = new MimeBodyPart();
        plain.setText(outgoing.body(), "UTF-8");
        var rich = new MimeBodyPart();
        rich.setContent(html(outgoing.body()), "text/html;charset=UTF-8");
        var alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        InternetAddress fromAddress = new InternetAddress(from);
        message.setFrom(new InternetAddress(fromAddress.getAddress(), fromAddress.getPersonal(), "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(outgoing.email(), outgoing.name(), "UTF-8"));
        message.setSubject(outgoing.subject() == null ? "" : outgoing.subject(), "UTF-8");
        message.setContent(alternative);
        return message;
    }

    static String html(String text) {
        return "<!DOCTYPE html><html><body><p>" + HtmlUtils.htmlEscape(text).replace("\n", "<br>")
                + "</p></body></html>";
    }
}
