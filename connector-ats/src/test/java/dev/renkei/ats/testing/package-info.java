/**
 * Reusable ATS simulators published in this module's test-jar ({@code renkei-connector-ats}, type
 * {@code test-jar}): {@link dev.renkei.ats.testing.LeverStub}, {@link dev.renkei.ats.testing.GreenhouseStub} and
 * {@link dev.renkei.ats.testing.WebhookReceiverStub}.
 * Each is a tiny {@code com.sun.net.httpserver} server on 127.0.0.1 that stores what it receives, answers lookups
 * from it and counts creates, so a test can assert "imported once", and can fail the next create after storing it
 * or refuse it once with 429. Over them, one {@link dev.renkei.core.testing.AtsFixture} per shipped connector
 * ({@link dev.renkei.ats.testing.SinkFixture}, {@link dev.renkei.ats.testing.WebhookFixture},
 * {@link dev.renkei.ats.testing.LeverFixture}, {@link dev.renkei.ats.testing.GreenhouseFixture}) for core's
 * {@link dev.renkei.core.testing.AtsConnectorContract} and end-to-end robot tests.
 */
package dev.renkei.ats.testing;
