package dev.hoshi.directory.api.organization;

/**
 * An organisation's size class under 中小企業基本法, derived from its sector, employees and capital. The classes
 * are exclusive: an SME (中小企業者) is either {@link #SMALL} or {@link #MEDIUM}.
 */
public enum SmeClass {
    /** 小規模企業者: an SME with at most 20 employees (5 in commerce and services). */
    SMALL,
    /** 中規模企業: an SME (by employees or by capital) that is not small. */
    MEDIUM,
    /** 大企業: over both the employee and the capital threshold of its sector. */
    LARGE;

    /** Whether this class is an SME (中小企業者) under the Act: small or medium. */
    public boolean isSme() {
        return this != LARGE;
    }
}
