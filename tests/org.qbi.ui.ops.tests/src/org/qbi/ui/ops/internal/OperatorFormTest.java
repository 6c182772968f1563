package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.processEvents;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.Param;
import org.qbi.ops.filters.GaussianFilter;

/** The form generated from a declaration: controls by type, defaults, inline messages, Reset, when Run is allowed. */
class OperatorFormTest {

    @AfterEach
    void cleanUp() throws Exception {
        OpsUi.cleanUp();
    }

    @Test
    void theGaussiansFormHasOneControlPerParameterWithItsDefault() throws Exception {
        OperatorFormView form = OpsUi.form("filter.gaussian");
        assertEquals(List.of("sigma", "truncate", "mode"), form.fields().stream().map(f -> f.param().name()).toList());
        assertInstanceOf(Text.class, form.field("sigma").control(), "a length is typed");
        assertInstanceOf(Text.class, form.field("truncate").control(), "a real number is typed");
        Combo mode = assertInstanceOf(Combo.class, form.field("mode").control(), "a choice is a drop-down");
        assertEquals(GaussianFilter.MODE.choices(), List.of(mode.getItems()));
        assertEquals("1 px", form.field("sigma").text());
        assertEquals("4", form.field("truncate").text());
        assertEquals("reflect", form.field("mode").text());
        assertEquals("px, or nm/um/mm: 2 px, 0.5 mm", ParameterField.hint(GaussianFilter.SIGMA));
        assertEquals("between 0.5 and 20", ParameterField.hint(GaussianFilter.TRUNCATE));
        assertNull(form.field("sigma").message());
        assertFalse(form.runButton().isEnabled(), "no image anywhere: nothing to run on");
        assertEquals("Choose an image for input 'image'", form.problem().getText());
    }

    @Test
    void anInvalidValueShowsTheParametersMessageAndDisablesRun() throws Exception {
        IProject project = OpsUi.project("form-test");
        IFile blobs = OpsUi.importRaw(project, SharedData.file("tiff/8bit/blobs.tif"));
        OpsUi.openImage(blobs);
        OperatorFormView form = OpsUi.form("filter.gaussian");
        OpsUi.choose(form.inputCombo("image"), "blobs.tif");
        assertEquals("form-test", form.projectCombo().getText(), "results go to the input's project");
        assertTrue(form.runButton().isEnabled(), "valid defaults and an input: Run is allowed");

        OpsUi.type(form, "truncate", "0.1");
        String expected = assertThrows(IllegalArgumentException.class, () -> GaussianFilter.TRUNCATE.parse("0.1"))
                .getMessage();
        assertEquals(expected, form.field("truncate").message());
        assertTrue(expected.contains("between 0.5 and 20"), expected);
        assertFalse(form.runButton().isEnabled());
        assertEquals("Correct the values in red", form.problem().getText());

        OpsUi.type(form, "truncate", "abc");
        assertEquals("Parameter 'truncate': 'abc' is not a number", form.field("truncate").message());
        OpsUi.type(form, "sigma", "2 furlongs");
        assertTrue(form.field("sigma").message().contains("Unknown length unit 'furlongs'"), form.field("sigma").message());
        assertFalse(form.runButton().isEnabled());

        OpsUi.type(form, "sigma", "0.5 mm");
        assertNull(form.field("sigma").message(), "a physical length is a valid value");

        form.resetButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        processEvents();
        assertEquals("4", form.field("truncate").text());
        assertEquals("1 px", form.field("sigma").text());
        assertNull(form.field("truncate").message());
        assertTrue(form.runButton().isEnabled(), "Reset brings back valid defaults");
    }

    @Test
    void everyParameterTypeGetsItsControl() throws Exception {
        Composite parent = new Composite(org.qbi.ui.testing.UiTesting.shell(), SWT.NONE);
        try {
            parent.setLayout(new org.eclipse.swt.layout.GridLayout(3, false));
            ParameterField flag = new ParameterField(parent, Param.flag("fill", "Fill", "Fill holes", true), () -> {
            });
            ParameterField count = new ParameterField(parent, Param.integer("bins", "Bins", "Bins", 256).range(2, 65536),
                    () -> {
                    });
            ParameterField list = new ParameterField(parent, Param.reals("levels", "Levels", "Levels", 1, 2.5), () -> {
            });
            ParameterField required = new ParameterField(parent, Param.requiredReal("value", "Value", "Threshold"), () -> {
            });
            Button check = assertInstanceOf(Button.class, flag.control());
            assertTrue(check.getSelection());
            assertEquals("true", flag.text());
            assertEquals("256", count.text());
            assertEquals("1,2.5", list.text());
            assertEquals("", required.text(), "no default: empty");
            assertEquals("Parameter 'value': '' is not a number", required.validate());
            ((Text) count.control()).setText("1");
            assertEquals("Parameter 'bins' is 1; it must be between 2 and 65536", count.validate());
            ((Text) count.control()).setText("2.5");
            assertEquals("Parameter 'bins': '2.5' is not a whole number", count.validate());
            ((Text) list.control()).setText("1, x");
            assertEquals("Parameter 'levels': 'x' is not a number", list.validate());
        } finally {
            parent.dispose();
        }
    }
}
