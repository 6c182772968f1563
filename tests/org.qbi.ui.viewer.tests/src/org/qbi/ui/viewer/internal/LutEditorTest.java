package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qbi.ui.viewer.internal.render.CtPresets;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.SliceRenderer.Contrast;

/**
 * LUTs, log scale, colour bar and CT presets in the running Image editor: the LUTs come through the
 * {@code org.qbi.luts} extension point, and the pixels drawn are the chosen LUT's colours over the window.
 */
class LutEditorTest {

    private static final String VIRIDIS = "org.qbi.ui.viewer.luts.viridis";

    private IProject project;

    @BeforeEach
    void testProject() throws Exception {
        project = ViewerFiles.project("lut-test");
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
    void theRegistryListsTheBuiltInLutsContributedThroughTheExtensionPoint() {
        Map<String, LutRegistry.Entry> byId = LutRegistry.installed().stream()
                .collect(Collectors.toMap(LutRegistry.Entry::id, e -> e));
        List<String> names = List.of("gray", "inverted-gray", "viridis", "plasma", "inferno", "magma", "cividis", "hot",
                "jet", "labels");
        for (String name : names) {
            LutRegistry.Entry entry = byId.get("org.qbi.ui.viewer.luts." + name);
            assertNotNull(entry, name + " is contributed; installed: " + byId.keySet());
            assertEquals("org.qbi.ui.viewer", entry.contributor());
            assertEquals(name.equals("labels"), entry.categorical(), name);
        }
        assertEquals("Viridis", byId.get(VIRIDIS).name());
        assertEquals(0x440154, byId.get(VIRIDIS).lut().rgb(0));
        assertEquals(0xfde725, byId.get(VIRIDIS).lut().rgb(1));
    }

    @Test
    void withViridisThePixelAtTheWindowMinimumIs440154AndTheColourBarShowsTheWindowInHu() throws Exception {
        IFile volume = ViewerFiles.write(project, "volume.qbitest", ViewerFiles.VOLUME);
        ImageEditor editor = open(volume);
        ImageEditorTest.waitForSlice(editor, 0);
        assertTrue(editor.colourBar().visible());
        assertEquals(0x808080, editor.colourBar().colours()[128], "gray by default");
        editor.display().setContrast(Contrast.MIN_MAX);
        editor.setLut(VIRIDIS);
        waitFor("a viridis slice", () -> editor.slice() != null && editor.slice().look().lut() != null
                && editor.slice().rendered().window().equals(new DisplayWindow(1000, 1771))
                && editor.canvas().data() != null && editor.canvas().data().depth == 24);
        ImageData data = editor.canvas().data();
        // ramp: (0, 0) holds the minimum 1000, (63, 47) the maximum 1000 + 630 + 141
        assertEquals(0x440154, rgb(data, 0, 0));
        assertEquals(0xfde725, rgb(data, 63, 47));
        assertTrue(editor.colourBar().visible());
        assertEquals(0x440154, editor.colourBar().colours()[0]);
        assertEquals(0xfde725, editor.colourBar().colours()[255]);
        // value = 2 x stored - 1000 HU
        assertEquals("1000 HU", editor.colourBar().bottom());
        assertEquals("2542 HU", editor.colourBar().top());
        assertTrue(editor.status().getText().contains("Viridis"), editor.status().getText());
    }

    @Test
    void theLungPresetShowsMinus1350HuBlackAnd150HuWhite() throws Exception {
        // stored 1000 + 10 x (+ 3 y), HU = stored - 2400: row 0 goes from -1400 HU (x 0) to 190 HU (x 159)
        IFile ct = ViewerFiles.write(project, "ct.qbitest", """
                QBITEST
                type=uint16
                size=160,2,1
                spacing=1,1,1
                unit=mm
                rescale=1,-2400,HU
                """);
        ImageEditor editor = open(ct);
        ImageEditorTest.waitForSlice(editor, 0);
        editor.display().setPreset(CtPresets.LUNG);
        DisplayWindow lung = new DisplayWindow(1050, 2550);
        waitFor("the lung window", () -> editor.slice() != null && editor.slice().rendered().window().equals(lung)
                && editor.canvas().data() != null);
        ImageData data = editor.canvas().data();
        assertEquals(0x000000, rgb(data, 5, 0), "-1350 HU black");
        assertEquals(0x000000, rgb(data, 0, 0), "-1400 HU black");
        assertEquals(0xffffff, rgb(data, 155, 0), "150 HU white");
        assertEquals(0xffffff, rgb(data, 159, 0), "190 HU white");
        assertEquals(0x808080, rgb(data, 80, 0), "-600 HU (the level): 127.5 -> 128");
        assertEquals(0x020202, rgb(data, 6, 0), "-1340 HU: 255 * 10 / 1500 = 1.7 -> 2");
        assertEquals("-1350 HU", editor.colourBar().bottom());
        assertEquals("150 HU", editor.colourBar().top());
        assertTrue(editor.status().getText().contains("CT Lung (W 1500, L -600)"), editor.status().getText());
    }

    @Test
    void logScaleMapsTheWindowThroughLog1p() throws Exception {
        IFile ct = ViewerFiles.write(project, "ct.qbitest", """
                QBITEST
                type=uint16
                size=160,2,1
                rescale=1,-2400,HU
                """);
        ImageEditor editor = open(ct);
        ImageEditorTest.waitForSlice(editor, 0);
        editor.display().setPreset(CtPresets.LUNG);
        editor.display().setLogScale(true);
        waitFor("a log slice", () -> editor.slice() != null && editor.slice().look().log()
                && editor.slice().rendered().window().equals(new DisplayWindow(1050, 2550)));
        ImageData data = editor.canvas().data();
        // x 6: stored 1060, 10 above the low end: round(255 log(11) / log(1501)) = 84
        int level = (int) Math.rint(255 * Math.log1p(10) / Math.log1p(1500));
        assertEquals(84, level);
        assertEquals(level << 16 | level << 8 | level, rgb(data, 6, 0));
        assertEquals(0xffffff, rgb(data, 155, 0));
        assertEquals(0, rgb(data, 5, 0));
    }

    @Test
    void theContextMenuHasTheLutsLogScaleAndCtPresetsOnlyForHuImages() throws Exception {
        IFile volume = ViewerFiles.write(project, "volume.qbitest", ViewerFiles.VOLUME);
        ImageEditor editor = open(volume);
        ImageEditorTest.waitForSlice(editor, 0);
        Menu menu = showMenu(editor);
        MenuItem lutCascade = item(menu, "LUT");
        List<String> luts = Arrays.stream(lutCascade.getMenu().getItems()).map(MenuItem::getText).toList();
        assertTrue(luts.containsAll(List.of("Gray", "Inverted Gray", "Viridis", "Plasma", "Inferno", "Magma", "Cividis",
                "Hot", "Jet", "Labels")), luts.toString());
        assertTrue(item(lutCascade.getMenu(), "Gray").getSelection(), "gray by default");
        assertTrue(item(menu, "CT Lung (W 1500, L -600)").isEnabled(), "HU image: presets on");
        assertTrue(item(menu, "CT Brain (W 80, L 40)").isEnabled());
        assertTrue(item(menu, "CT Soft Tissue (W 400, L 40)").isEnabled());
        assertTrue(item(menu, "CT Bone (W 1800, L 400)").isEnabled());
        MenuItem viridis = item(lutCascade.getMenu(), "Viridis");
        for (MenuItem other : lutCascade.getMenu().getItems()) {
            other.setSelection(other == viridis);
        }
        viridis.notifyListeners(SWT.Selection, new Event());
        waitFor("a viridis slice", () -> editor.slice() != null && editor.slice().look().lut() != null
                && editor.canvas().data() != null && editor.canvas().data().depth == 24);
        MenuItem log = item(menu, "Log Scale");
        log.setSelection(true);
        log.notifyListeners(SWT.Selection, new Event());
        waitFor("a log slice", () -> editor.slice() != null && editor.slice().look().log());
        showMenu(editor);
        assertTrue(item(lutCascade.getMenu(), "Viridis").getSelection());
        assertTrue(item(menu, "Log Scale").getSelection());

        IFile plain = ViewerFiles.write(project, "plain.qbitest", """
                QBITEST
                type=uint16
                size=16,8,1
                """);
        ImageEditor other = open(plain);
        ImageEditorTest.waitForSlice(other, 0);
        Menu otherMenu = showMenu(other);
        assertFalse(item(otherMenu, "CT Lung (W 1500, L -600)").isEnabled(), "no HU: no CT presets");
        assertTrue(other.colourBar().visible());
        assertEquals("1000", other.colourBar().bottom(), "no unit without a rescale");
    }

    private static Menu showMenu(ImageEditor editor) {
        Menu menu = editor.canvas().control().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        return menu;
    }

    private static MenuItem item(Menu menu, String text) {
        return Arrays.stream(menu.getItems()).filter(i -> i.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item '" + text + "' in "
                        + Arrays.stream(menu.getItems()).map(MenuItem::getText).toList()));
    }

    private static int rgb(ImageData data, int x, int y) {
        RGB rgb = data.palette.getRGB(data.getPixel(x, y));
        return rgb.red << 16 | rgb.green << 8 | rgb.blue;
    }

    private static ImageEditor open(IFile file) throws Exception {
        IEditorPart part = IDE.openEditor(page(), file);
        processEvents();
        return (ImageEditor) part;
    }
}
