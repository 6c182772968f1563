package org.qbi.io.dicom.internal;

import java.util.List;

import org.qbi.core.image.Metadata;

/**
 * A file's elements as metadata: key "dicom:gggg,eeee", name the dictionary keyword, group "DICOM", values typed
 * (numbers as Long or Double or lists of them, strings trimmed). A sequence gives its item count and its items'
 * elements flattened under a path key, "dicom:5200,9229[1]/0028,9110[1]/0028,0030", named
 * "SharedFunctionalGroupsSequence[1].PixelMeasuresSequence[1].PixelSpacing" (items counted from 1), up to
 * {@link #MAX_NESTED} nested entries. Pixel data is not metadata.
 */
final class DicomMetadata {

    static final String GROUP = "DICOM";
    static final String QBI_GROUP = "QBI";
    /** Most nested (sequence item) entries listed; the rest is summarised. */
    static final int MAX_NESTED = 20_000;

    private final DicomDictionary dictionary = DicomDictionary.get();
    private final Metadata.Builder builder;
    private int nested;
    private boolean truncated;

    private DicomMetadata(Metadata.Builder builder) {
        this.builder = builder;
    }

    /** Adds the meta group and dataset of {@code file} to {@code builder}. */
    static void add(Metadata.Builder builder, DicomFile file) {
        DicomMetadata metadata = new DicomMetadata(builder);
        metadata.addDataset(file.meta(), "dicom:", "");
        metadata.addDataset(file.dataset(), "dicom:", "");
        if (metadata.truncated) {
            builder.put("qbi:metadataTruncated", "Metadata truncated", QBI_GROUP, "only the first " + MAX_NESTED
                    + " elements inside sequences are listed");
        }
    }

    private void addDataset(DicomDataset dataset, String keyPrefix, String namePrefix) {
        for (DicomElement element : dataset.elements()) {
            if (Tags.isPixelData(element.tag())) {
                continue;
            }
            boolean inside = !namePrefix.isEmpty();
            if (inside && nested >= MAX_NESTED) {
                truncated = true;
                return;
            }
            if (inside) {
                nested++;
            }
            String key = keyPrefix + Tags.format(element.tag());
            String name = namePrefix + dictionary.keyword(element.tag());
            builder.put(key, name, GROUP, element.metadataValue(dataset.charset()));
            if (element.isSequence()) {
                List<DicomDataset> items = element.items();
                for (int i = 0; i < items.size(); i++) {
                    addDataset(items.get(i), key + "[" + (i + 1) + "]/", name + "[" + (i + 1) + "].");
                    if (truncated) {
                        return;
                    }
                }
            }
        }
    }
}
