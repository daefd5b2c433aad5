package io.turno.web;

/**
 * The groups of the menu, named by what people do there; the bar shows them in this order. A user
 * sees a section only when it holds an entry they may open.
 */
public enum NavigationSection {
    /** Links shown on their own, before the sections: the home page. */
    HOME("nav.home"),
    /** Turns: the kiosk, serving at a desk, the display and setting queues up. */
    SERVICE("nav.section.service"),
    /** The agenda and the patients' records. */
    CLINIC("nav.section.clinic"),
    /** Payments, tills and their reports. */
    CASH("nav.section.cash"),
    /** The production plant. */
    PLANT("nav.section.plant"),
    /** Legal cases and the notifications sent for them. */
    COMMUNICATIONS("nav.section.communications"),
    /** Users, roles and the audit trail. */
    ADMINISTRATION("nav.section.administration"),
    /** The signed-in person's own pages, under their name. */
    ACCOUNT("nav.section.account");

    private final String labelKey;

    NavigationSection(String labelKey) {
        this.labelKey = labelKey;
    }

    /** Message key of the section's name. */
    public String labelKey() {
        return labelKey;
    }
}
