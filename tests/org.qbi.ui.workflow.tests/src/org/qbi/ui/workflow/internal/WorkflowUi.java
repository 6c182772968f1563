package org.qbi.ui.workflow.internal;

import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.ui.PartInitException;
import org.qbi.io.testing.SharedData;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.workflow.PipelineViews;

/** A QBI project with blobs.tif as samples and the nuclei-counting pipeline of the tests. */
final class WorkflowUi {

    /** The tests' pipeline: the counts of data/blobs_counts.txt (62 with sigma 1, 61 with sigma 2). */
    static final String PIPELINE = """
            qbi-pipeline: 1
            name: count
            inputs:
              image: {file: 0}
            steps:
              - {id: smooth, op: filter.gaussian, in: {image: image}, params: {sigma: 1}}
              - {id: mask, op: threshold.otsu, in: {image: smooth}}
              - {id: objects, op: segment.label, in: {mask: mask.mask}, params: {connectivity: 8}}
              - {id: regions, op: measure.regions, in: {labels: objects.labels, image: image}}
            outputs:
              - {from: objects.labels, file: labels.tif}
              - {from: regions, table: nuclei}
            """;

    /** Nuclei of blobs.tif with sigma 1 and 2 (scipy/scikit-image, data/blobs_counts.py). */
    static final int COUNT_SIGMA_1 = 62;
    static final int COUNT_SIGMA_2 = 61;

    private WorkflowUi() {
    }

    /** A new project holding blobs.tif in raw/ and samples {@code ids}, each of that file. */
    static IProject project(String name, String... ids) throws CoreException, IOException {
        IProject existing = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (existing.exists()) {
            existing.delete(true, true, null);
        }
        IProject project = QbiProjects.create(name, null, null);
        ProjectLayout layout = QbiProjects.layout(project);
        Path source = SharedData.file("tiff/8bit/blobs.tif");
        Path image = layout.raw().resolve("blobs.tif");
        Files.copy(source, image, StandardCopyOption.REPLACE_EXISTING);
        SampleCatalog catalog = new SampleCatalog();
        for (String id : ids) {
            catalog.put(new Sample(id, "A", "", List.of(layout.relativize(image))));
        }
        catalog.save(layout.catalogFile());
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        return project;
    }

    /** Writes {@code text} as pipelines/NAME.yaml. */
    static IFile pipeline(IProject project, String name, String text) throws IOException, CoreException {
        Path file = QbiProjects.layout(project).pipelines().resolve(name + ".yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        IFile resource = project.getFile("pipelines/" + name + ".yaml");
        resource.refreshLocal(IResource.DEPTH_ZERO, null);
        return resource;
    }

    static PipelineView view() throws PartInitException {
        PipelineView view = (PipelineView) page().showView(PipelineViews.PIPELINE_VIEW_ID);
        processEvents();
        return view;
    }

    /** Rows of a CSV file (its lines without the header). */
    static int rows(Path csv) throws IOException {
        return (int) Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).count() - 1;
    }

    static void cleanUp() throws CoreException {
        page().closeAllEditors(false);
        processEvents();
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }
}
