package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;

/** A person's place in an organisation; an empty {@code Optional} when they are not in it (or it does not exist). */
public record FindOrganizationMemberQuery(TenantId organizationId, UserId member) {}
