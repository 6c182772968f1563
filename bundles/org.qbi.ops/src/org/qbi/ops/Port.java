package org.qbi.ops;

/**
 * A named input or output of an operator.
 *
 * @param name        lower-case identifier used in pipelines and on the command line ("image", "mask", "psf")
 * @param kind        what it carries
 * @param description one sentence for the user
 * @param optional    true when an input may be left out
 * @since 0.1
 */
public record Port(String name, PortKind kind, String description, boolean optional) {

    public Port {
        Param.checkIdentifier(name, "port");
        if (kind == null) {
            throw new IllegalArgumentException("Port '" + name + "' needs a kind");
        }
        description = description == null ? "" : description;
    }

    public static Port image(String name, String description) {
        return new Port(name, PortKind.IMAGE, description, false);
    }

    public static Port mask(String name, String description) {
        return new Port(name, PortKind.MASK, description, false);
    }

    public static Port labels(String name, String description) {
        return new Port(name, PortKind.LABELS, description, false);
    }

    public static Port table(String name, String description) {
        return new Port(name, PortKind.TABLE, description, false);
    }

    /** This port, optional. */
    public Port asOptional() {
        return new Port(name, kind, description, true);
    }
}
