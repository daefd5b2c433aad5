package io.turno.queueing.web;

import io.turno.queueing.internal.QueueingPermissions;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configuration pages in the menu, each for those who may read what it lists. */
@Configuration(proxyBeanMethods = false)
class QueueingNavigation {

    @Bean
    static NavigationEntry branchesNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE,
                "nav.menu.branches",
                BranchPages.PATH,
                QueueingPermissions.BRANCHES_READ,
                50);
    }

    @Bean
    static NavigationEntry queuesNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE, "nav.menu.queues", QueuePages.PATH, QueueingPermissions.QUEUES_READ, 51);
    }

    @Bean
    static NavigationEntry desksNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE, "nav.menu.desks", DeskPages.PATH, QueueingPermissions.DESKS_READ, 52);
    }

    @Bean
    static NavigationEntry prioritiesNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE,
                "nav.menu.priorities",
                PriorityPages.PATH,
                QueueingPermissions.PRIORITIES_READ,
                53);
    }
}
