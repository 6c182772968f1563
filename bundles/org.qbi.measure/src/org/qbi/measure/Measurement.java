package org.qbi.measure;

import java.util.List;

import org.qbi.ops.Operator;

/**
 * A measurement: an operator whose outputs are tables, contributed through {@code org.qbi.measurements}. Besides
 * its {@link org.qbi.ops.OperatorSpec} it documents the columns it writes, so users (and the results store) know
 * each value's meaning and unit before running it.
 *
 * @since 0.1
 */
public interface Measurement extends Operator {

    /** One documented column. */
    record ColumnSpec(String name, String unit, String description) {
    }

    /** The columns of the measurement's table(s), in order; units written with "L" for the image's length unit. */
    List<ColumnSpec> columns();
}
