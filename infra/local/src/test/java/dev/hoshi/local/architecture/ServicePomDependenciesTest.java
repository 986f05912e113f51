package dev.hoshi.local.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.local.architecture.ServiceModules.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The services' boundaries as the POMs draw them (ARCHITECTURE.md: services integrate only through events, read
 * through the owner's {@code -api}; dependencies run one way). Reads every module's POM, test scope included.
 */
class ServicePomDependenciesTest {

    private final ServiceModules build = ServiceModules.read();

    @Test
    void theBuildHasTheServicesAndEachHasAnApiAndAService() {
        Map<String, List<Module>> services = build.services();

        assertThat(services).as("services under services/").containsKeys("directory", "compliance", "insights");
        services.forEach((service, modules) -> {
            assertThat(modules.stream().filter(m -> m.hasCode() && m.isApi()))
                    .as(service + "'s -api module")
                    .isNotEmpty();
            assertThat(modules.stream().filter(m -> m.hasCode() && !m.isApi()))
                    .as(service + "'s other modules")
                    .isNotEmpty();
        });
        for (ServiceModules.Published published : ServiceModules.PUBLISHED) {
            assertThat(build.module(published.artifactId()))
                    .as("published module " + published.artifactId())
                    .isPresent();
            assertThat(published.users()).as("its users").isSubsetOf(services.keySet());
        }
    }

    @Test
    void aServiceUsesAnotherServiceOnlyThroughItsApi() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Module module : build.modules()) {
            if (module.service().isEmpty()) {
                continue;
            }
            String service = module.service().get();
            for (ServiceModules.Reach reach : build.otherServicesReachedFrom(module)) {
                checked++;
                Module to = reach.to();
                if (!to.isApi() && ServiceModules.publishedTo(to, service).isEmpty()) {
                    violations.add(reach + " (" + service + " uses "
                            + to.service().orElseThrow() + "'s internals; depend on its -api module)");
                }
            }
        }

        assertThat(checked).as("dependencies between services found at all").isPositive();
        assertThat(violations)
                .as("dependencies on another service's non-api modules")
                .isEmpty();
    }

    @Test
    void noTwoServicesDependOnEachOther() {
        Map<String, Set<String>> graph = build.serviceGraph();

        assertThat(graph.values().stream().mapToInt(Set::size).sum())
                .as("dependencies between services found at all")
                .isPositive();
        assertThat(Cycles.in(graph))
                .as("cycles between services (an -api counts as its service)")
                .isEmpty();
    }
}
