/**
 * Small, stable helpers that core and connector modules share. Everything here is public API; implementation
 * details live in {@code …internal} packages, which connector modules do not use.
 */
package dev.renkei.core.support;
