package io.turno.queueing.web;

/** Bean Validation reads a message as a template: braces and dollar signs from input must stay text. */
final class Templates {

    private Templates() {}

    static String literal(String message) {
        return message.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}
