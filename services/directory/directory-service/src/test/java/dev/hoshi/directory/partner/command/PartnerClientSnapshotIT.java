package dev.hoshi.directory.partner.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.directory.DirectoryIT;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.IssuePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.RevokePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.RegisterPartnerClientCommand;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.testsupport.axon.SnapshotCheck;
import dev.hoshi.testsupport.axon.StoredSnapshot;
import dev.hoshi.testsupport.axon.StoredSnapshots;
import java.util.ArrayDeque;
import java.util.Deque;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A partner client's snapshots against the embedded store, driven by real commands: they load to the state its
 * events make, and a snapshot as the code before snapshot revisions stored it is skipped and replaced.
 */
class PartnerClientSnapshotIT extends DirectoryIT {

    /** As {@code DirectoryConfiguration.partnerClientSnapshots} sets it. */
    private static final int THRESHOLD = 50;

    private static final String SECRET_HASH = "0123456789abcdef".repeat(4);

    @Autowired
    CommandGateway commands;

    @Autowired
    ApplicationContext context;

    private SnapshotCheck<PartnerClient> check;
    private StoredSnapshots snapshots;

    @BeforeEach
    void checks() {
        check = SnapshotCheck.of(PartnerClient.class, context);
        snapshots = StoredSnapshots.of(context);
    }

    @Test
    void snapshotsTakenPastThreeThresholdsLoadToTheStateItsEventsMake() {
        PartnerClientId partner = PartnerClientId.of(unique("partner"));
        register(partner);
        Deque<String> active = rotateKeys(partner, 3 * THRESHOLD - 1);

        StoredSnapshot snapshot = snapshots.require(partner.toString());
        assertThat(snapshot.sequenceNumber()).isGreaterThan(2L * THRESHOLD);
        assertThat(snapshot.payloadRevision()).isEqualTo("2");
        assertThat(check.stateJson(check.load(partner.toString())))
                .contains("\"id\":\"" + partner + "\"")
                .contains("\"activeKeys\"");

        // only a load that knows the active keys accepts this revocation
        operator(() -> commands.sendAndWait(new RevokePartnerClientKeyCommand(partner, active.peekFirst())));

        check.assertSnapshotStateMatchesEvents(partner.toString());
        assertThat(check.stateJson(check.load(partner.toString()))).doesNotContain(quoted(active.peekFirst()));
    }

    @Test
    void aSnapshotAsTheCodeBeforeRevisionsStoredItIsSkippedAndAFreshOneReplacesIt() {
        PartnerClientId partner = PartnerClientId.of("partner-old-snapshot"); // the captured snapshot's aggregate
        register(partner);
        Deque<String> active = rotateKeys(partner, THRESHOLD);
        snapshots.putResource("old-snapshots/PartnerClient.json");
        assertThat(snapshots.require(partner.toString()))
                .extracting(StoredSnapshot::sequenceNumber, StoredSnapshot::payloadRevision, StoredSnapshot::payload)
                .containsExactly(4L, null, "{}");

        operator(() -> commands.sendAndWait(new RevokePartnerClientKeyCommand(partner, active.peekFirst())));

        StoredSnapshot fresh = snapshots.require(partner.toString());
        assertThat(fresh.payloadRevision()).isEqualTo("2");
        assertThat(fresh.sequenceNumber()).isEqualTo(THRESHOLD + 1L);
        assertThat(fresh.payload()).doesNotContain(quoted(active.peekFirst()));
        check.assertSnapshotStateMatchesEvents(partner.toString());
    }

    private void register(PartnerClientId partner) {
        operator(() -> commands.sendAndWait(new RegisterPartnerClientCommand(partner, "スナップ銀行")));
    }

    /**
     * Sends {@code count} commands, each of which applies one event: keys issued and, at the limit of three active
     * ones, the oldest revoked. Returns the active keys, oldest first.
     */
    private Deque<String> rotateKeys(PartnerClientId partner, int count) {
        Deque<String> active = new ArrayDeque<>();
        operator(() -> {
            for (int sent = 0, key = 0; sent < count; sent++) {
                if (active.size() == 3) {
                    commands.sendAndWait(new RevokePartnerClientKeyCommand(partner, active.removeFirst()));
                } else {
                    String keyId = "key-" + key++;
                    commands.sendAndWait(new IssuePartnerClientKeyCommand(partner, keyId, SECRET_HASH));
                    active.addLast(keyId);
                }
            }
        });
        return active;
    }

    private static String quoted(String keyId) {
        return "\"" + keyId + "\"";
    }

    private static void operator(Runnable work) {
        CurrentContext.runWith(RequestContext.withoutTenant(Actor.user(OPERATOR)), work);
    }
}
