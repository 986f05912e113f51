package dev.hoshi.directory.partner.graphql;

import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.IssuePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.ResolvePartnerKeyQuery;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.RevokePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.PartnerClientView;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Partner API keys: operators issue and revoke them; the gateway resolves a presented key. A key reads {@code
 * hoshi_pk_<keyId>_<secret>}; it is returned once and only the SHA-256 of the secret is kept.
 */
@Controller
class PartnerKeyController {

    /** The gateway's own calls carry this actor; no caller from outside can have it. */
    static final Actor GATEWAY = new Actor(Actor.Kind.SYSTEM, "gateway");

    record IssuePartnerClientKeyInput(String partnerClientId) {}

    record IssuePartnerClientKeyPayload(String keyId, String apiKey, List<UserError> errors) {}

    record RevokePartnerClientKeyInput(String partnerClientId, String keyId) {}

    record RevokePartnerClientKeyPayload(String keyId, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final SecureRandom random = new SecureRandom();

    PartnerKeyController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @MutationMapping
    IssuePartnerClientKeyPayload issuePartnerClientKey(@Argument IssuePartnerClientKeyInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        String keyId = randomText(9);
        String secret = randomText(32);
        Mutations.Outcome<Boolean> outcome = Mutations.attempt(() -> {
            commands.sendAndWait(new IssuePartnerClientKeyCommand(
                    Inputs.parse("partnerClientId", input.partnerClientId(), PartnerClientId::of),
                    keyId,
                    sha256(secret)));
            return true;
        });
        return outcome.succeeded()
                ? new IssuePartnerClientKeyPayload(keyId, "hoshi_pk_" + keyId + "_" + secret, List.of())
                : new IssuePartnerClientKeyPayload(null, null, outcome.errors());
    }

    @MutationMapping
    RevokePartnerClientKeyPayload revokePartnerClientKey(@Argument RevokePartnerClientKeyInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<Boolean> outcome = Mutations.attempt(() -> {
            commands.sendAndWait(new RevokePartnerClientKeyCommand(
                    Inputs.parse("partnerClientId", input.partnerClientId(), PartnerClientId::of), input.keyId()));
            return true;
        });
        return new RevokePartnerClientKeyPayload(outcome.succeeded() ? input.keyId() : null, outcome.errors());
    }

    /** For the gateway only: the partner client a presented key belongs to; null for everyone else. */
    @QueryMapping
    PartnerClientView partnerKey(@Argument String keyId, @Argument String secretHash) {
        if (!GATEWAY.equals(Caller.actor())) {
            return null;
        }
        return queries.query(
                        new ResolvePartnerKeyQuery(keyId, secretHash),
                        ResponseTypes.optionalInstanceOf(PartnerClientView.class))
                .join()
                .orElse(null);
    }

    private String randomText(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        // letters and digits only, so the key splits cleanly on '_'
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(buffer)
                .replace('-', 'x')
                .replace('_', 'y');
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
