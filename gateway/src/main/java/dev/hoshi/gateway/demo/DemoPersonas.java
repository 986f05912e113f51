package dev.hoshi.gateway.demo;

import dev.hoshi.gateway.security.Caller;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.PartnerClientId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The configured demo personas, in configuration order, checked so that a mistake stops start-up with its reason. */
public final class DemoPersonas {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Map<String, DemoPersona> byName;

    private DemoPersonas(Map<String, DemoPersona> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * @throws IllegalStateException naming the persona and what is wrong with it, or saying that there are none
     */
    static DemoPersonas from(DemoProperties properties) {
        if (properties.personas().isEmpty()) {
            throw new IllegalStateException("Demo mode is on but no personas are configured under"
                    + " hoshi.gateway.demo.personas: start with the 'demo' profile (application-demo.yml),"
                    + " which defines them");
        }
        Map<String, DemoPersona> byName = new LinkedHashMap<>();
        Set<String> subjects = new HashSet<>();
        properties.personas().forEach((name, persona) -> {
            DemoPersona checked = check(name, persona);
            if (!subjects.add(checked.subject())) {
                throw invalid(name, "its subject " + checked.subject() + " is already another persona's");
            }
            byName.put(name, checked);
        });
        return new DemoPersonas(byName);
    }

    private static DemoPersona check(String name, DemoProperties.Persona persona) {
        if (!NAME.matcher(name).matches()) {
            throw invalid(name, "a persona name is 1-64 lower-case letters, digits, '_' or '-'");
        }
        if (persona == null || persona.subject() == null || persona.subject().isBlank()) {
            throw invalid(name, "it needs a subject");
        }
        String subject = persona.subject().trim();
        Actor actor;
        try {
            actor = subject.startsWith(Caller.PARTNER_PREFIX)
                    ? Actor.partnerClient(PartnerClientId.of(subject.substring(Caller.PARTNER_PREFIX.length()))
                            .value())
                    : Actor.user(subject);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
        if (persona.displayName() == null || !persona.displayName().complete()) {
            throw invalid(name, "it needs display-name.ja and display-name.en");
        }
        if (persona.description() == null || !persona.description().complete()) {
            throw invalid(name, "it needs description.ja and description.en");
        }
        List<String> roles = new ArrayList<>();
        if (persona.roles() != null) {
            persona.roles().stream().map(String::trim).filter(r -> !r.isEmpty()).forEach(roles::add);
        }
        Optional<DemoPersona.Organization> organization = Optional.empty();
        if (persona.organization() != null) {
            DemoProperties.Organization org = persona.organization();
            if (org.name() == null || !org.name().complete()) {
                throw invalid(name, "its organization needs name.ja and name.en");
            }
            Optional<String> id =
                    Optional.ofNullable(org.id()).map(String::trim).filter(s -> !s.isEmpty());
            organization = Optional.of(new DemoPersona.Organization(id, org.name()));
        }
        return new DemoPersona(
                name, subject, actor, persona.displayName(), persona.description(), List.copyOf(roles), organization);
    }

    private static IllegalStateException invalid(String name, String problem) {
        return new IllegalStateException(
                "Demo persona '" + name + "' (hoshi.gateway.demo.personas." + name + ") is not valid: " + problem);
    }

    public List<DemoPersona> all() {
        return List.copyOf(byName.values());
    }

    public Optional<DemoPersona> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
