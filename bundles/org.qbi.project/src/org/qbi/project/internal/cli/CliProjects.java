package org.qbi.project.internal.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.qbi.core.cli.CommandFailure;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;

/** Opening a project and its catalog for a subcommand: what is wrong becomes the one-line reason. */
final class CliProjects {

    private CliProjects() {
    }

    static ProjectLayout open(Path project) {
        try {
            return ProjectLayout.open(project);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    static SampleCatalog catalog(ProjectLayout layout) throws IOException {
        try {
            return SampleCatalog.load(layout.catalogFile());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }
}
