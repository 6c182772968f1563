package org.qbi.project.results;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ResultsStore#export} wrote.
 *
 * @param file       the CSV or Parquet file
 * @param provenance the sidecar JSON next to it ({@code file} name + {@code .provenance.json})
 * @param rows       number of data rows written
 * @param runIds     the runs the rows came from (from their {@code run_id} column); empty when the exported
 *                   query has no such column
 * @since 0.1
 */
public record ExportResult(Path file, Path provenance, long rows, List<String> runIds) {

    public ExportResult {
        runIds = List.copyOf(runIds);
    }
}
