package dev.hoshi.directory.support.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.directory.api.support.AcceptMembershipInvitationCommand;
import dev.hoshi.directory.api.support.AcceptMembershipProposalCommand;
import dev.hoshi.directory.api.support.AddSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.DeclineMembershipInvitationCommand;
import dev.hoshi.directory.api.support.DeclineMembershipProposalCommand;
import dev.hoshi.directory.api.support.InviteOrganizationCommand;
import dev.hoshi.directory.api.support.MembershipAcceptedEvent;
import dev.hoshi.directory.api.support.MembershipDeclinedEvent;
import dev.hoshi.directory.api.support.MembershipParty;
import dev.hoshi.directory.api.support.MembershipProposedEvent;
import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.ProposeMembershipCommand;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.RemoveSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.text.Text;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A support organisation (支援機関): an industry association, chamber of commerce, 商工会, IT vendor or financial
 * institution that helps its member SMEs. Membership is proposed by one side and accepted (or declined) by the
 * other: an SME's owner asks to join, or one of the support organisation's analysts invites the SME. An operator
 * may also record a membership outright. Membership alone discloses nothing: what the support organisation may see
 * comes from each member's consent grants.
 *
 * <p>The analysts are known here, so an analyst's actions are checked here; someone who is not an analyst finds
 * the support organisation missing. The SME's owners are not known here: the SME side's commands are sent only
 * after the caller's ownership is checked against directory's projection of the SME's people.
 *
 * <p>Snapshotted every 100 events: its fields are the snapshot, written by Jackson as they are (the sets declared
 * as {@code LinkedHashSet}, which Jackson reads back in their order). Revision 2, because a snapshot without a
 * revision is of the first shape, which kept nothing (an empty object), and is skipped.
 */
@Aggregate(snapshotTriggerDefinition = "supportOrganizationSnapshots")
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class SupportOrganization {

    @AggregateIdentifier
    private SupportOrganizationId id;

    /** Sealed in snapshots, each with the analyst's own key. */
    @Personal
    private final LinkedHashSet<UserId> analysts = new LinkedHashSet<>();

    private final LinkedHashSet<TenantId> members = new LinkedHashSet<>();
    private final Map<TenantId, MembershipParty> pending = new LinkedHashMap<>();

    protected SupportOrganization() {}

    @CommandHandler
    SupportOrganization(RegisterSupportOrganizationCommand command) {
        if (command.kind() == null) {
            throw new HoshiException(
                    "INVALID_KIND",
                    ErrorKind.INVALID_INPUT,
                    "Say what kind of support organisation this is.",
                    "支援機関の種別を指定してください。");
        }
        apply(new SupportOrganizationRegisteredEvent(
                command.supportOrganizationId(),
                Text.required("name", command.name(), 200),
                Text.optional("nameEn", command.nameEn(), 200),
                command.kind(),
                command.analyst()));
    }

    /** Adding an analyst twice changes nothing. */
    @CommandHandler
    void handle(AddSupportOrganizationAnalystCommand command) {
        if (command.analyst() == null) {
            throw new HoshiException(
                    "INVALID_ANALYST", ErrorKind.INVALID_INPUT, "Say who the analyst is.", "アナリストを指定してください。");
        }
        if (!analysts.contains(command.analyst())) {
            apply(new SupportOrganizationAnalystAddedEvent(id, command.analyst()));
        }
    }

    /**
     * Someone who is not one of its analysts cannot be removed ({@code NOT_AN_ANALYST}). The last analyst stays
     * ({@code LAST_ANALYST}): a support organisation always has someone to answer its members' requests, so the
     * successor is added first.
     */
    @CommandHandler
    void handle(RemoveSupportOrganizationAnalystCommand command) {
        if (command.analyst() == null) {
            throw new HoshiException(
                    "INVALID_ANALYST", ErrorKind.INVALID_INPUT, "Say who the analyst is.", "アナリストを指定してください。");
        }
        if (!analysts.contains(command.analyst())) {
            throw rule(
                    "NOT_AN_ANALYST",
                    "'" + command.analyst() + "' is not an analyst of this support organisation.",
                    "'" + command.analyst() + "' はこの支援機関のアナリストではありません。");
        }
        if (analysts.size() == 1) {
            throw rule(
                    "LAST_ANALYST",
                    "This is the support organisation's last analyst: add another analyst first, then remove this one.",
                    "この支援機関の最後のアナリストです。先に別のアナリストを追加してから削除してください。");
        }
        apply(new SupportOrganizationAnalystRemovedEvent(id, command.analyst()));
    }

    /** Recording a member twice changes nothing. */
    @CommandHandler
    void handle(RecordMembershipCommand command) {
        if (!members.contains(command.member())) {
            apply(new MembershipRecordedEvent(id, command.member()));
        }
    }

    // ---- the SME's side (its owner's standing is checked before the command is sent)

    /** Asking again while the request is pending changes nothing. */
    @CommandHandler
    void handle(ProposeMembershipCommand command) {
        TenantId organization = requireOrganization(command.organizationId());
        requireNotMember(organization);
        MembershipParty waiting = pending.get(organization);
        if (waiting == MembershipParty.ORGANIZATION) {
            return;
        }
        if (waiting == MembershipParty.SUPPORT_ORGANIZATION) {
            throw rule(
                    "INVITATION_PENDING",
                    "The support organisation has invited you already: accept its invitation instead.",
                    "この支援機関からすでに招待が届いています。招待を承諾してください。");
        }
        apply(new MembershipProposedEvent(id, organization, MembershipParty.ORGANIZATION));
    }

    @CommandHandler
    void handle(AcceptMembershipInvitationCommand command) {
        TenantId organization = requirePending(command.organizationId(), MembershipParty.SUPPORT_ORGANIZATION);
        apply(new MembershipAcceptedEvent(id, organization, MembershipParty.ORGANIZATION));
    }

    @CommandHandler
    void handle(DeclineMembershipInvitationCommand command) {
        TenantId organization = requirePending(command.organizationId(), MembershipParty.SUPPORT_ORGANIZATION);
        apply(new MembershipDeclinedEvent(id, organization, MembershipParty.ORGANIZATION));
    }

    // ---- the support organisation's side (its analysts)

    /**
     * Inviting again while the invitation is pending changes nothing. Whether the invited organisation exists is
     * neither checked nor told: an invitation to no one simply stays unanswered.
     */
    @CommandHandler
    void handle(InviteOrganizationCommand command) {
        requireAnalyst(command.analyst());
        TenantId organization = requireOrganization(command.organizationId());
        requireNotMember(organization);
        MembershipParty waiting = pending.get(organization);
        if (waiting == MembershipParty.SUPPORT_ORGANIZATION) {
            return;
        }
        if (waiting == MembershipParty.ORGANIZATION) {
            throw rule(
                    "PROPOSAL_PENDING",
                    "This organisation has asked to join already: accept its proposal instead.",
                    "この組織からすでに加入の申し込みが届いています。申し込みを承諾してください。");
        }
        apply(new MembershipProposedEvent(id, organization, MembershipParty.SUPPORT_ORGANIZATION));
    }

    @CommandHandler
    void handle(AcceptMembershipProposalCommand command) {
        requireAnalyst(command.analyst());
        TenantId organization = requirePending(command.organizationId(), MembershipParty.ORGANIZATION);
        apply(new MembershipAcceptedEvent(id, organization, MembershipParty.SUPPORT_ORGANIZATION));
    }

    @CommandHandler
    void handle(DeclineMembershipProposalCommand command) {
        requireAnalyst(command.analyst());
        TenantId organization = requirePending(command.organizationId(), MembershipParty.ORGANIZATION);
        apply(new MembershipDeclinedEvent(id, organization, MembershipParty.SUPPORT_ORGANIZATION));
    }

    // ---- state

    @EventSourcingHandler
    void on(SupportOrganizationRegisteredEvent event) {
        id = event.supportOrganizationId();
        if (event.analyst() != null) {
            analysts.add(event.analyst());
        }
    }

    @EventSourcingHandler
    void on(SupportOrganizationAnalystAddedEvent event) {
        analysts.add(event.analyst());
    }

    @EventSourcingHandler
    void on(SupportOrganizationAnalystRemovedEvent event) {
        analysts.remove(event.analyst());
    }

    @EventSourcingHandler
    void on(MembershipRecordedEvent event) {
        members.add(event.member());
        pending.remove(event.member());
    }

    @EventSourcingHandler
    void on(MembershipProposedEvent event) {
        pending.put(event.organizationId(), event.proposedBy());
    }

    @EventSourcingHandler
    void on(MembershipAcceptedEvent event) {
        pending.remove(event.organizationId());
        members.add(event.organizationId());
    }

    @EventSourcingHandler
    void on(MembershipDeclinedEvent event) {
        pending.remove(event.organizationId());
    }

    // ---- checks

    /** Someone who is not one of its analysts finds the support organisation missing. */
    private void requireAnalyst(UserId analyst) {
        if (analyst == null || !analysts.contains(analyst)) {
            throw HoshiException.notFound();
        }
    }

    private static TenantId requireOrganization(TenantId organization) {
        if (organization == null) {
            throw new HoshiException(
                    "INVALID_ORGANIZATION_ID", ErrorKind.INVALID_INPUT, "Say which organisation.", "対象の組織を指定してください。");
        }
        return organization;
    }

    private void requireNotMember(TenantId organization) {
        if (members.contains(organization)) {
            throw rule(
                    "ALREADY_A_MEMBER",
                    "The organisation is a member of this support organisation already.",
                    "この組織はすでにこの支援機関の会員です。");
        }
    }

    /** The proposal the other side made, waiting for this side's answer. */
    private TenantId requirePending(TenantId organization, MembershipParty proposedBy) {
        requireOrganization(organization);
        if (pending.get(organization) != proposedBy) {
            throw switch (proposedBy) {
                case SUPPORT_ORGANIZATION ->
                    rule(
                            "NO_PENDING_INVITATION",
                            "There is no invitation from this support organisation to answer.",
                            "この支援機関からの招待はありません。");
                case ORGANIZATION ->
                    rule(
                            "NO_PENDING_PROPOSAL",
                            "There is no request from this organisation to answer.",
                            "この組織からの加入の申し込みはありません。");
            };
        }
        return organization;
    }

    private static HoshiException rule(String code, String message, String messageJa) {
        return new HoshiException(code, ErrorKind.BUSINESS_RULE, message, messageJa);
    }
}
