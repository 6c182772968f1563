package org.qbi.ui.viewer.internal;

import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.PlaneValues;
import org.qbi.ui.viewer.testformat.TestVolumes;

/** The test project and its files in the test format (see TestFormatReader). */
final class ViewerFiles {

    /** 64 x 48 x 5 uint16, 0.5 x 0.5 x 2 mm, rescale 2 x - 1000 HU, 7 metadata entries of its own. */
    static final String VOLUME = """
            QBITEST
            type=uint16
            size=64,48,5
            spacing=0.5,0.5,2
            origin=-16,-12,100
            unit=mm
            rescale=2,-1000,HU
            pattern=ramp
            meta.patient=Patient|Patient name|Phantom^Test
            meta.modality=DICOM|Modality|CT
            meta.kvp=DICOM|KVP|120
            meta.exposure=DICOM|Exposure time|0.75
            meta.station=Equipment|Station name|QBI-TEST-01
            meta.manufacturer=Equipment|Manufacturer|QBI
            meta.description=Study|Study description|Viewer test volume
            """;
    /** Entries of VOLUME: its 7 plus the reader's pattern entry. */
    static final int VOLUME_ENTRIES = 8;

    /** Pixels three times as tall as wide: 0.5 x 1.5 mm. */
    static final String ANISOTROPIC = """
            QBITEST
            type=uint16
            size=64,48
            spacing=0.5,1.5
            unit=mm
            pattern=ramp
            """;

    /** Magic, no size: what a truncated header looks like. */
    static final String CORRUPT = "QBITEST\ntype=uint16\n";

    /** Decoding plane z 2 fails. */
    static final String FAILING = """
            QBITEST
            type=int16
            size=16,16,4
            spacing=1,1,1
            unit=mm
            fail-plane=2
            """;

    static final String SMALL = """
            QBITEST
            type=uint8
            size=32,32,3
            spacing=1,1,3
            unit=mm
            """;

    private ViewerFiles() {
    }

    static IProject project(String name) throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        return project;
    }

    static IFile write(IContainer parent, String name, String content) throws CoreException {
        IFile file = parent instanceof IProject p ? p.getFile(name) : ((IFolder) parent).getFile(name);
        ByteArrayInputStream in = new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        if (file.exists()) {
            file.setContents(in, true, false, null);
        } else {
            file.create(in, true, null);
        }
        return file;
    }

    static IFolder folder(IProject project, String name) throws CoreException {
        IFolder folder = project.getFolder(name);
        if (!folder.exists()) {
            folder.create(true, true, null);
        }
        return folder;
    }

    /** The stored values of the ramp pattern's plane z (c = t = 0) of a width x height image, as uint16. */
    static MemorySegment rampPlane(int width, int height, long z) {
        MemorySegment plane = Arena.ofAuto().allocate(2L * width * height, 8);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                PixelValues.set(PixelType.UINT16, plane, (long) y * width + x, TestVolumes.ramp(x, y, z, 0, 0, width));
            }
        }
        return plane;
    }

    /** The auto-contrast window of the ramp's plane z, computed from the values the format defines. */
    static DisplayWindow rampWindow(int width, int height, long z) {
        return DisplayWindow.auto(new PlaneValues(PixelType.UINT16, rampPlane(width, height, z), width * height));
    }
}
