package dev.hoshi.directory.partner.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.IssuePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.PartnerClientKeyIssuedEvent;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.PartnerClientKeyRevokedEvent;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.RevokePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.PartnerClientRegisteredEvent;
import dev.hoshi.directory.api.partner.RegisterPartnerClientCommand;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.text.Text;
import java.util.LinkedHashSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A partner portal (a bank, a prime contractor, an insurer) that asks for SMEs' status with their consent.
 *
 * <p>Snapshotted every 50 events: its fields are the snapshot, written by Jackson as they are (the set declared as
 * {@code LinkedHashSet}, which Jackson reads back in its order). Revision 2, because a snapshot without a revision
 * is of the first shape, which kept nothing (an empty object), and is skipped.
 */
@Aggregate(snapshotTriggerDefinition = "partnerClientSnapshots")
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class PartnerClient {

    private static final int MAX_ACTIVE_KEYS = 3;

    @AggregateIdentifier
    private PartnerClientId id;

    private final LinkedHashSet<String> activeKeys = new LinkedHashSet<>();

    protected PartnerClient() {}

    @CommandHandler
    PartnerClient(RegisterPartnerClientCommand command) {
        apply(new PartnerClientRegisteredEvent(command.partnerClientId(), Text.required("name", command.name(), 200)));
    }

    /** A key is rotated without downtime: the new one works beside the old until the old is revoked. */
    @CommandHandler
    void handle(IssuePartnerClientKeyCommand command) {
        if (activeKeys.size() >= MAX_ACTIVE_KEYS) {
            throw new HoshiException(
                    "TOO_MANY_KEYS",
                    ErrorKind.BUSINESS_RULE,
                    "A partner client has at most " + MAX_ACTIVE_KEYS + " active keys; revoke one first.",
                    "有効なAPIキーは最大" + MAX_ACTIVE_KEYS + "個です。先にどれかを失効させてください。");
        }
        if (command.secretHash() == null || !command.secretHash().matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a key is stored as the hex SHA-256 of its secret");
        }
        apply(new PartnerClientKeyIssuedEvent(id, command.keyId(), command.secretHash()));
    }

    @CommandHandler
    void handle(RevokePartnerClientKeyCommand command) {
        if (!activeKeys.contains(command.keyId())) {
            throw new HoshiException(
                    "UNKNOWN_KEY",
                    ErrorKind.INVALID_INPUT,
                    "This partner client has no active key " + command.keyId() + ".",
                    "このパートナーに有効なキー " + command.keyId() + " はありません。");
        }
        apply(new PartnerClientKeyRevokedEvent(id, command.keyId()));
    }

    @EventSourcingHandler
    void on(PartnerClientRegisteredEvent event) {
        id = event.partnerClientId();
    }

    @EventSourcingHandler
    void on(PartnerClientKeyIssuedEvent event) {
        activeKeys.add(event.keyId());
    }

    @EventSourcingHandler
    void on(PartnerClientKeyRevokedEvent event) {
        activeKeys.remove(event.keyId());
    }
}
