package org.qbi.io.tiff.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.qbi.core.image.Metadata;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The OME-XML of an OME-TIFF (first IFD's ImageDescription): per image, SizeX/Y/Z/C/T, DimensionOrder, Type,
 * physical sizes with their units, time increment, channel names, and the TiffData elements that place planes
 * in IFDs. Parsed with the JDK's DOM parser, DTDs and external entities disabled.
 */
final class OmeInfo {

    /** One TiffData element: planes from (firstZ, firstC, firstT) on lie in IFDs from {@code ifd} on. */
    record TiffData(int ifd, int firstZ, int firstC, int firstT, int planeCount, boolean otherFile) {
    }

    /** One OME Image with its Pixels. */
    record Image(String id, String name, long sizeX, long sizeY, long sizeZ, long sizeC, long sizeT,
            String dimensionOrder, String type, double physicalX, String unitX, double physicalY, String unitY,
            double physicalZ, String unitZ, double timeIncrement, String timeUnit, List<String> channelNames,
            int samplesPerChannel, List<TiffData> tiffData, String acquisitionDate) {
    }

    final List<Image> images;

    private OmeInfo(List<Image> images) {
        this.images = images;
    }

    /** The OME metadata of a description, or null when it is not OME-XML (or not parseable). */
    static OmeInfo parse(String description) {
        if (description == null) {
            return null;
        }
        String text = description.strip();
        if (!(text.startsWith("<?xml") || text.startsWith("<OME")) || !text.contains("OME")) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            Document doc = builder.parse(new InputSource(new StringReader(text)));
            Element root = doc.getDocumentElement();
            if (!"OME".equals(root.getLocalName())) {
                return null;
            }
            List<Image> images = new ArrayList<>();
            NodeList imageNodes = root.getElementsByTagNameNS("*", "Image");
            for (int i = 0; i < imageNodes.getLength(); i++) {
                Element image = (Element) imageNodes.item(i);
                Element pixels = child(image, "Pixels");
                if (pixels != null) {
                    images.add(image(image, pixels));
                }
            }
            return images.isEmpty() ? null : new OmeInfo(List.copyOf(images));
        } catch (ParserConfigurationException | SAXException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static Image image(Element image, Element pixels) {
        List<String> names = new ArrayList<>();
        int samples = 1;
        NodeList channels = pixels.getElementsByTagNameNS("*", "Channel");
        for (int c = 0; c < channels.getLength(); c++) {
            Element channel = (Element) channels.item(c);
            names.add(channel.getAttribute("Name"));
            samples = Math.max(samples, (int) integer(channel.getAttribute("SamplesPerPixel"), 1));
        }
        List<TiffData> tiffData = new ArrayList<>();
        NodeList data = pixels.getElementsByTagNameNS("*", "TiffData");
        for (int d = 0; d < data.getLength(); d++) {
            Element td = (Element) data.item(d);
            Element uuid = child(td, "UUID");
            boolean other = uuid != null && !uuid.getAttribute("FileName").isEmpty();
            tiffData.add(new TiffData((int) integer(td.getAttribute("IFD"), 0), (int) integer(td.getAttribute("FirstZ"), 0),
                    (int) integer(td.getAttribute("FirstC"), 0), (int) integer(td.getAttribute("FirstT"), 0),
                    (int) integer(td.getAttribute("PlaneCount"), td.hasAttribute("IFD") ? 1 : 0), other));
        }
        Element date = child(image, "AcquisitionDate");
        return new Image(image.getAttribute("ID"), image.getAttribute("Name"), integer(pixels.getAttribute("SizeX"), 1),
                integer(pixels.getAttribute("SizeY"), 1), integer(pixels.getAttribute("SizeZ"), 1),
                integer(pixels.getAttribute("SizeC"), 1), integer(pixels.getAttribute("SizeT"), 1),
                pixels.getAttribute("DimensionOrder"), pixels.getAttribute("Type"),
                number(pixels.getAttribute("PhysicalSizeX")), unit(pixels, "PhysicalSizeXUnit", "\u00b5m"),
                number(pixels.getAttribute("PhysicalSizeY")), unit(pixels, "PhysicalSizeYUnit", "\u00b5m"),
                number(pixels.getAttribute("PhysicalSizeZ")), unit(pixels, "PhysicalSizeZUnit", "\u00b5m"),
                number(pixels.getAttribute("TimeIncrement")), unit(pixels, "TimeIncrementUnit", "s"), List.copyOf(names),
                samples, List.copyOf(tiffData), date == null ? "" : date.getTextContent().strip());
    }

    /** Adds "ome:..." entries (group "OME") describing {@code image}. */
    static void addTo(Metadata.Builder metadata, Image image, int imageCount) {
        String g = "OME";
        metadata.put("ome:images", "Images", g, (long) imageCount);
        if (!image.name().isEmpty()) {
            metadata.put("ome:Name", "Name", g, image.name());
        }
        metadata.put("ome:ID", "ID", g, image.id());
        metadata.put("ome:SizeX", "SizeX", g, image.sizeX());
        metadata.put("ome:SizeY", "SizeY", g, image.sizeY());
        metadata.put("ome:SizeZ", "SizeZ", g, image.sizeZ());
        metadata.put("ome:SizeC", "SizeC", g, image.sizeC());
        metadata.put("ome:SizeT", "SizeT", g, image.sizeT());
        metadata.put("ome:DimensionOrder", "DimensionOrder", g, image.dimensionOrder());
        metadata.put("ome:Type", "Type", g, image.type());
        putSize(metadata, "PhysicalSizeX", image.physicalX(), image.unitX());
        putSize(metadata, "PhysicalSizeY", image.physicalY(), image.unitY());
        putSize(metadata, "PhysicalSizeZ", image.physicalZ(), image.unitZ());
        putSize(metadata, "TimeIncrement", image.timeIncrement(), image.timeUnit());
        if (image.channelNames().stream().anyMatch(n -> !n.isEmpty())) {
            metadata.put("ome:ChannelNames", "Channel names", g, image.channelNames());
        }
        if (!image.acquisitionDate().isEmpty()) {
            metadata.put("ome:AcquisitionDate", "AcquisitionDate", g, image.acquisitionDate());
        }
    }

    private static void putSize(Metadata.Builder metadata, String key, double value, String unit) {
        if (Double.isFinite(value)) {
            metadata.put("ome:" + key, key, "OME", value);
            metadata.put("ome:" + key + "Unit", key + "Unit", "OME", unit);
        }
    }

    private static Element child(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String unit(Element e, String attribute, String fallback) {
        String u = e.getAttribute(attribute);
        return u.isEmpty() ? fallback : u;
    }

    private static long integer(String text, long fallback) {
        try {
            return text == null || text.isBlank() ? fallback : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double number(String text) {
        try {
            double d = text == null || text.isBlank() ? Double.NaN : Double.parseDouble(text.strip());
            return Double.isFinite(d) && d > 0 ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
