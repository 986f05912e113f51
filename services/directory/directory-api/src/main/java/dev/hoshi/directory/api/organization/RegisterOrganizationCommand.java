package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator registers an SME organisation and names its first owner.
 *
 * @param name the registered name in Japanese (e.g. 株式会社佐藤製作所)
 * @param nameEn an English name, optional
 * @param corporateNumber 法人番号, absent for sole proprietors
 * @param owner the first owner: a user id from the sign-in provider
 */
@PlatformScoped
public record RegisterOrganizationCommand(
        @TargetAggregateIdentifier TenantId organizationId,
        String name,
        String nameEn,
        CorporateNumber corporateNumber,
        UserId owner) {}
