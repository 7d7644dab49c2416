/**
 * Reusable ATS simulators published in this module's test-jar ({@code renkei-connector-ats}, type
 * {@code test-jar}): {@link dev.renkei.ats.testing.LeverStub}, {@link dev.renkei.ats.testing.GreenhouseStub} and
 * {@link dev.renkei.ats.testing.WebhookReceiverStub}.
 * Each is a tiny {@code com.sun.net.httpserver} server on 127.0.0.1 that stores what it receives, answers lookups
 * from it and counts creates, so a test can assert "imported once".
 */
package dev.renkei.ats.testing;
