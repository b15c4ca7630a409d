package nl.consilium.rag.ingest;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.consilium.rag.IngestionException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** HTML pages (intranet protocols, guideline sites): content only, headings, lists and tables kept. */
final class HtmlParser {

    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([a-z0-9_\\-]+)");
    /** Page furniture, not content. */
    private static final String BOILERPLATE = "nav, aside, script, style, noscript, template, form, iframe, svg, button,"
            + " [role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true], [hidden]";
    private static final Pattern BOILERPLATE_CLASS = Pattern.compile(
            "(?i)(^|[\\s_-])(nav|navbar|navigation|menu|breadcrumbs?|sidebar|cookie|cookies|footer|site-header|skip-link|share|social|banner|print-bar|toolbar|feedback)([\\s_-]|$)");

    private HtmlParser() {
    }

    static ParsedDocument parse(byte[] bytes, String name) {
        String html = decode(bytes, name);
        Document doc = Jsoup.parse(html);
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element meta : doc.select("meta[name^=consilium:]")) {
            properties.put(meta.attr("name").substring("consilium:".length()).toLowerCase(Locale.ROOT), meta.attr("content").strip());
        }
        doc.select(BOILERPLATE).remove();
        // Page-level header and footer are site furniture; a header inside an article is its title block.
        for (Element e : doc.select("header, footer")) {
            if (e.closest("article") == null) {
                e.remove();
            }
        }
        for (Element e : doc.body().select("[class], [id]")) {
            if (e.parent() != null && (BOILERPLATE_CLASS.matcher(e.className()).find() || BOILERPLATE_CLASS.matcher(e.id()).find())) {
                e.remove();
            }
        }
        Element root = doc.selectFirst("main, article, [role=main]");
        if (root == null) {
            root = doc.body();
        }
        List<Block> blocks = new ArrayList<>();
        walk(root, blocks);
        // The first heading beats <title>, which usually carries a site suffix.
        String title = properties.get("title");
        if (title == null) {
            title = blocks.stream().filter(b -> b instanceof Block.Heading).map(Block::text).findFirst()
                    .orElse(doc.title().isBlank() ? null : TextDecoding.normalizeSpace(doc.title()));
        }
        return new ParsedDocument(title, blocks, properties);
    }

    private static String decode(byte[] bytes, String name) {
        try {
            return TextDecoding.utf8(bytes, name);
        } catch (IngestionException notUtf8) {
            // Older intranet pages declare a legacy charset; honour the declaration, never guess.
            String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            if (m.find() && !m.group(1).equalsIgnoreCase("utf-8")) {
                try {
                    return TextDecoding.decode(bytes, Charset.forName(m.group(1)), name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw notUtf8;
                }
            }
            throw notUtf8;
        }
    }

    private static void walk(Element element, List<Block> out) {
        StringBuilder loose = new StringBuilder();
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                loose.append(text.text());
                continue;
            }
            if (!(child instanceof Element e)) {
                continue;
            }
            String tag = e.normalName();
            if (isInline(tag)) {
                loose.append(e.text());
                continue;
            }
            flush(loose, out);
            switch (tag) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> add(out, new Block.Heading(tag.charAt(1) - '0', clean(e.text())));
                case "p", "blockquote", "pre", "dd", "dt", "figcaption", "caption" -> add(out, new Block.Paragraph(clean(e.text()), 0));
                case "ul", "ol" -> list(e, out);
                case "table" -> table(e, out);
                default -> walk(e, out);
            }
        }
        flush(loose, out);
    }

    private static boolean isInline(String tag) {
        return switch (tag) {
            case "a", "b", "strong", "i", "em", "span", "small", "sub", "sup", "abbr", "code", "mark", "u", "s", "q", "cite", "time", "br", "img" -> true;
            default -> false;
        };
    }

    private static void list(Element list, List<Block> out) {
        for (Element li : list.children()) {
            if (!li.normalName().equals("li")) {
                continue;
            }
            Element copy = li.clone();
            copy.select("ul, ol, table").remove();
            add(out, new Block.ListItem(clean(copy.text())));
            for (Element nested : li.children()) {
                if (nested.normalName().equals("ul") || nested.normalName().equals("ol")) {
                    list(nested, out);
                } else if (nested.normalName().equals("table")) {
                    table(nested, out);
                }
            }
        }
    }

    private static void table(Element table, List<Block> out) {
        Element caption = table.selectFirst("caption");
        if (caption != null) {
            add(out, new Block.Paragraph(clean(caption.text()), 0));
        }
        List<String> header = null;
        for (Element row : table.select("tr")) {
            if (row.closest("table") != table) {
                continue;
            }
            List<String> cells = row.children().stream()
                    .filter(c -> c.normalName().equals("td") || c.normalName().equals("th"))
                    .map(c -> clean(c.text())).toList();
            boolean headerRow = row.children().stream().allMatch(c -> c.normalName().equals("th"));
            if (headerRow && header == null) {
                header = cells;
                continue;
            }
            add(out, new Block.TableRow(TableRows.render(header, cells)));
        }
    }

    private static void flush(StringBuilder loose, List<Block> out) {
        String text = clean(loose.toString());
        loose.setLength(0);
        add(out, new Block.Paragraph(text, 0));
    }

    private static void add(List<Block> out, Block block) {
        if (!block.text().isBlank()) {
            out.add(block);
        }
    }

    private static String clean(String s) {
        return TextDecoding.normalizeSpace(s);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
