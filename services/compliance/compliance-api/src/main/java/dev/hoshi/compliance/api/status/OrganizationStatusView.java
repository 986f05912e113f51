package dev.hoshi.compliance.api.status;

import java.util.Map;
import java.util.Set;

/**
 * An organisation as compliance knows it from directory's events: its name and its people with their roles
 * (OWNER, MEMBER, VIEWER), which decide who may read and who may change its compliance record.
 *
 * @param roles user id to role name
 */
public record OrganizationStatusView(String organizationId, String name, Map<String, String> roles) {

    /** Who may read: anyone in the organisation. */
    public Set<String> members() {
        return roles.keySet();
    }

    /** Owners also manage people and may take the whole record away (its export). */
    public boolean isOwner(String userId) {
        return "OWNER".equals(roles.get(userId));
    }

    /** Owners and members record the security work; viewers only read. */
    public boolean mayChange(String userId) {
        String role = roles.get(userId);
        return "OWNER".equals(role) || "MEMBER".equals(role);
    }
}
