/** Checks on free text people type. */
package dev.hoshi.kernel.text;
