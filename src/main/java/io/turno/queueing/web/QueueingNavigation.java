package io.turno.queueing.web;

import io.turno.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configuration pages in the menu, each for those who may read what it lists. */
@Configuration(proxyBeanMethods = false)
class QueueingNavigation {

    @Bean
    static NavigationEntry branchesNavigation() {
        return new NavigationEntry("nav.branches", BranchPages.PATH, "branches:read", 50);
    }

    @Bean
    static NavigationEntry queuesNavigation() {
        return new NavigationEntry("nav.queues", QueuePages.PATH, "queues:read", 51);
    }

    @Bean
    static NavigationEntry desksNavigation() {
        return new NavigationEntry("nav.desks", DeskPages.PATH, "desks:read", 52);
    }

    @Bean
    static NavigationEntry prioritiesNavigation() {
        return new NavigationEntry("nav.priorities", PriorityPages.PATH, "priorities:read", 53);
    }
}
