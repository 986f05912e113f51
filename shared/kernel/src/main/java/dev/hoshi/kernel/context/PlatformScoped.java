package dev.hoshi.kernel.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command that acts on the platform rather than on one tenant (an operator registering a support
 * organisation or an organisation). Every other command is refused when the request has no tenant.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PlatformScoped {}
