package org.qbi.ui.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.ui.workbench.internal.MarkdownText.Span;
import org.qbi.ui.workbench.internal.MarkdownText.Style;

class MarkdownTextTest {

    @Test
    void headingsLoseTheirHashesAndAreStyledByLevel() {
        MarkdownText text = MarkdownText.render("# Guide\n## Projects\n### Import\n");
        assertEquals("Guide\nProjects\nImport\n\n", text.text());
        assertEquals(List.of(new Span(0, 5, Style.HEADING1), new Span(6, 8, Style.HEADING2), new Span(15, 6, Style.HEADING3)),
                text.spans());
    }

    @Test
    void inlineCodeBoldAndLinksKeepTheirTextOnly() {
        MarkdownText text = MarkdownText.render("Run `qbi --help`, **then** see [the guide](docs/USER-GUIDE.md).");
        assertEquals("Run qbi --help, then see the guide.\n", text.text());
        assertEquals(List.of(new Span(4, 10, Style.CODE), new Span(16, 4, Style.BOLD)), text.spans());
    }

    @Test
    void bulletsBecomeDotsAndKeepTheirIndent() {
        assertEquals("\u2022 one\n  \u2022 two\n", MarkdownText.render("- one\n  - two").text());
    }

    @Test
    void codeBlocksAndTablesAreMonospaceLinesWithoutFences() {
        MarkdownText text = MarkdownText.render("```\nqbi version\n```\n| a | b |");
        assertEquals("qbi version\n| a | b |\n", text.text());
        assertEquals(List.of(new Span(0, 11, Style.CODE), new Span(12, 9, Style.CODE)), text.spans());
    }
}
