package dev.hoshi.compliance.api.status;

/**
 * Where an organisation stands in SECURITY ACTION. IPA issues the declaration; Hoshi tracks it and never calls it a
 * certification.
 */
public enum SecurityActionLevel {
    /** No declaration yet. */
    NONE,
    /** ★ 一つ星: committed to the 5 articles (情報セキュリティ5か条). */
    ONE_STAR,
    /** ★★ 二つ星: self-assessed, with a basic security policy adopted and published. */
    TWO_STARS
}
