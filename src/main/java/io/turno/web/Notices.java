package io.turno.web;

import io.turno.shared.BusinessException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the next page says after a redirect, resolved now in the reader's language: a {@code notice} when
 * something was done, a {@code failure} when it was refused. The layout's {@code notices} fragment shows it.
 */
@Component
public class Notices {

    private final MessageSource messages;

    Notices(MessageSource messages) {
        this.messages = messages;
    }

    public void success(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute("notice", message(key, args));
    }

    /** A refusal in the service's own words (they name the record and its state). */
    public void failure(RedirectAttributes redirect, String text) {
        redirect.addFlashAttribute("failure", text);
    }

    public void failure(RedirectAttributes redirect, BusinessException refusal) {
        failure(redirect, refusal.getMessage());
    }

    /** Our words for {@code key}, or the service's own when there is no message for it. */
    public void failure(RedirectAttributes redirect, String key, BusinessException refusal) {
        redirect.addFlashAttribute(
                "failure", messages.getMessage(key, null, refusal.getMessage(), LocaleContextHolder.getLocale()));
    }

    public void failureKey(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute("failure", message(key, args));
    }

    public String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
