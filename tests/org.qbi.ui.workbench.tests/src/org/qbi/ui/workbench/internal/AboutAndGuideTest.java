package org.qbi.ui.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.findAll;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.shell;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IViewPart;
import org.junit.jupiter.api.Test;
import org.qbi.core.platform.PlatformInfo;

class AboutAndGuideTest {

    @Test
    void aboutListsEveryQbiBundleWithItsVersion() {
        AboutQbiDialog dialog = new AboutQbiDialog(shell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            processEvents();
            Table table = findAll(dialog.getShell(), Table.class).getFirst();
            List<String> bundles = Arrays.stream(table.getItems()).map(item -> item.getText(0)).toList();
            List<String> expected = PlatformInfo.components().stream().map(PlatformInfo.Component::symbolicName).toList();
            assertEquals(expected, bundles);
            assertTrue(bundles.containsAll(List.of("org.qbi.core", "org.qbi.project", "org.qbi.headless",
                    "org.qbi.examples", "org.qbi.ui.workbench", "org.qbi.ui.project")), bundles.toString());
            TableItem core = table.getItem(bundles.indexOf("org.qbi.core"));
            assertEquals(PlatformInfo.platformVersion(), core.getText(1));
            assertTrue(core.getText(1).startsWith("0.1.0."), core.getText(1));
        } finally {
            dialog.close();
        }
    }

    @Test
    void helpShowsTheUserGuideWithStyledHeadings() throws Exception {
        IViewPart view = page().showView(UserGuideView.ID);
        try {
            processEvents();
            StyledText text = findAll(shell(), StyledText.class).stream()
                    .filter(t -> t.getText().startsWith("QBI Workbench user guide")).findFirst().orElseThrow();
            assertTrue(text.getText().contains("The sample catalog"), "the guide's sections are there");
            assertTrue(text.getStyleRanges().length > 20, "headings and code are styled: " + text.getStyleRanges().length);
            assertTrue(text.getStyleRangeAtOffset(0).font.getFontData()[0].getHeight()
                    > text.getFont().getFontData()[0].getHeight(), "the title is larger than the text");
        } finally {
            page().hideView(view);
        }
    }
}
