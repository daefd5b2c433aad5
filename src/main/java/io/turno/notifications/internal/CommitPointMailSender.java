package io.turno.notifications.internal;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An SMTP sender that tells, just before it happens, that a message is about to be committed. An SMTP
 * server takes a message when it reads the {@code "."} that ends DATA and discards one whose
 * connection drops before it (RFC 5321 §4.1.1.4). Running {@link #BEFORE_COMMIT} right before that
 * dot splits an interrupted attempt into two knowable cases: no mark, the server cannot have the
 * message (resending is safe); a mark, it has it unless it refused it at the very end (taken as sent).
 */
class CommitPointMailSender extends JavaMailSenderImpl {

    /** What to do (record the mark) right before the final dot; throwing aborts the message. */
    static final ScopedValue<Runnable> BEFORE_COMMIT = ScopedValue.newInstance();

    /** A copy of {@code source}'s server, account and properties whose transport marks the commit point. */
    static CommitPointMailSender of(JavaMailSenderImpl source) {
        var sender = new CommitPointMailSender();
        sender.setHost(source.getHost());
        sender.setPort(source.getPort());
        sender.setUsername(source.getUsername());
        sender.setPassword(source.getPassword());
        sender.setProtocol(source.getProtocol());
        sender.setDefaultEncoding(source.getDefaultEncoding());
        var properties = new java.util.Properties();
        properties.putAll(source.getJavaMailProperties());
        properties.putAll(noQuitWait(source.getJavaMailProperties()));
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /**
     * Close without waiting for the answer to QUIT: every message was taken at its dot, and a server slow
     * to say goodbye (up to {@code mail.smtp.timeout}) would hold back the recording of a whole batch.
     */
    static java.util.Properties noQuitWait(java.util.Properties configured) {
        var properties = new java.util.Properties();
        for (String protocol : new String[] {"smtp", "smtps"}) {
            if (!configured.containsKey("mail." + protocol + ".quitwait")) {
                properties.put("mail." + protocol + ".quitwait", "false");
            }
        }
        return properties;
    }

    /** A connected transport, for sending several messages over one connection. */
    Transport connect() throws MessagingException {
        return connectTransport();
    }

    @Override
    protected Transport getTransport(Session session) throws NoSuchProviderException {
        String protocol = getProtocol() == null ? "smtp" : getProtocol();
        var url = new URLName(protocol, getHost(), getPort(), null, getUsername(), null);
        return switch (protocol) {
            case "smtp" -> new Marked(session, url);
            case "smtps" -> new MarkedSsl(session, url);
            default -> super.getTransport(session);
        };
    }

    static boolean marks(String protocol) {
        return protocol == null || "smtp".equals(protocol) || "smtps".equals(protocol);
    }

    private static void beforeCommit() {
        if (BEFORE_COMMIT.isBound()) {
            BEFORE_COMMIT.get().run();
        }
    }

    private static final class Marked extends SMTPTransport {
        Marked(Session session, URLName url) {
            super(session, url);
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            beforeCommit();
            super.finishData();
        }
    }

    private static final class MarkedSsl extends SMTPSSLTransport {
        MarkedSsl(Session session, URLName url) {
            super(session, url);
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            beforeCommit();
            super.finishData();
        }
    }
}
