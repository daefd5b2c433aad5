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
        sender.setJavaMailProperties(source.getJavaMailProperties());
        return sender;
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
