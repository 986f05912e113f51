/** Who is acting, for which tenant (組織), and the correlation id that ties a request's messages together. */
package dev.hoshi.kernel.context;
