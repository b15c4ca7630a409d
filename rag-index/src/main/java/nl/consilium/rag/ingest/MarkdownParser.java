package nl.consilium.rag.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** Markdown with GFM tables and an optional "---" front-matter block of {@code key: value} lines. */
final class MarkdownParser {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private MarkdownParser() {
    }

    static ParsedDocument parse(byte[] bytes, String name) {
        String text = TextDecoding.utf8(bytes, name).replace("\r\n", "\n");
        Map<String, String> frontMatter = new LinkedHashMap<>();
        text = FrontMatter.split(text, frontMatter);
        List<Block> blocks = new ArrayList<>();
        Node document = PARSER.parse(text);
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            block(n, blocks);
        }
        String title = frontMatter.get("title");
        if (title == null) {
            title = blocks.stream().filter(b -> b instanceof Block.Heading).map(Block::text).findFirst().orElse(null);
        }
        return new ParsedDocument(title, blocks, frontMatter);
    }

    private static void block(Node n, List<Block> out) {
        switch (n) {
            case Heading h -> add(out, new Block.Heading(h.getLevel(), inline(h)));
            case Paragraph p -> add(out, new Block.Paragraph(inline(p), 0));
            case BulletList l -> items(l, out);
            case OrderedList l -> items(l, out);
            case FencedCodeBlock c -> add(out, new Block.Paragraph(TextDecoding.normalizeSpace(c.getLiteral()), 0));
            case IndentedCodeBlock c -> add(out, new Block.Paragraph(TextDecoding.normalizeSpace(c.getLiteral()), 0));
            case BlockQuote q -> {
                for (Node c = q.getFirstChild(); c != null; c = c.getNext()) {
                    block(c, out);
                }
            }
            case TableBlock t -> table(t, out);
            default -> {
                // thematic breaks, HTML blocks, link definitions: no readable content of their own
            }
        }
    }

    private static void items(Node list, List<Block> out) {
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            StringBuilder own = new StringBuilder();
            List<Node> nested = new ArrayList<>();
            for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                if (c instanceof Paragraph p) {
                    own.append(own.isEmpty() ? "" : " ").append(inline(p));
                } else {
                    nested.add(c);
                }
            }
            add(out, new Block.ListItem(TextDecoding.normalizeSpace(own.toString())));
            nested.forEach(c -> block(c, out));
        }
    }

    private static void table(TableBlock table, List<Block> out) {
        List<String> header = null;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        cells.add(inline(cell));
                    }
                }
                if (section instanceof TableHead) {
                    header = cells;
                } else {
                    add(out, new Block.TableRow(TableRows.render(header, cells)));
                }
            }
        }
    }

    private static String inline(Node node) {
        StringBuilder sb = new StringBuilder();
        collect(node, sb);
        return TextDecoding.normalizeSpace(sb.toString());
    }

    private static void collect(Node node, StringBuilder sb) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            switch (c) {
                case Text t -> sb.append(t.getLiteral());
                case Code code -> sb.append(code.getLiteral());
                case SoftLineBreak s -> sb.append(' ');
                case HardLineBreak h -> sb.append(' ');
                default -> collect(c, sb);
            }
        }
    }

    private static void add(List<Block> out, Block block) {
        if (!block.text().isBlank()) {
            out.add(block);
        }
    }
}
