package org.qbi.ui.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunWriter;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.workbench.QbiPerspectives;

/**
 * The SQL console of the Statistics perspective on a project of two groups whose store holds one run of pore
 * volumes: control a1 (1, 2), a2 (3); treated b1 (10, 20, 30). Sums and counts per group are known by hand.
 */
class SqlConsoleViewTest {

    private static IProject project;

    @BeforeAll
    static void storeOneRun() throws Exception {
        project = QbiProjects.create("SQL study", null, new NullProgressMonitor());
        ProjectLayout layout = QbiProjects.layout(project);
        SampleCatalog catalog = new SampleCatalog();
        catalog.put(new Sample("a1", "control", "", List.of(), Map.of()));
        catalog.put(new Sample("a2", "control", "", List.of(), Map.of()));
        catalog.put(new Sample("b1", "treated", "", List.of(), Map.of()));
        catalog.save(layout.catalogFile());
        try (ResultsStore store = ResultsStore.open(layout); RunWriter run = store.startRun("pores-1", "")) {
            run.add("a1", "raw/a1.tif", pores(1, 2));
            run.add("a2", "raw/a2.tif", pores(3));
            run.add("b1", "raw/b1.tif", pores(10, 20, 30));
            run.commit();
        }
    }

    private static Table pores(double... volumes) {
        double[] labels = new double[volumes.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i + 1;
        }
        return Table.builder("pores").numbers("label", "", labels).numbers("volume", "um^3", volumes).build();
    }

    @AfterAll
    static void deleteProject() throws Exception {
        IViewPart view = page().findView(SqlConsoleView.ID);
        if (view != null) {
            page().hideView(view);
        }
        project.delete(true, true, new NullProgressMonitor());
    }

    private static SqlConsoleView run(String sql) throws Exception {
        PlatformUI.getWorkbench().showPerspective(QbiPerspectives.STATISTICS,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        IViewPart part = page().findView(SqlConsoleView.ID);
        assertNotNull(part, "the Statistics perspective has the SQL Console");
        page().bringToTop(part);
        SqlConsoleView view = (SqlConsoleView) part;
        view.openProject(project);
        view.setQuery(sql);
        view.runQuery();
        waitFor("the query's result", () -> !view.isBusy() && !view.statusText().startsWith("Running"));
        return view;
    }

    @Test
    void groupsJoinedFromTheCatalogGiveTheKnownSums(@TempDir Path dir) throws Exception {
        String sql = "SELECT \"group\", count(*) AS n, sum(volume) AS total FROM grouped.pores GROUP BY 1 ORDER BY 1";
        SqlConsoleView view = run(sql);
        Table result = view.shown();
        assertNotNull(result, view.statusText());
        assertEquals(2, result.rowCount(), view.statusText());
        assertEquals(List.of("control", "treated"), List.of(result.column("group").text(0),
                result.column("group").text(1)));
        assertEquals(3, result.column("n").number(0), 0);
        assertEquals(6, result.column("total").number(0), 0);
        assertEquals(3, result.column("n").number(1), 0);
        assertEquals(60, result.column("total").number(1), 0);
        assertTrue(view.statusText().startsWith("2 rows, 3 columns"), view.statusText());
        Path csv = view.exportTo(dir.resolve("groups.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(2).startsWith("treated,3,60"), lines.get(2));
        assertTrue(Files.exists(dir.resolve("groups.csv.provenance.json")), "the export's provenance sidecar");
    }

    @Test
    void aWrongQueryShowsDuckDbsMessageAndNoTable() throws Exception {
        SqlConsoleView view = run("SELECT * FROM no_such_table");
        assertEquals(null, view.shown());
        assertTrue(view.statusText().contains("no_such_table"), view.statusText());
    }
}
