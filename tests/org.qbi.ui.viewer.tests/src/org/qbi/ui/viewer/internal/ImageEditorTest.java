package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Axis;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.ViewTransform;
import org.qbi.ui.viewer.testformat.TestFormatReader;
import org.qbi.ui.viewer.testformat.TestVolumes;

/**
 * The Image editor on files of the test format, opened through the real paths (editor registry, Project
 * Explorer, Open File, Open as Image): the slice it draws, the sliders, the pixel readout, the aspect, zoom,
 * errors shown in the editor, and that reading happens off the UI thread and every opened file is closed.
 */
class ImageEditorTest {

    private IProject project;
    private IFile volume;

    @BeforeEach
    void testProject() throws Exception {
        project = ViewerFiles.project("viewer-test");
        volume = ViewerFiles.write(project, "volume.qbitest", ViewerFiles.VOLUME);
    }

    @AfterEach
    void closeAndDelete() throws Exception {
        ViewerMemory.forgetAll();
        page().closeAllEditors(false);
        processEvents();
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void opensSliceZeroWithTheAutoContrastGrayOfEachPixel() throws Exception {
        ImageEditor editor = open(volume);
        ImageEditor.Slice slice = waitForSlice(editor, 0);
        assertEquals(List.of(0L, 0L, 0L), List.of(slice.z(), slice.c(), slice.t()));
        DisplayWindow window = ViewerFiles.rampWindow(64, 48, 0);
        assertEquals(window, slice.rendered().window());
        assertTrue(window.low() >= 1000 && window.high() <= 1771 && window.high() - window.low() > 700,
                "a window inside the values' range 1000..1771: " + window);
        ImageData data = editor.canvas().data();
        assertEquals(64, data.width);
        assertEquals(48, data.height);
        for (int[] p : new int[][] { { 0, 0 }, { 10, 20 }, { 63, 47 }, { 32, 24 }, { 57, 3 } }) {
            int stored = TestVolumes.ramp(p[0], p[1], 0, 0, 0, 64);
            assertEquals(window.gray(stored), data.getPixel(p[0], p[1]), "gray of pixel " + Arrays.toString(p));
        }
        assertEquals(0, data.getPixel(0, 0), "the darkest pixel is black");
        assertEquals(255, data.getPixel(63, 47), "the brightest pixel is white");
    }

    @Test
    void theHeaderLineDescribesTheImage() throws Exception {
        ImageEditor editor = open(volume);
        waitForSlice(editor, 0);
        String line = editor.pages().headerLine().getText();
        assertEquals("QBI test  \u00b7  64 x 48 x 5 uint16, 0.5 x 0.5 x 2 mm (field of view 32 x 24 x 10 mm)  \u00b7  "
                + "value = 2 \u00d7 stored \u2212 1000 HU", line);
        assertEquals(editor.header().describe(), line.split("  \u00b7  ")[1]);
        assertEquals("volume.qbitest", editor.getPartName());
    }

    @Test
    void theZSliderShowsAnotherSlice() throws Exception {
        ImageEditor editor = open(volume);
        waitForSlice(editor, 0);
        byte[] first = editor.canvas().data().data.clone();
        assertNull(editor.scale(Axis.C), "one channel: no c slider");
        assertNull(editor.scale(Axis.T), "one time point: no t slider");
        Scale z = editor.scale(Axis.Z);
        assertEquals(4, z.getMaximum());
        select(z, 3);
        ImageEditor.Slice slice = waitForSlice(editor, 3);
        ImageData data = editor.canvas().data();
        assertFalse(Arrays.equals(first, data.data), "slice 3 looks different from slice 0");
        DisplayWindow window = ViewerFiles.rampWindow(64, 48, 3);
        assertEquals(window, slice.rendered().window());
        for (int[] p : new int[][] { { 0, 0 }, { 10, 20 }, { 43, 5 }, { 63, 47 } }) {
            int stored = TestVolumes.ramp(p[0], p[1], 3, 0, 0, 64);
            assertEquals(window.gray(stored), data.getPixel(p[0], p[1]), "gray of pixel " + Arrays.toString(p) + " of z 3");
        }
        assertTrue(sliderLabelText(editor).contains("4 / 5  (106 mm)"), sliderLabelText(editor));
    }

    @Test
    void theStatusLineGivesThePixelUnderTheCursorInPixelsMillimetresStoredAndHu() throws Exception {
        ImageEditor editor = open(volume);
        waitForSlice(editor, 0);
        ViewTransform view = editor.canvas().transform();
        moveMouse(editor, view.screenX(10.5), view.screenY(20.5));
        // stored 1000 + 10 * 10 + 3 * 20 = 1160; HU 2 * 1160 - 1000 = 1320; position origin + index * spacing
        assertEquals("x 10  y 20  z 0  \u00b7  -11, -2, 100 mm  \u00b7  stored 1160  \u00b7  1320 HU",
                editor.status().getText());
        select(editor.scale(Axis.Z), 2);
        waitForSlice(editor, 2);
        moveMouse(editor, view.screenX(10.5), view.screenY(20.5));
        // plane 2 is shifted by 14 along x: 1000 + 10 * 24 + 60 = 1300 -> 1600 HU
        assertEquals("x 10  y 20  z 2  \u00b7  -11, -2, 104 mm  \u00b7  stored 1300  \u00b7  1600 HU",
                editor.status().getText());
        moveMouse(editor, view.screenX(-3), view.screenY(5));
        assertTrue(editor.status().getText().startsWith("gray window "), "outside the plane: " + editor.status().getText());
    }

    @Test
    void channelAndTimeSlidersSelectThePlaneAndTheReadoutSaysWhich() throws Exception {
        IFile hyperstack = ViewerFiles.write(project, "hyperstack.qbitest", """
                QBITEST
                type=uint16
                size=16,8,1,3,2
                spacing=1,1,1
                unit=um
                """);
        ImageEditor editor = open(hyperstack);
        waitForSlice(editor, 0);
        assertNull(editor.scale(Axis.Z), "one slice: no z slider");
        assertEquals(2, editor.scale(Axis.C).getMaximum());
        assertEquals(1, editor.scale(Axis.T).getMaximum());
        select(editor.scale(Axis.C), 2);
        select(editor.scale(Axis.T), 1);
        waitFor("c 2, t 1", () -> editor.slice() != null && editor.slice().c() == 2 && editor.slice().t() == 1);
        ViewTransform view = editor.canvas().transform();
        moveMouse(editor, view.screenX(3.5), view.screenY(5.5));
        // 1000 + 10 * ((3 + 13 * 2 + 17) mod 16) + 3 * 5 = 1000 + 10 * 14 + 15
        assertEquals("x 3  y 5  c 2  t 1  \u00b7  3, 5 um  \u00b7  stored 1155", editor.status().getText());
    }

    @Test
    void rgbImagesAreShownInColour() throws Exception {
        IFile rgb = ViewerFiles.write(project, "colour.qbitest", """
                QBITEST
                type=rgb8
                size=20,10,2
                pattern=rgb
                """);
        ImageEditor editor = open(rgb);
        waitForSlice(editor, 0);
        select(editor.scale(Axis.Z), 1);
        waitForSlice(editor, 1);
        ImageData data = editor.canvas().data();
        assertEquals(24, data.depth);
        for (int[] p : new int[][] { { 0, 0 }, { 7, 3 }, { 19, 9 } }) {
            int[] expected = TestVolumes.rgb(p[0], p[1], 1, 0, 0);
            assertEquals(new org.eclipse.swt.graphics.RGB(expected[0], expected[1], expected[2]),
                    data.palette.getRGB(data.getPixel(p[0], p[1])), "colour of " + Arrays.toString(p));
        }
        moveMouse(editor, editor.canvas().transform().screenX(7.5), editor.canvas().transform().screenY(3.5));
        assertEquals("x 7  y 3  z 1  \u00b7  r 48  g 15  b 40", editor.status().getText());
    }

    @Test
    void theWindowTheFileRecommendsCanBeChosenFromTheContextMenu() throws Exception {
        ImageEditor plain = open(volume);
        waitForSlice(plain, 0);
        assertFalse(fileWindowItem(plain).isEnabled(), "no window in the file: nothing to choose");

        IFile windowed = ViewerFiles.write(project, "windowed.qbitest", ViewerFiles.VOLUME
                + "meta.dicom:0028,1050=DICOM|WindowCenter|1400\nmeta.dicom:0028,1051=DICOM|WindowWidth|801\n");
        ImageEditor editor = open(windowed);
        waitForSlice(editor, 0);
        org.eclipse.swt.widgets.MenuItem item = fileWindowItem(editor);
        assertTrue(item.isEnabled());
        assertEquals("Window from the File (center 1400, width 801 HU)", item.getText());
        for (org.eclipse.swt.widgets.MenuItem other : item.getParent().getItems()) {
            other.setSelection(other == item);
        }
        item.notifyListeners(SWT.Selection, new Event());
        // 999.5 .. 1799.5 HU (DICOM's linear function) is 999.75 .. 1399.75 stored (HU = 2 stored - 1000)
        DisplayWindow expected = new DisplayWindow(999.75, 1399.75);
        waitFor("the file's window", () -> editor.slice() != null && expected.equals(editor.slice().rendered().window()));
        ImageData data = editor.canvas().data();
        assertEquals(102, data.getPixel(10, 20), "stored 1160: 255 * 160.25 / 400 = 102.2");
        assertEquals(255, data.getPixel(63, 47), "above the window: white");
        select(editor.scale(Axis.Z), 1);
        waitForSlice(editor, 1);
        assertEquals(expected, editor.slice().rendered().window(), "the same window on every slice");
    }

    private static org.eclipse.swt.widgets.MenuItem fileWindowItem(ImageEditor editor) {
        org.eclipse.swt.widgets.Menu menu = editor.canvas().control().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        return Arrays.stream(menu.getItems()).filter(i -> i.getText().startsWith("Window from the File")).findFirst()
                .orElseThrow();
    }

    @Test
    void anisotropicPixelsKeepTheirPhysicalShape() throws Exception {
        IFile aniso = ViewerFiles.write(project, "aniso.qbitest", ViewerFiles.ANISOTROPIC);
        ImageEditor editor = open(aniso);
        waitForSlice(editor, 0);
        ViewTransform view = editor.canvas().transform();
        assertEquals(3, view.aspect(), 1e-12);
        Rectangle area = editor.canvas().control().getClientArea();
        int[][] visible = view.visible(area.width, area.height);
        assertEquals(List.of(0, 0, 64, 48), Arrays.stream(visible[0]).boxed().toList(), "the whole plane is visible");
        // field of view 32 x 72 mm
        assertEquals(32.0 / 72.0, visible[1][2] / (double) visible[1][3], 0.02);
        assertTrue(visible[1][0] >= 0 && visible[1][1] >= 0 && visible[1][0] + visible[1][2] <= area.width
                && visible[1][1] + visible[1][3] <= area.height, "fitted into the canvas " + area);
        assertTrue(visible[1][2] == area.width || visible[1][3] == area.height, "fills the canvas in one direction");
    }

    @Test
    void theMouseWheelZoomsAroundTheCursorAndDoubleClickFitsAgain() throws Exception {
        ImageEditor editor = open(volume);
        waitForSlice(editor, 0);
        ViewTransform view = editor.canvas().transform();
        double fitted = view.scale();
        int x = (int) Math.round(view.screenX(40.25));
        int y = (int) Math.round(view.screenY(12.75));
        int[] under = view.pixelAt(x, y);
        Event wheel = new Event();
        wheel.x = x;
        wheel.y = y;
        wheel.count = 3;
        editor.canvas().control().notifyListeners(SWT.MouseVerticalWheel, wheel);
        assertEquals(fitted * ImageCanvas.ZOOM_STEP, view.scale(), 1e-9);
        assertEquals(Arrays.toString(under), Arrays.toString(view.pixelAt(x, y)), "the pixel under the cursor stays");
        assertFalse(view.fitted());
        editor.canvas().control().notifyListeners(SWT.MouseDoubleClick, new Event());
        assertEquals(fitted, view.scale(), 1e-9);
    }

    @Test
    void aFileThatCannotBeReadShowsTheReadersMessageInTheEditorWithoutADialog() throws Exception {
        IFile corrupt = ViewerFiles.write(project, "corrupt.qbitest", ViewerFiles.CORRUPT);
        int shells = Display.getCurrent().getShells().length;
        ImageEditor editor = open(corrupt);
        waitFor("the error", () -> editor.error() != null);
        String text = editor.pages().errorText().getText();
        assertTrue(text.contains("corrupt.qbitest: the header has no size line (file truncated?)"), text);
        assertTrue(text.startsWith("Cannot open " + corrupt.getLocation().toOSString()), text);
        assertTrue(editor.pages().errorText().isVisible(), "the error page is on top");
        assertNull(editor.header());
        assertEquals(shells, Display.getCurrent().getShells().length, "no dialog");
    }

    @Test
    void aSliceThatCannotBeDecodedSaysSoOnTheCanvasAndTheOthersStillShow() throws Exception {
        IFile failing = ViewerFiles.write(project, "failing.qbitest", ViewerFiles.FAILING);
        ImageEditor editor = open(failing);
        waitForSlice(editor, 0);
        select(editor.scale(Axis.Z), 2);
        waitFor("the slice error", () -> editor.canvas().message() != null
                && editor.canvas().message().contains("could not be read"));
        assertTrue(editor.canvas().message().contains("failing.qbitest: plane z 2 is corrupt (test)"),
                editor.canvas().message());
        assertNull(editor.slice());
        select(editor.scale(Axis.Z), 1);
        waitForSlice(editor, 1);
        assertNull(editor.canvas().message());
    }

    @Test
    void doubleClickInTheProjectExplorerOpensTheImageEditor() throws Exception {
        CommonNavigator explorer = (CommonNavigator) page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(volume));
        processEvents();
        Tree tree = explorer.getCommonViewer().getTree();
        TreeItem[] selected = tree.getSelection();
        assertEquals(1, selected.length);
        assertEquals("volume.qbitest", selected[0].getText());
        Event open = new Event();
        open.item = selected[0];
        tree.notifyListeners(SWT.DefaultSelection, open);
        processEvents();
        ImageEditor editor = assertInstanceOf(ImageEditor.class, page().getActiveEditor());
        assertEquals(volume.getLocation().toPath(), editor.path());
        waitForSlice(editor, 0);
    }

    @Test
    void theImageEditorIsTheDefaultForImageFileNames() throws Exception {
        for (String name : List.of("a.tif", "a.TIFF", "a.png", "a.jpg", "a.jpeg", "a.bmp", "a.gif", "a.dcm", "a.nii",
                "a.nii.gz", "a.mha", "a.mhd", "a.nrrd", "a.nhdr", "a.npy", "a.npz", "a.h5", "a.hdf5", "a.zarr",
                "a.qbitest")) {
            assertEquals(ImageViewer.EDITOR_ID, IDE.getEditorDescriptor(name, true, false).getId(), name);
        }
        assertNotEquals(ImageViewer.EDITOR_ID, IDE.getEditorDescriptor("notes.txt", true, false).getId());
        assertNotNull(PlatformUI.getWorkbench().getEditorRegistry().findEditor(ImageViewer.EDITOR_ID));
    }

    @Test
    void openFileOutsideTheWorkspaceOpensTheImageEditor(@TempDir Path outside) throws Exception {
        Path file = outside.resolve("elsewhere.qbitest");
        Files.writeString(file, ViewerFiles.VOLUME);
        // what File > Open File... does with the chosen file
        IEditorPart part = IDE.openEditorOnFileStore(page(), EFS.getLocalFileSystem().getStore(IPath.fromPath(file)));
        ImageEditor editor = assertInstanceOf(ImageEditor.class, part);
        assertInstanceOf(IURIEditorInput.class, editor.getEditorInput());
        assertEquals(file, editor.path());
        waitForSlice(editor, 0);
        assertEquals(64, editor.header().size(Axis.X));
    }

    @Test
    void imageViewerOpensFoldersOutsideTheWorkspaceAndWorkspaceFilesByTheirLocation(@TempDir Path outside) throws Exception {
        Path series = Files.createDirectory(outside.resolve("series"));
        Files.writeString(series.resolve("one.qbitest"), ViewerFiles.SMALL);
        ImageEditor folder = assertInstanceOf(ImageEditor.class, ImageViewer.open(page(), series));
        assertInstanceOf(IURIEditorInput.class, folder.getEditorInput());
        assertEquals(series, folder.path());
        waitForSlice(folder, 0);
        assertEquals(32, folder.header().size(Axis.X));
        assertFalse(folder.pages().entryCombo().isVisible(), "one entry: no choice to offer");

        ImageEditor file = assertInstanceOf(ImageEditor.class, ImageViewer.open(page(), volume.getLocation().toPath()));
        assertEquals(volume, file.getEditorInput().getAdapter(IFile.class), "a workspace file opens as the resource");
        waitForSlice(file, 0);
    }

    @Test
    void openAsImageOpensASeriesFolderAndItsEntriesCanBeChosen() throws Exception {
        IFolder series = ViewerFiles.folder(project, "series");
        ViewerFiles.write(series, "a.qbitest", ViewerFiles.VOLUME);
        ViewerFiles.write(series, "b.qbitest", ViewerFiles.SMALL);
        CommonNavigator explorer = (CommonNavigator) page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(series));
        page().activate(explorer);
        processEvents();
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(ImageViewer.OPEN_AS_IMAGE_COMMAND, null);
        processEvents();
        ImageEditor editor = assertInstanceOf(ImageEditor.class, page().getActiveEditor());
        assertEquals(series.getLocation().toPath(), editor.path());
        waitForSlice(editor, 0);
        assertEquals(64, editor.header().size(Axis.X), "the first entry by default");
        assertTrue(editor.pages().entryCombo().isVisible());
        assertEquals(List.of("a.qbitest", "b.qbitest"), List.of(editor.pages().entryCombo().getItems()));
        editor.pages().entryCombo().select(1);
        editor.pages().entryCombo().notifyListeners(SWT.Selection, new Event());
        waitFor("entry b", () -> editor.header() != null && editor.header().size(Axis.X) == 32 && editor.slice() != null
                && editor.slice().rendered().width() == 32);
        assertEquals(2, editor.scale(Axis.Z).getMaximum());
        assertTrue(editor.pages().headerLine().getText().contains("32 x 32 x 3 uint8"), editor.pages().headerLine().getText());
    }

    @Test
    void openAsImageOnAFileNoReaderReadsSaysSo() throws Exception {
        IFile notes = ViewerFiles.write(project, "notes.txt", "not an image\n");
        CommonNavigator explorer = (CommonNavigator) page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(notes));
        page().activate(explorer);
        processEvents();
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(ImageViewer.OPEN_AS_IMAGE_COMMAND, null);
        ImageEditor editor = assertInstanceOf(ImageEditor.class, page().getActiveEditor());
        waitFor("the error", () -> editor.error() != null);
        assertTrue(editor.error().contains("notes.txt: not an image format QBI reads"), editor.error());
    }

    @Test
    void readingHappensOffTheUiThreadAndClosingTheEditorClosesTheFile() throws Exception {
        int before = TestFormatReader.OPEN_SOURCES.get();
        TestFormatReader.READING_THREADS.clear();
        ImageEditor editor = open(volume);
        waitForSlice(editor, 0);
        select(editor.scale(Axis.Z), 4);
        waitForSlice(editor, 4);
        assertEquals(before + 1, TestFormatReader.OPEN_SOURCES.get());
        assertFalse(TestFormatReader.READING_THREADS.isEmpty());
        assertFalse(TestFormatReader.READING_THREADS.contains(Display.getCurrent().getThread().getName()),
                "read on " + TestFormatReader.READING_THREADS);
        page().closeEditor(editor, false);
        waitFor("the file to be closed", () -> TestFormatReader.OPEN_SOURCES.get() == before);
    }

    private static ImageEditor open(IFile file) throws Exception {
        IEditorPart part = IDE.openEditor(page(), file);
        processEvents();
        return assertInstanceOf(ImageEditor.class, part);
    }

    static ImageEditor.Slice waitForSlice(ImageEditor editor, long z) {
        waitFor("slice z " + z, () -> editor.slice() != null && editor.slice().z() == z && editor.canvas().data() != null
                && editor.canvas().message() == null);
        return editor.slice();
    }

    private static void select(Scale scale, int value) {
        scale.setSelection(value);
        scale.notifyListeners(SWT.Selection, new Event());
    }

    private static void moveMouse(ImageEditor editor, double x, double y) {
        Event move = new Event();
        move.x = (int) Math.round(x);
        move.y = (int) Math.round(y);
        editor.canvas().control().notifyListeners(SWT.MouseMove, move);
    }

    private static String sliderLabelText(ImageEditor editor) {
        StringBuilder text = new StringBuilder();
        for (var control : editor.scale(Axis.Z).getParent().getChildren()) {
            if (control instanceof org.eclipse.swt.widgets.Label label) {
                text.append(label.getText()).append('|');
            }
        }
        return text.toString();
    }
}
