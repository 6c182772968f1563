package org.qbi.io.dicom.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;

/**
 * DICOM: a Part 10 file (single or multi-frame), a raw dataset without preamble, or a folder of files read as
 * series (entries are SeriesInstanceUIDs, largest series first).
 */
public final class DicomReader implements ImageReader {

    @Override
    public boolean canRead(Probe probe) {
        if (probe.directory()) {
            return DicomSeries.containsDicom(probe.path());
        }
        if (probe.startsWith(128, (byte) 'D', (byte) 'I', (byte) 'C', (byte) 'M')) {
            return true;
        }
        return DicomParser.plausibleDataset(probe.head()) && probe.head().length >= 8
                && (probe.hasExtension(".dcm", ".dicom", ".ima") || !probe.fileName().contains("."));
    }

    @Override
    public List<String> entries(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return DicomSeries.entries(path);
        }
        return List.of();
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        if (Files.isDirectory(path)) {
            return DicomSeries.open(path, entry);
        }
        if (entry != null && !entry.isBlank()) {
            throw new FormatException(path, "a DICOM file holds one image; entry '" + entry + "' is for folders");
        }
        return DicomFileSource.open(path);
    }
}
