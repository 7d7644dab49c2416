/**
 * Small, stable helpers that core, connector modules and hosts share. Everything here is public API;
 * implementation details live in {@code …internal} packages, which other modules do not use.
 */
package dev.renkei.core.support;
