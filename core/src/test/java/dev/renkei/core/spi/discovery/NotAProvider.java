package dev.renkei.core.spi.discovery;

/** Listed as a media provider by mistake. */
public class NotAProvider {
}
