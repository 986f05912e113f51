package dev.hoshi.directory;

import static dev.hoshi.testsupport.authz.Persona.ANALYST_WITH_GRANT;
import static dev.hoshi.testsupport.authz.Persona.ANONYMOUS;
import static dev.hoshi.testsupport.authz.Persona.OWNER_A;
import static dev.hoshi.testsupport.authz.Persona.OWNER_B;
import static dev.hoshi.testsupport.authz.Persona.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.authz.AuthorizationMatrix;
import dev.hoshi.testsupport.authz.Credential;
import dev.hoshi.testsupport.authz.Persona;
import dev.hoshi.testsupport.authz.Rule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every operation of directory's schema against every persona (docs/directory.md, "Access rules"): an operation added
 * to the schema without a row here fails {@link #everyOperationOfTheSchemaHasARule()}.
 *
 * <p>The world, built once through directory's own mutations: organisation A (an owner, a viewer) and B (an owner);
 * support organisations S+ (A granted it consent; the analyst persona was added after its first analyst), S-revoked
 * (A granted, then revoked) and S- (A is a member, no grant); partner clients P+ (A granted) and P- (nothing); and
 * spares (a support organisation, a partner client with a grant of A's) for the mutations to act on without changing
 * what the personas may do. Every call names S+ and A where an operation names a support organisation or an
 * organisation; mutations are written so that a caller who gets through either succeeds or gets a business error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT extends DirectoryIT {

    private static final EnumSet<Persona> PEOPLE_OF_THEIR_ORGANISATION = EnumSet.of(OWNER_A, VIEWER_A, OWNER_B);
    private static final EnumSet<Persona> OWNERS_OF_THEIR_ORGANISATION = EnumSet.of(OWNER_A, OWNER_B);
    /** Everyone signed in as a person (not a partner client's key). */
    private static final EnumSet<Persona> PEOPLE = EnumSet.of(
            OWNER_A,
            VIEWER_A,
            OWNER_B,
            Persona.ANALYST_WITH_GRANT,
            Persona.ANALYST_WITHOUT_GRANT,
            Persona.ANALYST_REVOKED,
            Persona.OPERATOR);

    private AuthorizationMatrix matrix;

    @BeforeAll
    void world() {
        String ownerA = unique("owner-a");
        String viewerA = unique("viewer-a");
        String ownerB = unique("owner-b");
        String analystWithGrant = unique("analyst-granted");
        String analystWithoutGrant = unique("analyst-ungranted");
        String analystRevoked = unique("analyst-revoked");

        String orgA = registerOrganization(ownerA);
        addPerson(ownerA, orgA, viewerA, "VIEWER");
        String orgB = registerOrganization(ownerB);

        String supportGranted = registerSupportOrganization(unique("first-analyst"));
        operator(
                "addSupportOrganizationAnalyst",
                "mutation($input: AddSupportOrganizationAnalystInput!) { addSupportOrganizationAnalyst(input: $input)"
                        + " { errors { code } } }",
                Map.of("supportOrganizationId", supportGranted, "analyst", analystWithGrant));
        String supportRevoked = registerSupportOrganization(analystRevoked);
        String supportUngranted = registerSupportOrganization(analystWithoutGrant);
        String supportSpare = registerSupportOrganization(unique("spare-analyst"));
        for (String support : List.of(supportGranted, supportRevoked, supportUngranted)) {
            operator(
                    "recordMembership",
                    "mutation($input: RecordMembershipInput!) { recordMembership(input: $input) { errors { code } } }",
                    Map.of("supportOrganizationId", support, "organizationId", orgA));
        }
        String partnerGranted = registerPartnerClient();
        String partnerUngranted = registerPartnerClient();
        String partnerSpare = registerPartnerClient();
        String partnerWithKeys = registerPartnerClient();
        String[] lookupKey = issueKey(partnerWithKeys);
        String[] keyToRevoke = issueKey(partnerWithKeys);
        gatewayResolves(lookupKey, partnerWithKeys);

        grant(ownerA, orgA, "SUPPORT_ORGANIZATION", supportGranted, "LEVEL_AND_SCORES");
        String revoked = grant(ownerA, orgA, "SUPPORT_ORGANIZATION", supportRevoked, "LEVEL_AND_SCORES");
        asUser(ownerA, orgA)
                .documentName("revokeConsent")
                .variable("input", Map.of("grantId", revoked))
                .execute()
                .path("revokeConsent.errors")
                .entityList(Object.class)
                .hasSize(0);
        grant(ownerA, orgA, "PARTNER_CLIENT", partnerGranted, "LEVEL_ONLY");
        String spareGrant = grant(ownerA, orgA, "PARTNER_CLIENT", partnerSpare, "LEVEL_ONLY");
        eventually(() -> assertThat(asUser(ownerA, orgA)
                        .document("{ consentGrants { granteeId status } }")
                        .execute()
                        .path("consentGrants[?(@.status == 'ACTIVE')].granteeId")
                        .entityList(String.class)
                        .get())
                .containsExactlyInAnyOrder(supportGranted, partnerGranted, partnerSpare));
        eventually(() -> asUser(analystWithGrant, null)
                .documentName("supportOrganizationMemberships")
                .variable("id", supportGranted)
                .execute()
                .path("supportOrganizationMemberships[0].organizationId")
                .entity(String.class)
                .isEqualTo(orgA));

        matrix = AuthorizationMatrix.forService("directory")
                .endpoint("http://localhost:" + port + "/graphql")
                .persona(OWNER_A, Credential.user(ownerA, orgA))
                .persona(VIEWER_A, Credential.user(viewerA, orgA))
                .persona(OWNER_B, Credential.user(ownerB, orgB))
                .persona(ANALYST_WITH_GRANT, Credential.user(analystWithGrant, null))
                .persona(Persona.ANALYST_WITHOUT_GRANT, Credential.user(analystWithoutGrant, null))
                .persona(Persona.ANALYST_REVOKED, Credential.user(analystRevoked, null))
                .persona(Persona.PARTNER_WITH_GRANT, Credential.partnerClient(partnerGranted))
                .persona(Persona.PARTNER_WITHOUT_GRANT, Credential.partnerClient(partnerUngranted))
                .persona(Persona.OPERATOR, Credential.operator(OPERATOR))
                .persona(ANONYMOUS, Credential.anonymous())
                .rules(rules(orgA, orgB, supportGranted, supportSpare, partnerSpare, spareGrant))
                .rules(partnerKeyRules(partnerWithKeys, lookupKey, keyToRevoke[0]));
    }

    /** The table: operation, a document calling it, who gets through. Everyone else must be denied. */
    private static List<Rule> rules(
            String orgA,
            String orgB,
            String supportGranted,
            String supportSpare,
            String partnerSpare,
            String spareGrant) {
        String extraPerson = unique("extra-person");
        return List.of(
                // ---- queries
                // organization(id) and organizations are open to operators as docs/directory.md says. Operators are
                // meant to see no tenant data by default; the entry is registration data that operators make, but
                // it also carries the profile the owners set (employees, capital): an open question, not a test
                Rule.query("organization", "query($id: ID!) { organization(id: $id) { id name owner } }")
                        .variable("id", orgA)
                        .allow(OWNER_A, VIEWER_A, Persona.OPERATOR),
                Rule.query("organizations", "{ organizations { id } }").allow(Persona.OPERATOR),
                Rule.query("organizationMembers", "{ organizationMembers { userId role } }")
                        .allow(PEOPLE_OF_THEIR_ORGANISATION),
                Rule.query("organizationMemberships", "{ organizationMemberships { supportOrganizationId status } }")
                        .allow(PEOPLE_OF_THEIR_ORGANISATION),
                Rule.query("consentGrants", "{ consentGrants { id granteeId status } }")
                        .allow(PEOPLE_OF_THEIR_ORGANISATION),
                Rule.query(
                                "supportOrganizationMemberships",
                                "query($id: ID!) { supportOrganizationMemberships(supportOrganizationId: $id)"
                                        + " { organizationId status } }")
                        .variable("id", supportGranted)
                        .allow(ANALYST_WITH_GRANT, Persona.OPERATOR),
                Rule.query("supportOrganizations", "{ supportOrganizations { id analysts members } }")
                        .allow(Persona.OPERATOR),
                Rule.query("partnerClients", "{ partnerClients { id name } }").allow(Persona.OPERATOR),
                Rule.query("industryDivisions", "{ industryDivisions { division { code } defaultSector } }")
                        .allow(Persona.signedIn()),
                Rule.query("prefectures", "{ prefectures { code } }").allow(Persona.signedIn()),
                Rule.query(
                                "smeClassification",
                                "{ smeClassification(industry: \"E\", employees: 10) { sector smeClass } }")
                        .allow(Persona.signedIn()),

                // ---- a person's own contact preferences (people only, never a partner client)
                Rule.query("myContactPreferences", "{ myContactPreferences { email language } }")
                        .allow(PEOPLE),
                Rule.mutation(
                                "setMyContactPreferences",
                                "mutation($input: SetMyContactPreferencesInput!) {"
                                        + " setMyContactPreferences(input: $input) { contactPreferences { email }"
                                        + " errors { code } } }")
                        .variable("input", Map.of("email", "someone@example.jp", "language", "EN"))
                        .allow(PEOPLE),

                // ---- mutations: organisations and their people (owners of the chosen organisation)
                Rule.mutation(
                                "registerOrganization",
                                "mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input)"
                                        + " { organization { id } errors { code } } }")
                        .variable(
                                "input",
                                Map.of("id", unique("org-new"), "name", "株式会社新規", "owner", unique("new-owner")))
                        .allow(Persona.OPERATOR),
                Rule.mutation(
                                "updateOrganizationProfile",
                                "mutation($input: UpdateOrganizationProfileInput!) {"
                                        + " updateOrganizationProfile(input: $input) { profile { smeClass }"
                                        + " errors { code } } }")
                        .variable("input", Map.of("industry", "E", "employees", 10, "prefecture", "13"))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),
                Rule.mutation(
                                "addOrganizationMember",
                                "mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input)"
                                        + " { userId role errors { code } } }")
                        .variable("input", Map.of("userId", extraPerson, "role", "MEMBER"))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),
                Rule.mutation(
                                "changeOrganizationMemberRole",
                                "mutation($input: ChangeOrganizationMemberRoleInput!) {"
                                        + " changeOrganizationMemberRole(input: $input) { userId role errors { code } } }")
                        .variable("input", Map.of("userId", extraPerson, "role", "VIEWER"))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),
                Rule.mutation(
                                "removeOrganizationMember",
                                "mutation($input: RemoveOrganizationMemberInput!) {"
                                        + " removeOrganizationMember(input: $input) { userId errors { code } } }")
                        // someone in neither organisation: NOT_A_MEMBER for an owner, nothing changes
                        .variable("input", Map.of("userId", unique("never-added")))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),

                // ---- memberships, the SME's side (owners of the chosen organisation), on the spare
                Rule.mutation(
                                "proposeMembership",
                                "mutation($input: ProposeMembershipInput!) { proposeMembership(input: $input)"
                                        + " { status errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportSpare))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),
                Rule.mutation(
                                "acceptMembershipInvitation",
                                "mutation($input: AcceptMembershipInvitationInput!) {"
                                        + " acceptMembershipInvitation(input: $input) { status errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportSpare))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),
                Rule.mutation(
                                "declineMembershipInvitation",
                                "mutation($input: DeclineMembershipInvitationInput!) {"
                                        + " declineMembershipInvitation(input: $input) { status errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportSpare))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),

                // ---- memberships, the support side (analysts of the named support organisation, S+; A is a
                // member already, so these end in business errors)
                Rule.mutation(
                                "inviteOrganization",
                                "mutation($input: InviteOrganizationInput!) { inviteOrganization(input: $input)"
                                        + " { status errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportGranted, "organizationId", orgA))
                        .allow(ANALYST_WITH_GRANT),
                Rule.mutation(
                                "acceptMembershipProposal",
                                "mutation($input: AcceptMembershipProposalInput!) {"
                                        + " acceptMembershipProposal(input: $input) { status errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportGranted, "organizationId", orgA))
                        .allow(ANALYST_WITH_GRANT),
                Rule.mutation(
                                "declineMembershipProposal",
                                "mutation($input: DeclineMembershipProposalInput!) {"
                                        + " declineMembershipProposal(input: $input) { status errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportGranted, "organizationId", orgA))
                        .allow(ANALYST_WITH_GRANT),

                // ---- consent grants (owners of the chosen organisation; A's grant id is missing to B)
                Rule.mutation(
                                "grantConsent",
                                "mutation($input: GrantConsentInput!) { grantConsent(input: $input)"
                                        + " { grantId errors { code } } }")
                        .variable(
                                "input",
                                Map.of(
                                        "granteeKind",
                                        "PARTNER_CLIENT",
                                        "granteeId",
                                        partnerSpare,
                                        "scope",
                                        "LEVEL_ONLY"))
                        .allow(OWNERS_OF_THEIR_ORGANISATION),
                Rule.mutation(
                                "changeConsentScope",
                                "mutation($input: ChangeConsentScopeInput!) { changeConsentScope(input: $input)"
                                        + " { grantId errors { code } } }")
                        .variable("input", Map.of("grantId", spareGrant, "scope", "LEVEL_AND_SCORES"))
                        .allow(OWNER_A),
                Rule.mutation(
                                "revokeConsent",
                                "mutation($input: RevokeConsentInput!) { revokeConsent(input: $input)"
                                        + " { grantId errors { code } } }")
                        .variable("input", Map.of("grantId", spareGrant))
                        .allow(OWNER_A),

                // ---- platform work (operators)
                Rule.mutation(
                                "registerSupportOrganization",
                                "mutation($input: RegisterSupportOrganizationInput!) {"
                                        + " registerSupportOrganization(input: $input) { supportOrganizationId"
                                        + " errors { code } } }")
                        .variable(
                                "input",
                                Map.of(
                                        "id",
                                        unique("support-new"),
                                        "name",
                                        "新規工業会",
                                        "kind",
                                        "INDUSTRY_ASSOCIATION",
                                        "analyst",
                                        unique("new-analyst")))
                        .allow(Persona.OPERATOR),
                Rule.mutation(
                                "addSupportOrganizationAnalyst",
                                "mutation($input: AddSupportOrganizationAnalystInput!) {"
                                        + " addSupportOrganizationAnalyst(input: $input) { analyst errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportSpare, "analyst", unique("more")))
                        .allow(Persona.OPERATOR),
                Rule.mutation(
                                "removeSupportOrganizationAnalyst",
                                "mutation($input: RemoveSupportOrganizationAnalystInput!) {"
                                        + " removeSupportOrganizationAnalyst(input: $input) { analyst errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportSpare, "analyst", unique("nobody")))
                        .allow(Persona.OPERATOR),
                Rule.mutation(
                                "recordMembership",
                                "mutation($input: RecordMembershipInput!) { recordMembership(input: $input)"
                                        + " { organizationId errors { code } } }")
                        .variable("input", Map.of("supportOrganizationId", supportSpare, "organizationId", orgB))
                        .allow(Persona.OPERATOR),
                Rule.mutation(
                                "registerPartnerClient",
                                "mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input)"
                                        + " { partnerClient { id } errors { code } } }")
                        .variable("input", Map.of("id", unique("partner-new"), "name", "新規銀行"))
                        .allow(Persona.OPERATOR));
    }

    /**
     * Partner API keys (added to the schema while this matrix was written): operators issue and revoke them; only the
     * gateway resolves one, and the gateway is none of the personas, so {@code partnerKey} must answer null to all of
     * them even for a live key and its right hash.
     */
    private static List<Rule> partnerKeyRules(String partner, String[] lookupKey, String keyToRevoke) {
        return List.of(
                Rule.query(
                                "partnerKey",
                                "query($k: ID!, $h: String!) { partnerKey(keyId: $k, secretHash: $h) { id name } }")
                        .variable("k", lookupKey[0])
                        .variable("h", lookupKey[1])
                        .note("the gateway only (actor SYSTEM:gateway), per the schema description; no persona"),
                Rule.mutation(
                                "issuePartnerClientKey",
                                "mutation($input: IssuePartnerClientKeyInput!) { issuePartnerClientKey(input: $input)"
                                        + " { keyId errors { code } } }")
                        .variable("input", Map.of("partnerClientId", partner))
                        .allow(Persona.OPERATOR),
                Rule.mutation(
                                "revokePartnerClientKey",
                                "mutation($input: RevokePartnerClientKeyInput!) {"
                                        + " revokePartnerClientKey(input: $input) { keyId errors { code } } }")
                        .variable("input", Map.of("partnerClientId", partner, "keyId", keyToRevoke))
                        .allow(Persona.OPERATOR),
                // ---- operators' maintenance: a name no projection has, so the operator's call changes nothing
                Rule.mutation(
                                "rebuildProjection",
                                "mutation { rebuildProjection(name: \"no-such-projection\")"
                                        + " { projection { processingGroup } errors { code } } }")
                        .allow(Persona.OPERATOR),
                // ---- erasure: a person nobody knows, an organisation that does not exist (a business error)
                Rule.mutation(
                                "erasePerson",
                                "mutation($input: ErasePersonInput!) { erasePerson(input: $input)"
                                        + " { erasure { keyErased } errors { code } } }")
                        .variable("input", Map.of("userId", unique("nobody"), "reason", "matrix"))
                        .allow(Persona.OPERATOR),
                Rule.mutation(
                                "eraseOrganizationData",
                                "mutation($input: EraseOrganizationDataInput!) { eraseOrganizationData(input: $input)"
                                        + " { erasure { keyErased } errors { code } } }")
                        .variable("input", Map.of("organizationId", unique("no-org"), "reason", "matrix"))
                        .allow(Persona.OPERATOR));
    }

    @Test
    void everyOperationOfTheSchemaHasARule() {
        matrix.assertEveryOperationHasARule();
    }

    @Test
    void everyPersonaGetsExactlyWhatItsRuleAllowsAlsoWhenAliased() {
        matrix.run().assertAsExpected();
    }

    @Test
    void batchedRequestsLetNothingThrough() {
        matrix.assertBatchingLetsNothingThrough();
    }

    // ---- set-up steps

    private void operator(String field, String document, Map<String, Object> input) {
        asOperator()
                .document(document)
                .variable("input", input)
                .execute()
                .path(field + ".errors")
                .entityList(Object.class)
                .hasSize(0);
    }

    /** An operator issues an API key for {@code partner}: its key id and the SHA-256 (hex) of its secret. */
    private String[] issueKey(String partner) {
        String apiKey = asOperator()
                .document("mutation($input: IssuePartnerClientKeyInput!) { issuePartnerClientKey(input: $input)"
                        + " { apiKey errors { code } } }")
                .variable("input", Map.of("partnerClientId", partner))
                .execute()
                .path("issuePartnerClientKey.apiKey")
                .entity(String.class)
                .get();
        String[] parts = apiKey.split("_");
        return new String[] {parts[2], sha256(parts[3])};
    }

    /**
     * The gateway (actor {@code SYSTEM:gateway}) resolves the key, so that the personas' nulls for {@code partnerKey}
     * are refusals, not a key that does not work. Only said, not asserted: the key's own tests own that.
     */
    private void gatewayResolves(String[] key, String partner) {
        String document = "query($k: ID!, $h: String!) { partnerKey(keyId: $k, secretHash: $h) { id } }";
        try {
            eventually(() -> as(tokens.token(
                            "gateway",
                            "SYSTEM:gateway",
                            null,
                            List.of(),
                            InternalTokens.ISSUER,
                            Duration.ofSeconds(60)))
                    .document(document)
                    .variable("k", key[0])
                    .variable("h", key[1])
                    .execute()
                    .path("partnerKey.id")
                    .entity(String.class)
                    .isEqualTo(partner));
        } catch (ConditionTimeoutException e) {
            System.out.println("[hoshi-authz] directory: the gateway could not resolve the test key either, so the"
                    + " partnerKey row shows refusals only if the key works: " + e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code owner} grants from {@code organization}; waits until the read side lets the grant through. */
    private String grant(String owner, String organization, String kind, String grantee, String scope) {
        String[] grantId = new String[1];
        eventually(() -> grantId[0] = asUser(owner, organization)
                .documentName("grantConsent")
                .variable("input", Map.of("granteeKind", kind, "granteeId", grantee, "scope", scope))
                .execute()
                .path("grantConsent.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("grantConsent.grantId")
                .entity(String.class)
                .get());
        assertThat(grantId[0]).isNotBlank();
        return grantId[0];
    }
}
