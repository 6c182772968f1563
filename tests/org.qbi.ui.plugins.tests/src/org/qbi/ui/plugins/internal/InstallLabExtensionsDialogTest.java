package org.qbi.ui.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.findAll;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.shell;

import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

/**
 * The dialog in a platform without a p2 profile (the test runtime, like a development launch): it says why nothing
 * can be installed instead of failing, and still shows the plugins that failed to load. Installing into the real
 * product is tested end to end by tests/lab-fixture/install-test.sh (run-tests).
 */
class InstallLabExtensionsDialogTest {

    @Test
    void withoutAP2ProfileItSaysWhyAndDisablesInstalling() {
        InstallLabExtensionsDialog dialog = new InstallLabExtensionsDialog(shell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            processEvents();
            List<Label> labels = findAll(dialog.getShell(), Label.class);
            // no p2 data area, or one without a profile: either way the message names config.ini's property
            assertTrue(labels.stream().anyMatch(l -> l.getText().contains("lab extensions cannot be installed into it")
                    && l.getText().contains("config.ini")), "the reason is shown: "
                            + labels.stream().map(Label::getText).toList());
            Button install = findAll(dialog.getShell(), Button.class).stream()
                    .filter(b -> b.getText().equals("Install")).findFirst().orElseThrow();
            assertFalse(install.isEnabled());
            Text repository = findAll(dialog.getShell(), Text.class).stream()
                    .filter(t -> (t.getStyle() & org.eclipse.swt.SWT.SINGLE) != 0).findFirst().orElseThrow();
            assertFalse(repository.isEnabled(), "no repository can be chosen");
            assertEquals(List.of(), dialog.shownInstalled());
        } finally {
            dialog.close();
        }
    }
}
