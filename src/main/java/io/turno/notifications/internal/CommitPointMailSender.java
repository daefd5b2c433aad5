package io.turno.notifications.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An SMTP sender that tells, just before it happens, that a message is about to be committed. An SMTP
 * server takes a message when it reads the {@code "."} that ends DATA and discards one whose
 * connection drops before it (RFC 5321 §4.1.1.4). The whole message is flushed to the server, then
 * {@link #BEFORE_COMMIT} runs (the caller commits its mark), and only then the dot is written. That
 * splits an interrupted attempt into two knowable cases: no mark, the server cannot have the message
 * (resending is safe); a mark, the server has all of it and at most the dot was still to be written
 * (assumed delivered, never resent).
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

    /**
     * Angus Mail writes DATA into a buffered stream that reaches the socket only with the final dot; flushed
     * here, the whole message is with the server before the mark is written, and only the dot after it.
     */
    private static void flushThenMark(SMTPTransport transport, SMTPOutputStream data) throws IOException {
        if (data != null) {
            data.ensureAtBOL(); // what finishData does first; the dot then follows a complete line
            // Without it Nagle's algorithm holds the dot back until the server acknowledges the body, which a
            // server delays (40 ms on Linux) while it waits for the rest: 50 ms per message instead of 4.
            ((Socket) SERVER_SOCKET.get(transport)).setTcpNoDelay(true);
            ((OutputStream) SERVER_OUTPUT.get(transport)).flush();
        }
        if (BEFORE_COMMIT.isBound()) {
            BEFORE_COMMIT.get().run();
        }
    }

    /** SMTPTransport's buffered stream to the server and its socket: private, and no accessor flushes without writing. */
    private static final VarHandle SERVER_OUTPUT;

    private static final VarHandle SERVER_SOCKET;

    static {
        try {
            var smtp = MethodHandles.privateLookupIn(SMTPTransport.class, MethodHandles.lookup());
            SERVER_OUTPUT = smtp.findVarHandle(SMTPTransport.class, "serverOutput", OutputStream.class);
            SERVER_SOCKET = smtp.findVarHandle(SMTPTransport.class, "serverSocket", Socket.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Marked extends SMTPTransport {
        private SMTPOutputStream data;

        Marked(Session session, URLName url) {
            super(session, url);
        }

        @Override
        protected OutputStream data() throws MessagingException {
            OutputStream stream = super.data();
            data = stream instanceof SMTPOutputStream smtp ? smtp : null;
            return stream;
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            flushThenMark(this, data);
            super.finishData();
        }
    }

    private static final class MarkedSsl extends SMTPSSLTransport {
        private SMTPOutputStream data;

        MarkedSsl(Session session, URLName url) {
            super(session, url);
        }

        @Override
        protected OutputStream data() throws MessagingException {
            OutputStream stream = super.data();
            data = stream instanceof SMTPOutputStream smtp ? smtp : null;
            return stream;
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            flushThenMark(this, data);
            super.finishData();
        }
    }
}
