package org.qbi.ops;

/**
 * What flows through an operator's input or output.
 * <ul>
 * <li>{@link #IMAGE}: any image (intensities).</li>
 * <li>{@link #MASK}: a binary image, uint8 with 0 = background and 1 = foreground (any non-zero value is read as
 * foreground).</li>
 * <li>{@link #LABELS}: a label image, label32 (or any integer type on input) with 0 = background and 1.. =
 * objects.</li>
 * <li>{@link #TABLE}: a result table ({@link org.qbi.core.table.Table}).</li>
 * </ul>
 *
 * @since 0.1
 */
public enum PortKind {
    IMAGE, MASK, LABELS, TABLE;

    /** True for the kinds carried by an image. */
    public boolean isImage() {
        return this != TABLE;
    }
}
