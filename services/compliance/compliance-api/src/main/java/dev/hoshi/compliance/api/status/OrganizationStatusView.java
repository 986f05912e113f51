package dev.hoshi.compliance.api.status;

import java.util.List;

/**
 * An organisation's compliance dashboard, kept as one document so it is one point look-up.
 *
 * @param members the user ids that may see it (from directory events)
 */
public record OrganizationStatusView(
        String organizationId, String name, SecurityActionLevel level, List<String> members) {}
