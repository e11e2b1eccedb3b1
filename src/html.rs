//! Finding an article's text blocks in an HTML page (feature `html`: the CLI, the Python package).
//!
//! The page is parsed with `scraper` (html5ever) and turned into a [`PageTree`], the small node
//! tree the article finder ([`crate::finder`]) runs on — the same finder the extension uses on the
//! live DOM. Nothing here decides what the article is.

use crate::api::Article;
use crate::finder::{find_article, FoundArticle};
use crate::tree::{PageTree, TreeNode};
use scraper::node::Element;
use scraper::{Html, Node};

/// Element attributes the finder reads besides id, class, role, itemprop and itemtype.
const FINDER_ATTRS: &[&str] = &["summary", "datatable", "data-component", "data-testid", "data-qa", "data-type"];
/// A `<meta>` element's attributes.
const META_ATTRS: &[&str] = &["property", "name", "content"];

/// The page tree of an HTML page: every element and text node (comments and processing
/// instructions left out), in document order. Iterative: any depth is fine.
pub fn page_tree(html: &Html) -> PageTree {
    let mut nodes: Vec<TreeNode> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut cur = html.tree.root().first_child();
    while let Some(node) = cur {
        let mut opened = false;
        let parent = stack.last().map_or(-1, |&p| p as i64);
        match node.value() {
            Node::Element(el) => {
                stack.push(nodes.len());
                nodes.push(tree_node(el, parent));
                opened = true;
            }
            Node::Text(t) => nodes.push(TreeNode::text(parent, t)),
            _ => {}
        }
        if opened {
            if let Some(c) = node.first_child() {
                cur = Some(c);
                continue;
            }
            stack.pop();
        }
        // Next sibling, or climb up closing elements.
        let mut n = node;
        loop {
            if let Some(s) = n.next_sibling() {
                cur = Some(s);
                break;
            }
            match n.parent() {
                Some(p) if p.parent().is_some() => {
                    if p.value().is_element() {
                        stack.pop();
                    }
                    n = p;
                }
                _ => {
                    cur = None;
                    break;
                }
            }
        }
    }
    PageTree { title: None, meta: Vec::new(), nodes }
}

fn tree_node(el: &Element, parent: i64) -> TreeNode {
    let owned = |name: &str| el.attr(name).map(str::to_string);
    let wanted: &[&str] = if el.name() == "meta" { META_ATTRS } else { FINDER_ATTRS };
    TreeNode {
        id: owned("id"),
        class: owned("class"),
        role: owned("role"),
        itemprop: owned("itemprop"),
        itemtype: owned("itemtype"),
        hidden: is_hidden(el),
        editable: el.attr("contenteditable").is_some_and(|v| !v.eq_ignore_ascii_case("false")),
        attrs: wanted.iter().filter_map(|&a| el.attr(a).map(|v| (a.to_string(), v.to_string()))).collect(),
        ..TreeNode::element(el.name(), parent)
    }
}

/// Hidden by attribute or inline style (what a saved page says without its style sheets).
fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden") == Some("true") && !el.attr("class").unwrap_or("").contains("fallback-image") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// The article found in an HTML page, with where each block's text came from in
/// [`page_tree`]`(page)`'s nodes.
pub fn find_in_html(html: &str) -> (PageTree, FoundArticle) {
    let tree = page_tree(&Html::parse_document(html));
    // a tree built here is well-formed by construction
    let found = find_article(&tree).unwrap_or_default();
    (tree, found)
}

/// Finds the article's blocks (headline, standfirst, paragraphs, captions, list items,
/// quotations) in an HTML page, in document order. Never panics; an empty or non-article
/// page yields whatever text its body has.
pub fn article_from_html(html: &str) -> Article {
    find_in_html(html).1.to_article()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::BlockKind;
    use BlockKind::*;

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        article_from_html(html).blocks.into_iter().map(|b| (b.kind, b.text)).collect()
    }

    fn texts(html: &str) -> Vec<String> {
        blocks(html).into_iter().map(|b| b.1).collect()
    }

    /// A page in the shape of a news site: navigation, header, article, sidebar, comments,
    /// footer. Its text is written for these tests.
    fn news_page(article_body: &str) -> String {
        format!(
            r#"<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Ferry service resumes after storm | The Harbour Gazette</title>
<meta name="description" content="Crossings restart on Monday after a week of cancellations.">
<style>p {{ color: red }} .x::before {{ content: "“styled”" }}</style>
<script>var quote = "“not a quote”, said the script";</script>
</head><body>
<header class="site-header"><a href="/">The Harbour Gazette</a><h1 class="logo">Harbour Gazette</h1></header>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main>
<h1 class="headline">Ferry service resumes after storm</h1>
<div class="meta-line"><p class="dek">Crossings restart on Monday after a week of cancellations.</p></div>
<div class="article-body">
{article_body}
</div>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Council approves new budget, again</a></li><li><a href="/b">Lighthouse keeper retires after forty years</a></li></ul></aside>
<div id="comments" class="comment-list"><p>“Great news, finally,” wrote a reader who says many things, at length, about ferries and weather.</p></div>
</main>
<footer><p>© The Harbour Gazette. All rights reserved, including the right to say “no”.</p></footer>
</body></html>"#
        )
    }

    const BODY: &str = r#"
<p>The ferry between the island and the mainland will sail again on Monday, the operator said, after storms kept boats in port for seven days.</p>
<p>“We have inspected every vessel, and the crews are ready,” said Ingrid Solberg, the operator’s chief executive, at a briefing on Friday.</p>
<p>Residents, who rely on the crossing for food, medicine and work, had complained about the lack of information during the closure.</p>
<p>“It felt like nobody was answering the phone,” said Tomás Ruiz, a baker in the harbour town, who had to close his shop for three days.</p>
"#;

    #[test]
    fn picks_the_article_and_drops_the_boilerplate() {
        let b = blocks(&news_page(BODY));
        assert_eq!(b[0], (Heading, "Ferry service resumes after storm".to_string()));
        assert_eq!(b[1], (Paragraph, "Crossings restart on Monday after a week of cancellations.".to_string()));
        assert_eq!(b.len(), 6, "{b:#?}");
        assert!(b[2].1.starts_with("The ferry between the island"));
        assert!(b[3].1.starts_with("“We have inspected every vessel"));
        assert!(b[5].1.ends_with("close his shop for three days."));
        for (_, t) in &b {
            for junk in [
                "Sport",
                "Most read",
                "Lighthouse",
                "Great news",
                "rights reserved",
                "not a quote",
                "color",
                "styled",
                "Harbour Gazette",
            ] {
                assert!(!t.contains(junk), "{junk:?} leaked into {t:?}");
            }
        }
    }

    #[test]
    fn text_is_normalised_like_a_browser_renders_it() {
        let body = "<p>  Она   сказала:\n\t«Всё\u{a0}будет  хорошо» 🙂 — и ушла.\u{ad} Very  long para\u{ad}graph text, here, to score.  </p>\
                    <p>Inline: <a href=\"/x\">Mos</a><em>cow</em> and <b>Kyiv</b><span>,</span> then<br>a&nbsp;break and &ldquo;entities&rdquo; &amp; more, more, more.</p>\
                    <p>Third paragraph, with commas, so that the container clearly wins the scoring, yes.</p>";
        let t = texts(&news_page(body));
        assert_eq!(t[2], "Она сказала: «Всё\u{a0}будет хорошо» 🙂 — и ушла. Very long paragraph text, here, to score.");
        assert_eq!(t[3], "Inline: Moscow and Kyiv, then a\u{a0}break and “entities” & more, more, more.");
        assert!(t.iter().all(|x| !x.contains('\u{ad}') && !x.contains("  ") && x.trim() == x));
    }

    #[test]
    fn pieces_point_into_the_tree_built_from_the_page() {
        let body = "<p>  Она   сказала:\n\t«Всё&nbsp;будет  хорошо» 🙂 — и\u{ad} ушла, <a href=\"/x\">Mos</a><em>cow</em>, twice, thrice.</p>\
                    <p>&ldquo;Entities&rdquo; &amp; more,<br>then a break, and commas, so that the container wins.</p>";
        let (tree, found) = find_in_html(&news_page(body));
        assert!(found.blocks.len() >= 4, "{found:#?}");
        for b in &found.blocks {
            let mut at = 0;
            for p in &b.pieces {
                assert_eq!(p.at, at);
                let got = &b.text[p.at..p.at + p.len];
                let src = &tree.nodes[p.node].text;
                let want: String = src[p.offset..p.offset + p.len]
                    .chars()
                    .map(|c| if c.is_ascii_whitespace() { ' ' } else { c })
                    .collect();
                assert!(got == want || (got == " " && src.is_char_boundary(p.offset)), "{got:?} vs {want:?}");
                at += p.len;
            }
            assert_eq!(at, b.text.len());
        }
        let b = found.blocks.iter().find(|b| b.text.starts_with("“Entities”")).expect("the entities paragraph");
        let first = b.pieces[0];
        assert_eq!(&tree.nodes[first.node].text[first.offset..first.offset + "“Entities”".len()], "“Entities”");
    }

    #[test]
    fn block_kinds() {
        let body = r#"
<p>The mayor spoke for an hour on Tuesday, and the hall was full, with people standing at the back.</p>
<h2>What she promised</h2>
<ul><li>A new quay, paid for by the port</li><li>Free crossings for pupils</li></ul>
<blockquote><p>“We will not let the island be cut off again,” she said.</p><p>“Never,” she added.</p></blockquote>
<figure><img src="q.jpg" alt="The quay"><figcaption>The old quay, seen from the water.</figcaption></figure>
<div>Some text in a div, with commas, that reads like a paragraph of the story itself.</div>
<p>Her opponents, who want a bridge instead, said the plan was too expensive, too slow and too late.</p>
"#;
        let b = blocks(&news_page(body));
        let k: Vec<(BlockKind, &str)> = b.iter().skip(2).map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(
            k,
            vec![
                (
                    Paragraph,
                    "The mayor spoke for an hour on Tuesday, and the hall was full, with people standing at the back."
                ),
                (Heading, "What she promised"),
                (ListItem, "A new quay, paid for by the port"),
                (ListItem, "Free crossings for pupils"),
                (Blockquote, "“We will not let the island be cut off again,” she said."),
                (Blockquote, "“Never,” she added."),
                (Caption, "The old quay, seen from the water."),
                (Paragraph, "Some text in a div, with commas, that reads like a paragraph of the story itself."),
                (
                    Paragraph,
                    "Her opponents, who want a bridge instead, said the plan was too expensive, too slow and too late."
                ),
            ]
        );
    }

    #[test]
    fn drops_ads_related_links_share_bars_hidden_and_aria_regions() {
        let body = r##"
<p>The council met on Wednesday, and after a long debate, it voted to keep the library open on Sundays.</p>
<div class="ad-slot"><p>Advertisement: buy the best ferry tickets, cheap, fast, now, today, always.</p></div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<div class="related-stories"><h3>Related</h3><ul><li><a href="/1">Library hours cut, says the council in a statement</a></li></ul></div>
<div style="display: none"><p>Hidden paragraph that a reader never sees, with commas, many, many.</p></div>
<p hidden>Another hidden paragraph, with commas, that should not appear at all.</p>
<div role="complementary"><p>Complementary text, with commas, which is not part of the story.</p></div>
<div role="navigation"><a href="/prev">Previous story</a></div>
<ul class="more-links"><li><a href="/x">One linked headline about something else</a></li><li><a href="/y">Another linked headline about a third thing</a></li></ul>
<p>“Books are for everyone, every day,” said the librarian, Ayşe Demir, who had campaigned for a year.</p>
"##;
        let t = texts(&news_page(body));
        assert_eq!(t.len(), 4, "{t:#?}");
        assert!(t[2].starts_with("The council met"));
        assert!(t[3].starts_with("“Books are for everyone"));
    }

    #[test]
    fn two_brs_end_a_paragraph_one_is_a_space() {
        let body = "<div class=\"story\">First line of the story, with enough words to count as text.<br>still the first paragraph, continued here.<br><br>\n<br>Second paragraph, after a double break, with commas, too.</div>";
        let t = texts(&news_page(body));
        assert_eq!(
            &t[2..],
            &[
                "First line of the story, with enough words to count as text. still the first paragraph, continued here.".to_string(),
                "Second paragraph, after a double break, with commas, too.".to_string(),
            ]
        );
    }

    #[test]
    fn headline_matches_the_title_not_the_logo() {
        // No h1 matches the title: no headline is invented.
        let html = news_page(BODY).replace("<h1 class=\"headline\">Ferry service resumes after storm</h1>", "");
        let t = texts(&html);
        assert!(t.iter().all(|x| x != "Harbour Gazette"), "{t:#?}");
        assert!(t[0].starts_with("The ferry between"), "{t:#?}");
    }

    #[test]
    fn standfirst_found_by_meta_description() {
        let html = news_page(BODY).replace("class=\"dek\"", "class=\"x\"");
        let t = texts(&html);
        assert_eq!(t[1], "Crossings restart on Monday after a week of cancellations.");
    }

    #[test]
    fn standfirst_and_headline_inside_an_article_header() {
        let html = r#"<html><head><title>Снег в апреле — новости</title></head><body>
<nav><a href="/">Главная</a></nav>
<article><header><h1>Снег в апреле</h1><p class="article__subtitle">Синоптики обещают тепло к выходным.</p>
<p class="byline">Анна Петрова</p></header>
<div class="text"><p>В среду в городе выпал снег, и движение на дорогах, по словам полиции, было затруднено весь день.</p>
<p>«Такого не было двадцать лет», — сказал метеоролог Игорь Смирнов, добавив, что снег растает к пятнице.</p>
<p>Жители, которые уже сменили шины, жаловались, что весна, как всегда, пришла слишком рано и ушла.</p></div></article>
<footer>© Газета</footer></body></html>"#;
        let b = blocks(html);
        assert_eq!(b[0], (Heading, "Снег в апреле".to_string()));
        assert_eq!(b[1], (Paragraph, "Синоптики обещают тепло к выходным.".to_string()));
        assert!(b[2].1.starts_with("В среду"), "{b:#?}");
        assert!(b.iter().all(|x| !x.1.contains("Главная") && !x.1.contains("Газета") && !x.1.contains("Анна")));
    }

    #[test]
    fn best_candidate_wins_over_a_long_comment_thread_and_teasers() {
        let mut teasers = String::new();
        for i in 0..12 {
            teasers.push_str(&format!(
                "<div class=\"teaser\"><a href=\"/s{i}\"><h3>Teaser headline number {i}, with words</h3></a></div>"
            ));
        }
        let html = format!(
            r#"<html><head><title>Bridge opens | Gazette</title></head><body>
<div class="wrap"><div class="col-main"><h1>Bridge opens</h1>
<div class="post-content"><p>The bridge opened on Sunday, three years late, and hundreds of people walked across it, cheering.</p>
<p>“It was worth the wait,” said Mei Lin, an engineer who worked on the project from the beginning, in 2019.</p>
<p>The project cost, according to the city, almost twice what was planned, and the contractor was fined.</p></div></div>
<div class="col-side">{teasers}</div></div></body></html>"#
        );
        let t = texts(&html);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert_eq!(t[0], "Bridge opens");
        assert!(t[3].contains("contractor was fined"));
    }

    #[test]
    fn article_split_over_sibling_containers_is_joined() {
        let p = "<p>A paragraph of the story, with commas, a quote, “like this,” and enough words to matter here.</p>";
        let html = format!(
            r#"<html><head><title>Split story</title></head><body><div id="page">
<div class="story-part">{p}{p}{p}</div>
<div class="inline-ad">Advertisement</div>
<div class="story-part">{p}{p}{p}</div>
</div></body></html>"#
        );
        let t = texts(&html);
        assert_eq!(t.len(), 6, "{t:#?}");
    }

    #[test]
    fn plain_text_and_tiny_pages() {
        assert_eq!(texts("Just a line, “quoted”."), vec!["Just a line, “quoted”.".to_string()]);
        assert!(texts("").is_empty());
        assert!(texts("<html><body></body></html>").is_empty());
        assert_eq!(texts("<p>Short.</p><p>Also short.</p>"), vec!["Short.".to_string(), "Also short.".to_string()]);
    }

    #[test]
    fn never_panics_on_hostile_markup() {
        let mut cases: Vec<String> = vec![
            "<".into(),
            "</p></div></body></html>".into(),
            "<p><div><p><table><td><li>x".into(),
            "<html><head><title>t</title></head><frameset></frameset></html>".into(),
            "<template><p>in a template</p></template><p>out</p>".into(),
            "<svg><p>inside svg</p></svg><math><mi>x</mi></math>".into(),
            "<p>\u{0}\u{feff}\u{200b}\u{ad}</p><p>&#0;&#xD800;&#x110000;&bogus;</p>".into(),
            "<br><br><br><br><hr><br>".into(),
            "<a href=x><a href=y><p>nested links".into(),
            "<h1></h1><h1>\u{a0}</h1><meta name=description content=''>".into(),
        ];
        cases.push("<div>".repeat(2_000) + "deep text, deep, deep" + &"</div>".repeat(2_000));
        cases.push("<b>".repeat(1_000) + "formatting");
        cases.push("<p>x, ".repeat(2_000));
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
        cases.push(String::from_utf8_lossy(&bytes).into_owned());
        for c in &cases {
            let _ = article_from_html(c);
        }
        let deep = texts(&cases[10]);
        assert_eq!(deep, vec!["deep text, deep, deep".to_string()]);
    }

    #[test]
    fn document_order_is_kept() {
        let html = news_page(BODY);
        let t = texts(&html);
        let body = &html[html.find("<body>").unwrap()..];
        let pos: Vec<usize> = t.iter().map(|x| body.find(x.as_str()).unwrap()).collect();
        let mut sorted = pos.clone();
        sorted.sort();
        assert_eq!(pos, sorted);
    }

    mod prop {
        use super::super::article_from_html;
        use proptest::prelude::*;

        fn fragment() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("<p>".to_string()),
                Just("</p>".to_string()),
                Just("<div class=\"article\">".to_string()),
                Just("<div class=\"comment ad\">".to_string()),
                Just("</div>".to_string()),
                Just("<br>".to_string()),
                Just("<h1>".to_string()),
                Just("</h1>".to_string()),
                Just("<li>".to_string()),
                Just("<blockquote>".to_string()),
                Just("<figure><figcaption>".to_string()),
                Just("<a href=\"#\">".to_string()),
                Just("</a>".to_string()),
                Just("<script>".to_string()),
                Just("<nav>".to_string()),
                Just("<title>".to_string()),
                Just("&nbsp;".to_string()),
                Just("\u{ad}".to_string()),
                "[a-zA-Zа-я “”,.!?🙂 \u{a0}]{0,40}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn any_markup_gives_clean_blocks(parts in proptest::collection::vec(fragment(), 0..60)) {
                let a = article_from_html(&parts.concat());
                for b in &a.blocks {
                    prop_assert!(!b.text.is_empty());
                    prop_assert!(!b.text.contains('\u{ad}'), "soft hyphen in {:?}", b.text);
                    prop_assert!(!b.text.contains("  "));
                    prop_assert_eq!(b.text.trim(), b.text.as_str());
                }
            }
        }
    }
}
