package dev.hoshi.compliance.api.risk;

import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;

/**
 * An information asset as appendix 7's register lists it: business area, asset, who uses it, its owner, medium or
 * location, the kind of personal data in it (null when none), how long it is kept, and its confidentiality,
 * integrity and availability, each 1 (low) to 3 (high).
 */
public record Asset(
        String businessArea,
        String name,
        @Personal(KeyOf.ORGANIZATION) String users,
        @Personal(KeyOf.ORGANIZATION) String owner,
        String medium,
        String personalData,
        String retention,
        int confidentiality,
        int integrity,
        int availability) {}
