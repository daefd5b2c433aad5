package io.turno.queueing.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the queueing pages say after a redirect, in the reader's language; the layout's
 * {@code notices} fragment shows {@code notice} and {@code failure}.
 */
@Component
class PageNotices {

    private final MessageSource messages;

    PageNotices(MessageSource messages) {
        this.messages = messages;
    }

    void success(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute("notice", message(key, args));
    }

    /** A refusal in the service's own words (they name the ticket and its state). */
    void failure(RedirectAttributes redirect, String text) {
        redirect.addFlashAttribute("failure", text);
    }

    void failureKey(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute("failure", message(key, args));
    }

    String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
