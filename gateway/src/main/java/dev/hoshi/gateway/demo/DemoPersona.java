package dev.hoshi.gateway.demo;

import dev.hoshi.kernel.context.Actor;
import java.util.List;
import java.util.Optional;

/**
 * One demo persona, checked at start-up.
 *
 * @param name what {@code POST /demo/token} takes, such as {@code sato}
 * @param subject {@code sub} of its tokens, stable across restarts
 * @param actor {@code USER:<subject>}, or {@code PARTNER_CLIENT:<clientId>} for a {@code partner:<clientId>} subject
 * @param displayName the persona's name
 * @param description who the persona is
 * @param roles platform roles its tokens carry
 * @param organization the demo organisation it belongs to, if any
 */
public record DemoPersona(
        String name,
        String subject,
        Actor actor,
        LocalizedText displayName,
        LocalizedText description,
        List<String> roles,
        Optional<Organization> organization) {

    /**
     * @param id absent until the id chosen by the code that seeds the demo data is configured
     * @param name the organisation's name
     */
    public record Organization(Optional<String> id, LocalizedText name) {}
}
