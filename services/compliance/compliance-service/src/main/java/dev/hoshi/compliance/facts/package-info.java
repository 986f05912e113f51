/** What every compliance fact shares: its effective date and the facts in force by a day. */
package dev.hoshi.compliance.facts;
