package org.qbi.workflow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a run reads a sample's file entry from: by default the project's file of that name; an engine that reaches
 * other file systems (Spark, through Hadoop) returns a local copy of a location such as {@code s3a://bucket/scan.tif}.
 * Provenance records the entry as the catalog names it, and the pixels' fingerprint, whatever copy was read.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface InputFiles {

    /**
     * The file or folder to open for the catalog entry {@code entry}.
     *
     * @throws IOException              when it cannot be reached
     * @throws IllegalArgumentException naming the entry when this run cannot read it
     */
    Path locate(String entry) throws IOException;
}
