package dev.renkei.porters.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of an HRBC response: its name, attributes, own text and child elements. Read tolerantly: absent
 * children are empty, never an error. Not API.
 *
 * @param name the element name
 * @param attributes attributes by name
 * @param text the element's own text, trimmed (empty for empty elements)
 * @param children child elements in document order
 */
public record XmlNode(String name, Map<String, String> attributes, String text, List<XmlNode> children) {
    /** Copies. */
    public XmlNode {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The first child with that name. */
    public Optional<XmlNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** Every child with that name. */
    public List<XmlNode> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The text of the first child with that name, or empty when absent or empty. */
    public Optional<String> childText(String childName) {
        return child(childName).map(XmlNode::text).filter(t -> !t.isEmpty());
    }

    /** The first descendant (depth first, this node excluded) with that name. */
    public Optional<XmlNode> descendant(String descendantName) {
        for (XmlNode c : children) {
            if (c.name.equals(descendantName)) {
                return Optional.of(c);
            }
            Optional<XmlNode> deeper = c.descendant(descendantName);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    /** Every descendant with that name, depth first. */
    public List<XmlNode> descendants(String descendantName) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(descendantName)) {
                out.add(c);
            }
            out.addAll(c.descendants(descendantName));
        }
        return out;
    }

    /** An integer attribute, or {@code fallback} when absent or not a number. */
    public int intAttribute(String attribute, int fallback) {
        try {
            return Integer.parseInt(attributes.getOrDefault(attribute, "").strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
