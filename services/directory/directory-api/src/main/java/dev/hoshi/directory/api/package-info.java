/**
 * Directory's messages: who is who on the platform. Organisations (組織, the tenants: SMEs), support
 * organisations (支援機関: industry associations, chambers of commerce and 商工会, IT vendors, financial
 * institutions) and their members, and partner clients (portals of banks, prime contractors, insurers). Other
 * services read these events to know who may see what.
 */
package dev.hoshi.directory.api;
