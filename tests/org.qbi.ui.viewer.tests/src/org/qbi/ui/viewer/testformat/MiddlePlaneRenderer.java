package org.qbi.ui.viewer.testformat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.ui.viewer.ImageRenderer;
import org.qbi.ui.viewer.ImageRendererSite;

/**
 * A renderer as a lab would contribute it through {@code org.qbi.viewers}, using only the API: it reads the middle
 * x-y plane in a job holding the site's rule and colours it through the site. The tests read what it made.
 */
public final class MiddlePlaneRenderer implements ImageRenderer {

    /** The last instance created and what it rendered (tests). */
    public static volatile MiddlePlaneRenderer last;
    public volatile ImageData rendered;
    public volatile int refreshes;
    private ImageRendererSite site;
    private Label label;

    @Override
    public Control createControl(Composite parent, ImageRendererSite rendererSite) {
        site = rendererSite;
        last = this;
        label = new Label(parent, SWT.NONE);
        label.setText("Middle plane of " + site.path().getFileName());
        return label;
    }

    @Override
    public void refresh() {
        refreshes++;
        Image image = site.image();
        Job job = Job.create("Middle plane", monitor -> {
            long z = image.header().size(Axis.Z) / 2;
            try {
                MemorySegment plane = image.readPlane(z, 0, 0, Arena.ofAuto());
                rendered = site.render(plane, (int) image.header().size(Axis.X), (int) image.header().size(Axis.Y));
            } catch (IOException e) {
                return Status.error("Cannot read the middle plane", e);
            }
            return Status.OK_STATUS;
        });
        job.setRule(site.readRule());
        job.schedule();
    }
}
