//! The finder on hand-built trees (no HTML parser): pieces map every block character back to its
//! source, malformed trees are errors, limits hold.

use super::*;
use crate::tree::TreeNode;

/// A tree from (depth, tag, text) rows: depth gives the parent (the last row one level up).
fn tree(rows: &[(usize, &str, &str)]) -> PageTree {
    let mut nodes = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for &(depth, tag, text) in rows {
        open.truncate(depth);
        let parent = if depth == 0 { -1 } else { open[depth - 1] as i64 };
        if tag == "#text" {
            nodes.push(TreeNode::text(parent, text));
        } else {
            open.push(nodes.len());
            nodes.push(TreeNode::element(tag, parent));
        }
    }
    PageTree { nodes, ..PageTree::default() }
}

/// Every block byte is covered, in order, by exactly one piece, and every piece maps to the same
/// characters in its text node — except a one-byte space, which maps to whitespace (a collapsed
/// run) or to the start of the character after a `<br>`.
fn assert_pieces_map_back(t: &PageTree, found: &FoundArticle) {
    for b in &found.blocks {
        let mut at = 0;
        for p in &b.pieces {
            assert_eq!(p.at, at, "pieces of {:?} leave a gap or overlap: {:?}", b.text, b.pieces);
            let src = &t.nodes[p.node].text;
            let got = &b.text[p.at..p.at + p.len];
            if got == " " && src.get(p.offset..p.offset + 1) != Some(" ") {
                assert!(src.is_char_boundary(p.offset) && p.offset < src.len(), "space maps nowhere: {p:?}");
            } else {
                let want = src.get(p.offset..p.offset + p.len);
                let collapsed = want.map(|w| w.chars().map(|c| if c.is_ascii_whitespace() { ' ' } else { c }));
                assert_eq!(
                    collapsed.map(|c| c.collect::<String>()).as_deref(),
                    Some(got),
                    "piece {p:?} of {:?} does not map to {:?}",
                    b.text,
                    src
                );
            }
            at += p.len;
        }
        assert_eq!(at, b.text.len(), "pieces of {:?} stop short: {:?}", b.text, b.pieces);
    }
}

/// The source (node, byte offset) of block `b`'s character at byte `at`.
fn source_of(found: &FoundArticle, b: usize, at: usize) -> (usize, usize) {
    let p = found.blocks[b].pieces.iter().find(|p| p.at <= at && at < p.at + p.len).expect("a piece covers it");
    (p.node, p.offset + (at - p.at))
}

const NBSP_TEXT: &str =
    "  Она   сказала:\n\t«Всё\u{a0}будет  хорошо» 🙂 — и ушла.\u{ad} Very  long para\u{ad}graph, here.  ";

#[test]
fn pieces_map_every_character_of_non_ascii_text() {
    let t = tree(&[
        (0, "body", ""),
        (1, "p", ""),
        (2, "#text", NBSP_TEXT),
        (1, "p", ""),
        (2, "#text", "Inline: "),
        (2, "a", ""),
        (3, "#text", "Mos"),
        (2, "em", ""),
        (3, "#text", "cow"),
        (2, "#text", " said “yes”,\u{a0}"),
        (2, "br", ""),
        (2, "#text", "😀 then\u{200b}more"),
    ]);
    let found = find_article(&t).unwrap();
    let texts: Vec<&str> = found.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Она сказала: «Всё\u{a0}будет хорошо» 🙂 — и ушла. Very long paragraph, here.",
            "Inline: Moscow said “yes”,\u{a0} 😀 then\u{200b}more"
        ]
    );
    assert_pieces_map_back(&t, &found);

    let b0 = &found.blocks[0].text;
    let src = &t.nodes[2].text;
    // the first character: after the two leading spaces
    assert_eq!(source_of(&found, 0, 0), (2, 2));
    // the space after "Она" stands for "   ": its first character
    let sp = b0.find(' ').unwrap();
    assert_eq!(source_of(&found, 0, sp), (2, src.find("Она").unwrap() + "Она".len()));
    // "\n\t" collapses to a space that maps to the '\n'
    let guillemet = b0.find('«').unwrap();
    assert_eq!(source_of(&found, 0, guillemet - 1), (2, src.find('\n').unwrap()));
    assert_eq!(source_of(&found, 0, guillemet), (2, src.find('«').unwrap()));
    // NBSP is kept, and maps to itself
    assert_eq!(source_of(&found, 0, b0.find('\u{a0}').unwrap()), (2, src.find('\u{a0}').unwrap()));
    // the emoji, and the text after the soft hyphens (dropped: they end a piece)
    assert_eq!(source_of(&found, 0, b0.find('🙂').unwrap()), (2, src.find('🙂').unwrap()));
    assert_eq!(source_of(&found, 0, b0.find("graph").unwrap()), (2, src.find("graph").unwrap()));
    assert_eq!(source_of(&found, 0, b0.find("Very").unwrap()), (2, src.find("Very").unwrap()));

    // inline elements join without spaces; each part maps to its own text node
    let b1 = &found.blocks[1].text;
    assert_eq!(source_of(&found, 1, b1.find("Mos").unwrap()), (6, 0));
    assert_eq!(source_of(&found, 1, b1.find("cow").unwrap()), (8, 0));
    assert_eq!(source_of(&found, 1, b1.find('”').unwrap()), (9, " said “yes".len()));
    // NBSP is text, not whitespace: the space before the emoji is the <br>'s, and maps to the
    // character after it
    assert_eq!(source_of(&found, 1, b1.find('😀').unwrap() - 1), (11, 0));
    assert_eq!(source_of(&found, 1, b1.find('😀').unwrap()), (11, 0));
    assert_eq!(source_of(&found, 1, b1.find("more").unwrap()), (11, "😀 then\u{200b}".len()));
    assert_eq!(found.blocks[0].node, 1);
    assert_eq!(found.blocks[1].node, 3);
}

#[test]
fn headline_pieces_map_back_across_runs() {
    let mut t = tree(&[
        (0, "html", ""),
        (1, "head", ""),
        (2, "title", ""),
        (3, "#text", "Снег в апреле: город стоит | Газета"),
        (1, "body", ""),
        (2, "header", ""),
        (3, "h1", ""),
        (4, "#text", "Снег в апреле:"),
        (4, "div", ""),
        (5, "#text", " город стоит "),
        (2, "div", ""),
        (3, "p", ""),
        (4, "#text", "В среду в городе выпал снег, и движение на дорогах, по словам полиции, было затруднено."),
    ]);
    t.meta.push(("description".into(), "ignored".into()));
    let found = find_article(&t).unwrap();
    assert_eq!(found.blocks[0].text, "Снег в апреле: город стоит");
    assert_eq!(found.blocks[0].kind, BlockKind::Heading);
    assert_eq!(found.blocks[0].node, 6);
    assert_pieces_map_back(&t, &found);
    // the space joining the two runs maps to the first character of the second one
    let b = &found.blocks[0].text;
    assert_eq!(source_of(&found, 0, b.find(" город").unwrap()), (9, 1));
    assert_eq!(found.roots, vec![6, 10]);
}

#[test]
fn curly_quotes_and_cyrillic_in_many_small_text_nodes() {
    // one text node per character: pieces never merge across nodes
    let s = "«Да», — сказал он. “Yes,” she said.";
    let mut rows = vec![(0, "body", ""), (1, "p", "")];
    let chars: Vec<String> = s.chars().map(String::from).collect();
    for c in &chars {
        rows.push((2, "#text", c.as_str()));
    }
    let t = tree(&rows);
    let found = find_article(&t).unwrap();
    assert_eq!(found.blocks[0].text, s);
    assert_pieces_map_back(&t, &found);
    assert_eq!(found.blocks[0].pieces.len(), chars.len());
    for (k, (at, _)) in s.char_indices().enumerate() {
        assert_eq!(source_of(&found, 0, at), (k + 2, 0));
    }
}

#[test]
fn malformed_trees_are_errors_not_panics() {
    let mut t = tree(&[(0, "body", ""), (1, "p", ""), (2, "#text", "x")]);
    t.nodes[2].parent = 7;
    assert!(find_article(&t).is_err());
    t.nodes[2].parent = 2;
    assert!(find_article(&t).is_err());
    let mut t = tree(&[(0, "body", ""), (1, "div", ""), (1, "div", ""), (2, "p", "")]);
    t.nodes[3].parent = 1; // its parent was closed already
    assert_eq!(find_article(&t).unwrap_err(), TreeError::OutOfOrder { node: 3, parent: 1 });
    // unknown tags, text at the root, elements without parents: handled
    let t = tree(&[(0, "#text", "loose text, at the root"), (0, "x-widget", ""), (1, "#text", "more")]);
    let found = find_article(&t).unwrap();
    assert!(found.blocks.iter().any(|b| b.text == "loose text, at the root"), "{found:?}");
    assert_pieces_map_back(&t, &found);
}

#[test]
fn limits_cut_the_article_and_say_which() {
    let mut rows = vec![(0, "body", ""), (1, "div", "")];
    let para = "A paragraph of the story, with commas, and words enough to score.";
    for _ in 0..MAX_BLOCKS + 10 {
        rows.push((2, "p", ""));
        rows.push((3, "#text", para));
    }
    let found = find_article(&tree(&rows)).unwrap();
    assert_eq!(found.blocks.len(), MAX_BLOCKS);
    assert_eq!(found.truncated, Truncated { blocks: true, chars: false });

    let long = "word, ".repeat(MAX_TEXT_BYTES / 6 / 3);
    let mut rows = vec![(0, "body", ""), (1, "div", "")];
    for _ in 0..5 {
        rows.push((2, "p", ""));
        rows.push((3, "#text", long.as_str()));
    }
    let found = find_article(&tree(&rows)).unwrap();
    assert_eq!(found.blocks.len(), 3);
    assert_eq!(found.truncated, Truncated { blocks: false, chars: true });
}

#[test]
fn hidden_and_editable_elements_are_never_read() {
    let mut t = tree(&[
        (0, "body", ""),
        (1, "div", ""),
        (2, "p", ""),
        (3, "#text", "Visible paragraph, with commas, that is the story, and long enough to count here."),
        (2, "p", ""),
        (3, "#text", "Hidden paragraph, with commas, which a reader never sees on the page, never ever."),
        (2, "div", ""),
        (3, "#text", "Text the reader is typing, with commas, in an editor, which is not the story at all."),
    ]);
    t.nodes[4].hidden = true;
    t.nodes[6].editable = true;
    let found = find_article(&t).unwrap();
    let texts: Vec<&str> = found.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec!["Visible paragraph, with commas, that is the story, and long enough to count here."]);
}

#[test]
fn link_list_blocks_are_dropped_but_linked_headings_stay() {
    let story = "The council met on Wednesday, and after a long debate, it voted to keep the library open.";
    let t = tree(&[
        (0, "body", ""),
        (1, "div", ""),
        (2, "p", ""),
        (3, "#text", story),
        (2, "p", ""),
        (3, "#text", "Read: "),
        (3, "a", ""),
        (4, "#text", "Library hours cut, says the council in a statement"),
        (2, "p", ""),
        (3, "#text", "The mayor, who had "),
        (3, "a", ""),
        (4, "#text", "promised"),
        (3, "#text", " to keep it open, welcomed the vote, and said so twice."),
        (2, "h2", ""),
        (3, "a", ""),
        (4, "#text", "What happens next"),
    ]);
    let found = find_article(&t).unwrap();
    let texts: Vec<&str> = found.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            story,
            "The mayor, who had promised to keep it open, welcomed the vote, and said so twice.",
            "What happens next"
        ]
    );
}

#[test]
fn screen_reader_text_and_widget_roles_are_not_article_text() {
    let story = "The ferry will sail again on Monday, the operator said, after storms kept boats in port.";
    let mut t = tree(&[
        (0, "body", ""),
        (1, "div", ""),
        (2, "p", ""),
        (3, "#text", story),
        (2, "span", ""),
        (3, "#text", "Photo"),
        (2, "div", ""),
        (3, "#text", "Share, print, save, email, and more options, for this story, here."),
    ]);
    t.nodes[4].class = Some("credit Visually-Hidden".into());
    t.nodes[6].role = Some("toolbar".into());
    let found = find_article(&t).unwrap();
    let texts: Vec<&str> = found.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec![story]);
}

#[test]
fn furniture_tokens_drop_widgets_unless_they_hold_the_story() {
    let para = "The ferry will sail again on Monday, the operator said, after storms kept boats in port for days.";
    let mut rows = vec![(0, "body", ""), (1, "div", "")];
    for _ in 0..20 {
        rows.push((2, "p", ""));
        rows.push((3, "#text", para));
    }
    rows.extend([
        (2, "div", ""), // 42: a newsletter box, by its camelCase id
        (3, "p", ""),
        (4, "#text", "Sign up for our morning briefing, with the news, the weather, and more, every day."),
        (2, "div", ""), // 45: a weak token with a positive one: kept
        (3, "p", ""),
        (4, "#text", "The crossing takes forty minutes, and tickets, the operator said, cost the same as before."),
    ]);
    let mut t = tree(&rows);
    t.nodes[1].class = Some("relatedStories-wrapper".into()); // strong, but it holds the story: kept
    t.nodes[42].id = Some("newsletterSignup".into());
    t.nodes[45].class = Some("story-meta".into());
    let found = find_article(&t).unwrap();
    let texts: Vec<&str> = found.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts.len(), 21, "{texts:#?}");
    assert!(texts.iter().all(|x| !x.starts_with("Sign up")), "{texts:#?}");
    assert!(texts[20].starts_with("The crossing takes"));
    // the same wrapper around a short story is furniture
    let mut short = tree(&rows[..12]);
    short.nodes[1].class = Some("relatedStories-wrapper".into());
    assert!(find_article(&short).unwrap().blocks.iter().all(|b| b.text != para));
}
