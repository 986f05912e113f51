package dev.hoshi.compliance.record;

import dev.hoshi.compliance.access.OrganizationAccess;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.platform.security.Caller;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code organizationRecordExport}: the chosen organisation's whole record, for its owners. */
@Controller
class OrganizationRecordController {

    private final OrganizationAccess access;
    private final OrganizationRecordExport export;

    OrganizationRecordController(OrganizationAccess access, OrganizationRecordExport export) {
        this.access = access;
        this.export = export;
    }

    /** Null for anyone outside the organisation (as for one that does not exist); FORBIDDEN for its non-owners. */
    @QueryMapping
    OrganizationRecord organizationRecordExport() {
        OrganizationStatusView organization = access.ifMember().orElse(null);
        if (organization == null) {
            return null;
        }
        String caller = Caller.actor().id();
        if (!organization.isOwner(caller)) {
            throw new HoshiException(
                    "FORBIDDEN",
                    ErrorKind.FORBIDDEN,
                    "Only the organisation's owners can download its whole record; ask an owner.",
                    "組織の記録全体をダウンロードできるのはオーナーだけです。オーナーに依頼してください。");
        }
        return export.export(organization, Caller.actor().toString());
    }
}
