/**
 * Test support published in core's test-jar ({@code dev.renkei:renkei-core}, {@code <type>test-jar</type>}, test
 * scope): store and engine helpers, in-process connectors, and the connector contract suites.
 *
 * <p>One abstract contract per connector SPI, each with a fixture interface that a connector's tests implement
 * over their simulator: {@link dev.renkei.core.testing.AtsConnectorContract} with
 * {@link dev.renkei.core.testing.AtsFixture}, {@link dev.renkei.core.testing.MediaConnectorContract} with
 * {@link dev.renkei.core.testing.MediaFixture}, {@link dev.renkei.core.testing.MeetingConnectorContract} with
 * {@link dev.renkei.core.testing.MeetingFixture}. A connector passes by a subclass of a few lines that returns a
 * fresh fixture. A contract for the job-seeker SPI follows the same shape: a fixture that names the provider,
 * working and refused credentials, what the remote side holds and the faults it can inject; a contract whose connector runs on an executor with a {@link
 * dev.renkei.core.testing.MutableClock} and a {@link dev.renkei.core.testing.RecordingSleeper}, so nothing
 * sleeps for real; contexts built by {@link dev.renkei.core.testing.Contexts} as the engine builds them.
 */
package dev.renkei.core.testing;
