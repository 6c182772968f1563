package org.qbi.ui.viewer.internal;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.qbi.ui.viewer.Lut;
import org.qbi.ui.viewer.internal.render.Luts;

/**
 * The viewer's own LUTs as {@code org.qbi.luts} contributions: {@code class="...BuiltinLut:viridis"}, the part
 * after the colon naming the table of {@link Luts} (gray, inverted-gray, hot, jet, labels, or a matplotlib map).
 */
public final class BuiltinLut implements Lut, IExecutableExtension {

    private Lut lut = Luts.gray();

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        String name = data instanceof String s ? s.strip() : "gray";
        lut = switch (name) {
            case "gray" -> Luts.gray();
            case "inverted-gray" -> Luts.invertedGray();
            case "hot" -> Luts.hot();
            case "jet" -> Luts.jet();
            case "labels" -> Luts.labels();
            default -> Luts.matplotlib(name);
        };
    }

    @Override
    public int rgb(double t) {
        return lut.rgb(t);
    }

    @Override
    public int labelRgb(long label) {
        return lut.labelRgb(label);
    }
}
