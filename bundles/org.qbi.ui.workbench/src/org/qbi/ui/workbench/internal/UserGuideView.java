package org.qbi.ui.workbench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;

/** Help &gt; User Guide: the guide shipped in this bundle (help/USER-GUIDE.md), readable and searchable. */
public final class UserGuideView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = "org.qbi.ui.views.userGuide";

    static final String GUIDE = "help/USER-GUIDE.md";

    private StyledText text;

    @Override
    public void createPartControl(Composite parent) {
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        text = new StyledText(parent, SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.WRAP);
        text.setMargins(16, 12, 16, 12);
        MarkdownText guide = MarkdownText.render(loadGuide());
        text.setText(guide.text());
        Font base = text.getFont();
        Font h1 = resources.create(FontDescriptor.createFrom(base).setStyle(SWT.BOLD).increaseHeight(8));
        Font h2 = resources.create(FontDescriptor.createFrom(base).setStyle(SWT.BOLD).increaseHeight(4));
        Font h3 = resources.create(FontDescriptor.createFrom(base).setStyle(SWT.BOLD).increaseHeight(1));
        Font bold = resources.create(FontDescriptor.createFrom(base).setStyle(SWT.BOLD));
        Font mono = JFaceResources.getTextFont();
        for (MarkdownText.Span span : guide.spans()) {
            StyleRange range = new StyleRange();
            range.start = span.start();
            range.length = span.length();
            range.font = switch (span.style()) {
                case HEADING1 -> h1;
                case HEADING2 -> h2;
                case HEADING3 -> h3;
                case BOLD -> bold;
                case CODE -> mono;
            };
            text.setStyleRange(range);
        }
    }

    /** The guide's Markdown text (docs/USER-GUIDE.md, copied onto the class path by the build). */
    static String loadGuide() {
        try (InputStream in = UserGuideView.class.getResourceAsStream("/" + GUIDE)) {
            if (in == null) {
                return "# User guide missing\n\nThe file " + GUIDE + " is not in bundle org.qbi.ui.workbench; the "
                        + "installation is damaged. The guide is also at docs/USER-GUIDE.md in the source repository.";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Platform.getLog(UserGuideView.class).error("Could not read " + GUIDE, e);
            return "# User guide unreadable\n\n" + e.getMessage();
        }
    }

    @Override
    public void setFocus() {
        text.setFocus();
    }
}
