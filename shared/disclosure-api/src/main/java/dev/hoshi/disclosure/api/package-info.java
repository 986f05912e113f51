/**
 * The disclosure log's one event, shared by the service that shows an organisation's data to outsiders (insights:
 * member lists, exports, attestations) and the one that keeps the organisation's access log (compliance). It sits
 * outside both services so that dependencies between them still run one way (directory ← compliance ← insights).
 * Plain records on the kernel only.
 */
package dev.hoshi.disclosure.api;
