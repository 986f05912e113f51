/**
 * Hoshi's kernel: the few types every module shares. Plain Java with Jackson annotations only, so the
 * {@code -api} modules of every service can use it.
 *
 * <ul>
 *   <li>{@link dev.hoshi.kernel.id}: typed ids ({@code TenantId}, {@code UserId}, ...), each a record with a
 *       stable {@code toString()} that is also its JSON form;
 *   <li>{@link dev.hoshi.kernel.context}: who is acting, for which tenant, under which correlation id;
 *   <li>{@link dev.hoshi.kernel.error}: the shared error type, a code plus a message in English and Japanese;
 *   <li>{@link dev.hoshi.kernel.time}: the business time zone (Asia/Tokyo) and a clock seam;
 *   <li>{@link dev.hoshi.kernel.cache}: a bounded least-recently-used map for in-memory caches.
 * </ul>
 */
package dev.hoshi.kernel;
