package io.turno.notifications.internal;

/**
 * A provider did not take the message. {@code permanent}: it never will (a 4xx such as an invalid
 * number), so the attempt is final; otherwise (5xx, 429, timeouts, refused connections) it is retried.
 */
class SendFailure extends Exception {

    final boolean permanent;

    SendFailure(boolean permanent, String message) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    SendFailure(boolean permanent, String message, Throwable cause) {
        super(message, cause, false, false);
        this.permanent = permanent;
    }

    /** 408, 425 and 429 ask to come back later; any other 4xx refuses this message for good. */
    static SendFailure ofStatus(int status, String body) {
        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
        String text = body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
        return new SendFailure(permanent, "HTTP " + status + ": " + text);
    }
}
