package dev.renkei.porters.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses HRBC XML with every external-resource feature off: a DOCTYPE is refused outright (which also stops
 * entity-expansion bombs), external entities and XInclude are off, and secure processing is on. Anything that is
 * not well-formed XML becomes a {@link ConnectorException} naming the call, never a crash. Not API.
 */
public final class HrbcXml {
    private static final DocumentBuilderFactory FACTORY = factory();

    private HrbcXml() {}

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            f.setValidating(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a feature HRBC parsing needs", e);
        }
    }

    /**
     * Parses a response body.
     *
     * @param body the bytes as received
     * @param what the call, for the error message (e.g. {@code GET /v1/candidate})
     * @throws ConnectorException {@link ErrorCode#UNKNOWN} when the body is not well-formed XML or declares a DTD
     */
    public static XmlNode parse(byte[] body, String what) {
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler());
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            Element root = b.parse(new InputSource(new ByteArrayInputStream(body))).getDocumentElement();
            return convert(root);
        } catch (SAXException e) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "PORTERS answered " + what
                    + " with a body that is not acceptable XML (malformed, or declaring a DTD/entities)",
                    dev.renkei.core.support.Checks.printable(String.valueOf(e.getMessage())), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "could not read the XML PORTERS sent for " + what, e);
        }
    }

    private static XmlNode convert(Element e) {
        Map<String, String> attributes = new HashMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            attributes.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
        }
        List<XmlNode> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                children.add(convert((Element) n));
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return new XmlNode(e.getTagName(), attributes, text.toString().strip(), children);
    }

    /** Escapes text for an XML element; control characters (HRBC answers them with Code 8) are refused. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        throw new IllegalArgumentException("control character U+" + Integer.toHexString(c)
                                + " cannot be written to PORTERS");
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** An element name for an alias: letters, digits, '_' and '.', starting with a letter. */
    public static String alias(String alias) {
        if (!alias.matches("[A-Za-z][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("'" + alias + "' is not an HRBC alias");
        }
        return alias;
    }
}
