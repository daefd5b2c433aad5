package io.turno.notifications.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** EMAIL over SMTP ({@code spring.mail.*}): HTML and plain text, with the notification's own Message-ID. */
@Component
class EmailSender {

    static final String PROVIDER = "smtp";

    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationsProperties properties;

    EmailSender(ObjectProvider<JavaMailSender> mail, NotificationsProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    /** Throws when the SMTP server did not accept the message. */
    void send(String messageId, String toName, String toAddress, String subject, String text) throws Exception {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("No SMTP server configured (spring.mail.host)");
        }
        var session = sender instanceof JavaMailSenderImpl impl ? impl.getSession()
                : sender.createMimeMessage().getSession();
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Every attempt of one notification carries the same Message-ID: a receiver can drop a repeat.
                setHeader("Message-ID", messageId);
            }
        };
        var helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(new jakarta.mail.internet.InternetAddress(toAddress, toName, "UTF-8"));
        helper.setSubject(subject == null ? "" : subject);
        helper.setText(text, html(text));
        sender.send(message);
    }

    static String html(String text) {
        return "<!DOCTYPE html><html><body><p>" + HtmlUtils.htmlEscape(text).replace("\n", "<br>")
                + "</p></body></html>";
    }
}
