package dev.hoshi.kernel.personal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This value is personal data: the event store and snapshots keep it only encrypted with the key of {@link #value()
 * whom it belongs to}, and once that key is erased it reads as erased ({@link #ERASED} for text, {@code
 * erased-<key>} for a user id), never as an error. Values stored in clear before the annotation existed still read
 * as they are. Only on components whose stored form is a JSON string (text, user ids, tenant ids).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Personal {

    /** What an erased text reads as, in both languages users read. */
    String ERASED = "[削除済み / erased]";

    /** The prefix of what an erased user id reads as ({@code erased-} and a short, non-reversible key reference). */
    String ERASED_USER_PREFIX = "erased-";

    /** Whose key protects it. */
    enum KeyOf {
        /** The person's own key: their subject (user id), name, contact details. */
        PERSON,
        /** The organisation's key: free text an organisation wrote (notes, reasons, evidence, incident reports). */
        ORGANIZATION,
        /**
         * Who acted, as an actor's {@code kind:id}: a person's ({@code USER:<subject>}) is sealed with their key and
         * reads as {@code USER:erased-<key ref>} after their erasure; partner clients and Hoshi itself stay in clear.
         */
        ACTOR,
        /**
         * Hoshi's own key: operators' text that must outlive every person and organisation it concerns (an erasure's
         * reason), kept out of the store in clear and erased only with that one key.
         */
        PLATFORM
    }

    KeyOf value() default KeyOf.PERSON;

    /**
     * The component (of the same record) naming whose key it is: a user id for {@link KeyOf#PERSON}, a tenant id for
     * {@link KeyOf#ORGANIZATION}. Empty: the value itself (a user id) for a person, {@code organizationId} for an
     * organisation.
     */
    String of() default "";
}
