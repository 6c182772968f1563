package org.qbi.ui.workbench.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the user guide's Markdown into plain text plus style spans for a StyledText: headings, bullets,
 * code blocks, tables (kept as monospace lines), inline {@code code} and **bold**. Deliberately small: the
 * guide is our own file, written in this subset; no Markdown library on Maven Central renders to SWT.
 */
final class MarkdownText {

    enum Style { HEADING1, HEADING2, HEADING3, BOLD, CODE }

    record Span(int start, int length, Style style) {
    }

    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*([^*]+)\\*\\*|\\[([^\\]]+)\\]\\(([^)]+)\\)");

    private final StringBuilder text = new StringBuilder();
    private final List<Span> spans = new ArrayList<>();

    static MarkdownText render(String markdown) {
        MarkdownText result = new MarkdownText();
        boolean inCode = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode || line.startsWith("|") || line.startsWith("    ")) {
                result.appendWhole(line, Style.CODE);
            } else if (line.startsWith("### ")) {
                result.appendWhole(line.substring(4), Style.HEADING3);
            } else if (line.startsWith("## ")) {
                result.appendWhole(line.substring(3), Style.HEADING2);
            } else if (line.startsWith("# ")) {
                result.appendWhole(line.substring(2), Style.HEADING1);
            } else if (line.matches("\\s*[-*] .*")) {
                int indent = line.indexOf(line.strip().charAt(0));
                result.appendInline(" ".repeat(indent) + "\u2022 " + line.strip().substring(2));
            } else {
                result.appendInline(line);
            }
            result.text.append('\n');
        }
        return result;
    }

    private void appendWhole(String line, Style style) {
        spans.add(new Span(text.length(), line.length(), style));
        text.append(line);
    }

    private void appendInline(String line) {
        Matcher m = INLINE.matcher(line);
        int last = 0;
        while (m.find()) {
            text.append(line, last, m.start());
            if (m.group(1) != null) {
                appendWhole(m.group(1), Style.CODE);
            } else if (m.group(2) != null) {
                appendWhole(m.group(2), Style.BOLD);
            } else {
                text.append(m.group(3));
            }
            last = m.end();
        }
        text.append(line.substring(last));
    }

    String text() {
        return text.toString();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }
}
