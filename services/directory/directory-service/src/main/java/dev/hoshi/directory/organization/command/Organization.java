package dev.hoshi.directory.organization.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.directory.api.consent.ChangeConsentScopeCommand;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.GrantConsentCommand;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.RevokeConsentCommand;
import dev.hoshi.directory.api.organization.AddOrganizationMemberCommand;
import dev.hoshi.directory.api.organization.ChangeOrganizationMemberRoleCommand;
import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRemovedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRoleChangedEvent;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.organization.RegisterOrganizationCommand;
import dev.hoshi.directory.api.organization.RemoveOrganizationMemberCommand;
import dev.hoshi.directory.api.organization.UpdateOrganizationProfileCommand;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.text.Text;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An SME organisation (組織): the tenant whose security progress Hoshi tracks. Registered by an operator with a
 * first owner; from then on its owners keep its profile, its people (owners, members, viewers; never fewer than one
 * owner) and its consent grants (同意): which support organisations and partner clients may see how much of its
 * work, from when until when.
 *
 * <p>Every command names the person asking ({@code requestedBy}). Someone who is not in the organisation finds it
 * missing ({@code NOT_FOUND}); a member or viewer is refused ({@code FORBIDDEN}) what only owners may do.
 *
 * <p>Snapshotted every 100 events: its fields are the snapshot, written by Jackson as they are. Revision 2, because
 * a snapshot without a revision is of the first shape, which kept nothing (an empty object), and is skipped.
 */
@Aggregate(snapshotTriggerDefinition = "organizationSnapshots")
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Organization {

    private static final int MAX_NAME = 200;

    @AggregateIdentifier
    private TenantId id;

    /** Sealed in snapshots, each user id with the person's own key. */
    @Personal
    private final Map<UserId, OrganizationRole> people = new LinkedHashMap<>();

    private OrganizationProfile profile;
    private final Map<ConsentGrantId, Grant> grants = new LinkedHashMap<>();

    /** What the aggregate remembers of a grant: enough to check changes to it and to repeat it in later events. */
    private record Grant(Grantee grantee, ConsentScope scope, LocalDate startDate, LocalDate endDate, boolean revoked) {

        boolean endedBy(LocalDate today) {
            return endDate != null && endDate.isBefore(today);
        }

        /** Not revoked and not past its end: it gives access now or will. */
        boolean live(LocalDate today) {
            return !revoked && !endedBy(today);
        }
    }

    protected Organization() {}

    /**
     * A corporate number is claimed before the event is applied and fails with {@code CORPORATE_NUMBER_TAKEN} when
     * another organisation holds it; if the registration then fails (the id is taken), a claim this made is released.
     */
    @CommandHandler
    Organization(RegisterOrganizationCommand command, CorporateNumberClaims claims) {
        String name = Text.required("name", command.name(), MAX_NAME);
        String nameEn = Text.optional("nameEn", command.nameEn(), MAX_NAME);
        CorporateNumber number = command.corporateNumber();
        if (number != null && claims.claim(number, command.organizationId())) {
            CurrentUnitOfWork.ifStarted(
                    unit -> unit.onRollback(rolledBack -> claims.release(number, command.organizationId())));
        }
        apply(new OrganizationRegisteredEvent(command.organizationId(), name, nameEn, number, command.owner()));
    }

    // ---- profile

    /** Setting the same profile again changes nothing. */
    @CommandHandler
    void handle(UpdateOrganizationProfileCommand command, SmeDefinitions sme) {
        requireOwner(command.requestedBy());
        OrganizationProfile given = command.profile();
        if (given == null || given.industry() == null) {
            throw invalid(
                    "INVALID_INDUSTRY",
                    "Give the industry: a JSIC major division, A to T.",
                    "業種（日本標準産業分類の大分類 A〜T）を指定してください。");
        }
        sme.requireSector(given.industry(), given.smeSector());
        if (!SmeDefinitions.plausibleEmployees(given.employees())) {
            throw invalid(
                    "INVALID_EMPLOYEES",
                    "The number of employees is a whole number from 0 up; " + given.employees() + " is not.",
                    "従業員数は0以上の整数で指定してください（入力値: " + given.employees() + "）。");
        }
        if (given.capitalYen() != null && !SmeDefinitions.plausibleCapital(given.capitalYen())) {
            throw invalid(
                    "INVALID_CAPITAL_YEN",
                    "Capital is an amount of yen from 0 up (leave it out for a sole proprietor); " + given.capitalYen()
                            + " is not.",
                    "資本金は0円以上で指定してください（個人事業主は省略）。入力値: " + given.capitalYen());
        }
        if (given.prefecture() == null) {
            throw invalid(
                    "INVALID_PREFECTURE",
                    "Give the prefecture of the head office (JIS code 01 to 47).",
                    "本社所在地の都道府県（JISコード 01〜47）を指定してください。");
        }
        OrganizationProfile next = new OrganizationProfile(
                given.industry(),
                given.smeSector(),
                given.employees(),
                given.capitalYen(),
                given.prefecture(),
                Text.optional("nameEn", given.nameEn(), MAX_NAME));
        if (!next.equals(profile)) {
            apply(new OrganizationProfileUpdatedEvent(id, next));
        }
    }

    // ---- people

    /** Adding someone who is already in the organisation is refused ({@code ALREADY_A_MEMBER}), not ignored. */
    @CommandHandler
    void handle(AddOrganizationMemberCommand command) {
        requireOwner(command.requestedBy());
        UserId member = requirePerson(command.member());
        OrganizationRole role = requireRole(command.role());
        if (people.containsKey(member)) {
            throw rule(
                    "ALREADY_A_MEMBER",
                    member + " is in the organisation already, as " + people.get(member)
                            + "; change their role instead.",
                    member + " はすでに組織に " + people.get(member) + " として所属しています。役割の変更を行ってください。");
        }
        apply(new OrganizationMemberAddedEvent(id, member, role));
    }

    /** Giving someone the role they have changes nothing. */
    @CommandHandler
    void handle(ChangeOrganizationMemberRoleCommand command) {
        requireOwner(command.requestedBy());
        UserId member = requirePresent(command.member());
        OrganizationRole role = requireRole(command.role());
        OrganizationRole previous = people.get(member);
        if (previous == role) {
            return;
        }
        if (previous == OrganizationRole.OWNER && owners() == 1) {
            throw lastOwner("demoted", "ほかの役割に変更");
        }
        apply(new OrganizationMemberRoleChangedEvent(id, member, previous, role));
    }

    @CommandHandler
    void handle(RemoveOrganizationMemberCommand command) {
        requireOwner(command.requestedBy());
        UserId member = requirePresent(command.member());
        OrganizationRole previous = people.get(member);
        if (previous == OrganizationRole.OWNER && owners() == 1) {
            throw lastOwner("removed", "削除");
        }
        apply(new OrganizationMemberRemovedEvent(id, member, previous));
    }

    // ---- consent grants

    /**
     * A grant starts today or later (in Japan), ends (if it ends) after it starts, and is the only live grant to its
     * grantee. That a support organisation has the organisation as an accepted member is checked before the command
     * is sent: memberships live in the support organisation.
     */
    @CommandHandler
    void handle(GrantConsentCommand command, Clock clock) {
        requireOwner(command.requestedBy());
        if (command.grantId() == null) {
            throw invalid("INVALID_GRANT_ID", "Give the grant an id.", "同意のIDを指定してください。");
        }
        if (grants.containsKey(command.grantId())) {
            throw new HoshiException(
                    "GRANT_EXISTS",
                    ErrorKind.CONFLICT,
                    "A grant with id " + command.grantId() + " exists already.",
                    "ID " + command.grantId() + " の同意はすでにあります。");
        }
        if (command.grantee() == null) {
            throw invalid(
                    "INVALID_GRANTEE",
                    "Say who receives the grant: a support organisation or a partner client.",
                    "同意の相手（支援機関またはパートナー）を指定してください。");
        }
        ConsentScope scope = requireScope(command.scope());
        LocalDate today = BusinessTime.today(clock);
        LocalDate start = command.startDate() == null ? today : command.startDate();
        if (start.isBefore(today)) {
            throw invalid(
                    "START_DATE_IN_PAST",
                    "A grant cannot start before today (" + today + " in Japan); consent is never backdated.",
                    "同意の開始日は今日（" + today + "）以降にしてください。さかのぼって同意することはできません。");
        }
        if (command.endDate() != null && !command.endDate().isAfter(start)) {
            throw invalid(
                    "END_DATE_NOT_AFTER_START",
                    "The end date (" + command.endDate() + ") must be after the start date (" + start + ").",
                    "終了日（" + command.endDate() + "）は開始日（" + start + "）より後にしてください。");
        }
        boolean alreadyGranted =
                grants.values().stream().anyMatch(g -> g.grantee().equals(command.grantee()) && g.live(today));
        if (alreadyGranted) {
            throw rule(
                    "ALREADY_GRANTED",
                    command.grantee() + " holds a grant already; change its scope or revoke it instead.",
                    "この相手にはすでに有効な同意があります。範囲を変更するか、取り消してから改めて同意してください。");
        }
        apply(new ConsentGrantedEvent(command.grantId(), id, command.grantee(), scope, start, command.endDate()));
    }

    /** Setting the scope a grant has changes nothing; a revoked or ended grant cannot change. */
    @CommandHandler
    void handle(ChangeConsentScopeCommand command, Clock clock) {
        requireOwner(command.requestedBy());
        Grant grant = requireGrant(command.grantId());
        ConsentScope scope = requireScope(command.scope());
        if (grant.revoked()) {
            throw rule(
                    "CONSENT_REVOKED", "This grant was revoked; grant again instead.", "この同意は取り消されています。改めて同意してください。");
        }
        if (grant.endedBy(BusinessTime.today(clock))) {
            throw rule(
                    "CONSENT_ENDED",
                    "This grant ended on " + grant.endDate() + "; grant again instead.",
                    "この同意は " + grant.endDate() + " に終了しています。改めて同意してください。");
        }
        if (grant.scope() == scope) {
            return;
        }
        apply(new ConsentScopeChangedEvent(
                command.grantId(), id, grant.grantee(), grant.scope(), scope, grant.startDate(), grant.endDate()));
    }

    /** Effective at once, at any time (also before the start or after the end); revoking twice changes nothing. */
    @CommandHandler
    void handle(RevokeConsentCommand command, Clock clock) {
        requireOwner(command.requestedBy());
        Grant grant = requireGrant(command.grantId());
        if (grant.revoked()) {
            return;
        }
        apply(new ConsentRevokedEvent(
                command.grantId(),
                id,
                grant.grantee(),
                grant.scope(),
                grant.startDate(),
                grant.endDate(),
                BusinessTime.today(clock)));
    }

    // ---- state

    @EventSourcingHandler
    void on(OrganizationRegisteredEvent event) {
        id = event.organizationId();
        people.put(event.owner(), OrganizationRole.OWNER);
    }

    @EventSourcingHandler
    void on(OrganizationProfileUpdatedEvent event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(OrganizationMemberAddedEvent event) {
        people.put(event.member(), event.role());
    }

    @EventSourcingHandler
    void on(OrganizationMemberRoleChangedEvent event) {
        people.put(event.member(), event.role());
    }

    @EventSourcingHandler
    void on(OrganizationMemberRemovedEvent event) {
        people.remove(event.member());
    }

    @EventSourcingHandler
    void on(ConsentGrantedEvent event) {
        grants.put(
                event.grantId(), new Grant(event.grantee(), event.scope(), event.startDate(), event.endDate(), false));
    }

    @EventSourcingHandler
    void on(ConsentScopeChangedEvent event) {
        grants.computeIfPresent(
                event.grantId(),
                (grantId, g) -> new Grant(g.grantee(), event.scope(), g.startDate(), g.endDate(), false));
    }

    @EventSourcingHandler
    void on(ConsentRevokedEvent event) {
        grants.computeIfPresent(
                event.grantId(), (grantId, g) -> new Grant(g.grantee(), g.scope(), g.startDate(), g.endDate(), true));
    }

    // ---- checks

    /** Someone outside the organisation must not learn that it exists. */
    private void requireOwner(UserId requestedBy) {
        OrganizationRole role = requestedBy == null ? null : people.get(requestedBy);
        if (role == null) {
            throw HoshiException.notFound();
        }
        if (role != OrganizationRole.OWNER) {
            throw new HoshiException(
                    "FORBIDDEN",
                    ErrorKind.FORBIDDEN,
                    "Only an owner of the organisation may do this; you are " + role + ".",
                    "この操作は組織のオーナーだけが行えます（あなたの役割: " + role + "）。");
        }
    }

    private static UserId requirePerson(UserId member) {
        if (member == null) {
            throw invalid("INVALID_USER_ID", "Say who: give the person's user id.", "対象の人のユーザーIDを指定してください。");
        }
        return member;
    }

    private UserId requirePresent(UserId member) {
        requirePerson(member);
        if (!people.containsKey(member)) {
            throw rule("NOT_A_MEMBER", member + " is not in the organisation.", member + " はこの組織に所属していません。");
        }
        return member;
    }

    private static OrganizationRole requireRole(OrganizationRole role) {
        if (role == null) {
            throw invalid("INVALID_ROLE", "Give a role: OWNER, MEMBER or VIEWER.", "役割（OWNER、MEMBER、VIEWER）を指定してください。");
        }
        return role;
    }

    private static ConsentScope requireScope(ConsentScope scope) {
        if (scope == null) {
            throw invalid(
                    "INVALID_SCOPE",
                    "Give the scope: LEVEL_ONLY, LEVEL_AND_SCORES or FULL_DETAIL.",
                    "開示範囲（LEVEL_ONLY、LEVEL_AND_SCORES、FULL_DETAIL）を指定してください。");
        }
        return scope;
    }

    /** Another organisation's grant id reads exactly like one that does not exist. */
    private Grant requireGrant(ConsentGrantId grantId) {
        Grant grant = grantId == null ? null : grants.get(grantId);
        if (grant == null) {
            throw HoshiException.notFound();
        }
        return grant;
    }

    private long owners() {
        return people.values().stream().filter(OrganizationRole.OWNER::equals).count();
    }

    private static HoshiException lastOwner(String what, String whatJa) {
        return rule(
                "LAST_OWNER",
                "The last owner cannot be " + what + ": make someone else an owner first.",
                "最後のオーナーは" + whatJa + "できません。先にほかの人をオーナーにしてください。");
    }

    private static HoshiException invalid(String code, String message, String messageJa) {
        return new HoshiException(code, ErrorKind.INVALID_INPUT, message, messageJa);
    }

    private static HoshiException rule(String code, String message, String messageJa) {
        return new HoshiException(code, ErrorKind.BUSINESS_RULE, message, messageJa);
    }
}
