package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.qbi.ops.Operators;
import org.qbi.ops.filters.GaussianFilter;
import org.qbi.ui.ops.OperatorViews;

/** The palette: installed operators by category, the filter, the details, plugins that failed to load. */
class PaletteTest {

    @Test
    void theProcessPerspectiveShowsThePaletteAndTheForm() {
        OpsUi.processPerspective();
        assertNotNull(page().findView(OperatorViews.PALETTE_VIEW_ID), "the Operators view is in Process");
        assertNotNull(page().findView(OperatorViews.FORM_VIEW_ID), "the Operator view is in Process");
    }

    @Test
    void listsTheGaussianUnderFiltersAndEveryInstalledOperator() throws Exception {
        OperatorsView palette = OpsUi.palette();
        palette.filter().setText("");
        processEvents();
        Operators installed = Operators.installed();
        List<PaletteModel.Group> groups = palette.shownGroups();
        long shownOperators = groups.stream().flatMap(g -> g.children().stream())
                .filter(Operators.Installed.class::isInstance).count();
        assertEquals(installed.all().size(), shownOperators, "every installed operator is in the palette");
        PaletteModel.Group filters = group(groups, "Filters").orElseThrow();
        assertTrue(filters.children().stream().anyMatch(o -> o instanceof Operators.Installed i
                && i.spec().id().equals("filter.gaussian")), "filter.gaussian under Filters");

        // what the tree really shows
        TreeItem filtersItem = item(palette.tree().getTree().getItems(), "Filters (");
        assertTrue(List.of(filtersItem.getItems()).stream().anyMatch(i -> i.getText().equals("Gaussian filter  \u2013 filter.gaussian")));
    }

    @Test
    void theFilterKeepsMatchingOperatorsAndAlwaysShowsBrokenPlugins() throws Exception {
        OperatorsView palette = OpsUi.palette();
        palette.filter().setText("gaussian");
        processEvents();
        List<PaletteModel.Group> groups = palette.shownGroups();
        assertTrue(group(groups, "Filters").isPresent());
        assertTrue(group(groups, "Test").isEmpty(), "the test operators do not match 'gaussian'");
        assertTrue(group(groups, PaletteModel.PROBLEMS).isPresent(), "a broken plugin stays visible");

        palette.filter().setText("smooth  KERNEL");
        processEvents();
        assertTrue(group(palette.shownGroups(), "Filters").isPresent(), "words in the description, any case");

        palette.filter().setText("no such operator");
        processEvents();
        assertEquals(List.of(PaletteModel.PROBLEMS), palette.shownGroups().stream().map(PaletteModel.Group::name).toList());
        palette.filter().setText("");
        processEvents();
    }

    @Test
    void aPluginThatFailedToLoadIsNamed() throws Exception {
        OperatorsView palette = OpsUi.palette();
        palette.filter().setText("");
        processEvents();
        PaletteModel.Group problems = group(palette.shownGroups(), PaletteModel.PROBLEMS).orElseThrow();
        PaletteModel.Problem problem = problems.children().stream().map(PaletteModel.Problem.class::cast)
                .filter(p -> p.message().contains("org.qbi.ui.ops.testops.DoesNotExist")).findFirst().orElseThrow();
        // the fragment's contribution counts as its host's
        assertEquals("org.qbi.ui.ops", problem.plugin());
        TreeItem item = item(palette.tree().getTree().getItems(), PaletteModel.PROBLEMS);
        assertTrue(List.of(item.getItems()).stream().anyMatch(i -> i.getText().equals("org.qbi.ui.ops: could not be loaded")));
        palette.tree().setSelection(new StructuredSelection(problem), true);
        processEvents();
        assertTrue(palette.details().getText().contains("org.qbi.ui.ops.testops.DoesNotExist"), palette.details().getText());
    }

    @Test
    void showsDescriptionAndReferenceOfTheSelection() throws Exception {
        OperatorsView palette = OpsUi.palette();
        palette.select("filter.gaussian");
        processEvents();
        String details = palette.details().getText();
        assertTrue(details.contains(GaussianFilter.SPEC.description()), details);
        assertTrue(details.contains("Reference: " + GaussianFilter.SPEC.reference()), details);
        assertTrue(details.contains("Plugin: org.qbi.ops.filters"), details);
        assertFalse(details.isBlank());
    }

    @Test
    void groupsAndDuplicatesWithoutTheWorkbench() {
        Operators.Installed gauss = new Operators.Installed(new GaussianFilter(), "lab.a", "1.0");
        Operators.Installed again = new Operators.Installed(new GaussianFilter(), "lab.b", "2.0");
        Operators operators = Operators.of(List.of(gauss, again));
        List<PaletteModel.Group> groups = PaletteModel.groups(operators, "");
        assertEquals(List.of("Filters", PaletteModel.PROBLEMS), groups.stream().map(PaletteModel.Group::name).toList());
        assertEquals(List.of(gauss), groups.get(0).children());
        assertEquals("lab.b", ((PaletteModel.Problem) groups.get(1).children().getFirst()).plugin());
        assertTrue(PaletteModel.matches(GaussianFilter.SPEC, "FILTER.gauss"));
        assertFalse(PaletteModel.matches(GaussianFilter.SPEC, "gaussian median"));
    }

    private static Optional<PaletteModel.Group> group(List<PaletteModel.Group> groups, String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    private static TreeItem item(TreeItem[] items, String prefix) {
        for (TreeItem item : items) {
            if (item.getText().startsWith(prefix)) {
                return item;
            }
        }
        throw new AssertionError("no tree item starting with " + prefix);
    }
}
