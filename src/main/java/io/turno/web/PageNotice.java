package io.turno.web;

import java.util.Optional;

import io.turno.shared.Actor;

/**
 * Something a signed-in person should know whatever page they are on — a report of theirs finished in
 * the background — shown by the page shell under its bar, as a link to where they act on it. Modules
 * declare beans; each is asked on every rendered page, so it answers with one cheap query. The shell
 * leaves a notice out on the page it links to, which shows the matter itself.
 */
public interface PageNotice {

    Optional<Notice> noticeFor(Actor person);

    /**
     * @param messageKey its text, with {@code {0}} for {@code count}
     * @param count      how many things it is about
     * @param path       the page that acts on it, e.g. {@code /reports#jobs}
     */
    record Notice(String messageKey, long count, String path) {

        /** The page, without its fragment. */
        public String page() {
            int hash = path.indexOf('#');
            return hash < 0 ? path : path.substring(0, hash);
        }
    }
}
