//! How a fuzz input becomes an engine input, shared by the fuzz targets and `fuzz-tool`.
//!
//! `analyze_text` input: optional header `0x1F c` (config byte `c`), then UTF-8 text (invalid bytes
//! become U+FFFD). `0x1E` separates blocks; a block starting with a byte 0x01..=0x05 has that kind
//! (heading, paragraph, caption, list item, blockquote; otherwise paragraph).
//!
//! `analyze_pieces` input: the same header, then every byte picks one piece of [`PIECES`]: quotation
//! marks of every style, cue verbs, names, NBSP, emoji, Cyrillic, German, block separators. Far
//! denser in what the engine looks at than raw bytes, so coverage grows fast.
//!
//! `html` input: UTF-8 (lossy) HTML given to `quotelens::html::article_from_html`, whose blocks then
//! go to `analyze`, as in `quotelens extract page.html`.

use quotelens::{analyze, Analysis, Article, Block, BlockKind, Config};

#[path = "../../tests/invariants/mod.rs"]
mod invariants;
pub use invariants::check_analysis;

/// Separates blocks in a decoded input.
pub const BLOCK_SEP: char = '\u{1E}';
/// Starts the optional config header.
pub const HEADER: u8 = 0x1F;

const KINDS: [BlockKind; 5] =
    [BlockKind::Heading, BlockKind::Paragraph, BlockKind::Caption, BlockKind::ListItem, BlockKind::Blockquote];

/// Pieces of news text for `analyze_pieces`, one per input byte (byte % len).
pub const PIECES: &[&str] = &[
    // quotation marks, every style, and look-alikes
    "\"",
    "“",
    "”",
    "„",
    "‟",
    "‘",
    "’",
    "‚",
    "‛",
    "'",
    "''",
    "``",
    "«",
    "»",
    "‹",
    "›",
    "「",
    "」",
    "『",
    "』",
    "〝",
    "〞",
    "＂",
    "″",
    "‹‹",
    "« ",
    " »",
    "» ",
    "„",
    "“",
    "\" ",
    " \"",
    "“",
    "”",
    "’s ",
    "'s ",
    // spaces and invisible characters
    " ",
    " ",
    " ",
    "\u{00A0}",
    "\u{202F}",
    "\u{2009}",
    "\u{200B}",
    "\u{200D}",
    "\u{00AD}",
    "\u{FEFF}",
    "\u{200E}",
    "\u{202E}",
    "\t",
    "\n",
    "\r\n",
    "\u{2028}",
    "\u{0301}",
    // punctuation
    ",",
    ",",
    ".",
    ".",
    ":",
    ";",
    "?",
    "!",
    "…",
    "...",
    "—",
    " — ",
    "–",
    "-",
    "(",
    ")",
    "[",
    "]",
    "/",
    ". ",
    ", ",
    ": ",
    "?\" ",
    ".”",
    ",”",
    "!’",
    ".“",
    ",“",
    // block structure (separator, kinds)
    "\u{1E}",
    "\u{1E}",
    "\u{1E}\u{1}",
    "\u{1E}\u{3}",
    "\u{1E}\u{4}",
    "\u{1E}\u{5}",
    // English cues and speaker phrases
    "said",
    " said ",
    "says",
    " says ",
    " told reporters ",
    " told ",
    " added",
    " wrote",
    " asked",
    " according to ",
    "According to ",
    " said in a statement",
    " claimed",
    " insisted",
    " warned that ",
    " said that ",
    " that ",
    "he ",
    "He ",
    "she ",
    "She ",
    "it ",
    "It ",
    "they ",
    "They ",
    "we ",
    "the company ",
    "The company ",
    "the ministry",
    "the statement ",
    "the report ",
    "its spokesperson ",
    "a spokeswoman for ",
    "a spokesman for the ",
    "chief executive of ",
    ", chief executive of ",
    " was accused of ",
    "no group claimed ",
    "Said ",
    "put it this way: ",
    "calling it a ",
    "as a ",
    // names and organisations (made up)
    "Maria Keller",
    "Keller",
    "Jon Okafor",
    "Okafor",
    "Mr. ",
    "Ms. ",
    "Dr. ",
    "Prime Minister ",
    "President ",
    "Acme Corp",
    "Acme",
    "Department of Roads",
    "DOR",
    "U.S.",
    "US ",
    "St. ",
    "Inc.",
    "the film ",
    "the book ",
    "Reuters",
    "CAIRO —",
    "LONDON (AP) — ",
    "Monday",
    "on Tuesday ",
    // German
    "sagte",
    " sagte ",
    "sagt ",
    "erklärte",
    " betonte ",
    "laut ",
    "Laut ",
    " gab ",
    " an",
    " wies ",
    " zurück",
    "seien ",
    "habe ",
    "sei ",
    "bezeichnete ",
    " als ",
    "Die Ministerin ",
    "der Sprecher ",
    "Sarrazins Buch ",
    "(Motto: ",
    "Äußerung ",
    "am Dienstag in Hannover ",
    "Frau Schmidt",
    "„Wir schaffen das“, sagte sie.",
    "Er sagte, die Kosten seien hoch.",
    // Russian, French, other scripts
    "сказал",
    " сказала ",
    "Путин",
    "Москва",
    "«Газпром»",
    "— заявил он.",
    "a déclaré ",
    "« Oui »",
    "日本",
    "说",
    "مرحبا",
    "שלום",
    // emoji and symbols
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "🇩🇪",
    "€",
    "©",
    "№",
    "½",
    "𝔄",
    // words, numbers, addresses
    "The ",
    "the ",
    "a ",
    "and ",
    "was ",
    "not ",
    "plan",
    "Plan ",
    "fine",
    "very ",
    "ready",
    "It is ",
    "We ",
    "I ",
    "you ",
    "1",
    "42",
    "2024",
    "10%",
    "https://x.example/a\"b",
    "@handle",
    "#tag",
    "x",
    "A",
    "Hi",
    "Yes",
];

/// Engine settings from the header byte: bit 0 turns indirect speech off, bits 1.. rotate the
/// sieve order (a different first sieve), bit 7 sets a minimum confidence of 0.5.
pub fn config(c: u8) -> Config {
    let mut cfg = Config { indirect: c & 1 == 0, ..Config::default() };
    let n = cfg.sieves.len();
    if n > 0 {
        cfg.sieves.rotate_left(((c >> 1) & 0x3F) as usize % n);
    }
    if c & 0x80 != 0 {
        cfg.min_confidence = 0.5;
    }
    cfg
}

fn split_header(data: &[u8]) -> (Config, &[u8]) {
    match data {
        [HEADER, c, rest @ ..] => (config(*c), rest),
        _ => (Config::default(), data),
    }
}

/// Blocks from decoded text: `0x1E` separates them, a leading 0x01..=0x05 sets the kind.
pub fn article_from_text(text: &str) -> Article {
    let blocks = text
        .split(BLOCK_SEP)
        .map(|b| {
            let mut chars = b.chars();
            match chars.next() {
                Some(c @ '\u{1}'..='\u{5}') => Block::new(KINDS[c as usize - 1], chars.as_str()),
                _ => Block::paragraph(b),
            }
        })
        .collect();
    Article::new(blocks)
}

/// The `analyze_text` decoding.
pub fn decode_text(data: &[u8]) -> (Article, Config) {
    let (cfg, rest) = split_header(data);
    (article_from_text(&String::from_utf8_lossy(rest)), cfg)
}

/// The `analyze_pieces` decoding.
pub fn decode_pieces(data: &[u8]) -> (Article, Config) {
    let (cfg, rest) = split_header(data);
    let text: String = rest.iter().map(|&b| PIECES[b as usize % PIECES.len()]).collect();
    (article_from_text(&text), cfg)
}

/// The `html` decoding: the article the CLI would find in this page.
pub fn decode_html(data: &[u8]) -> (Article, Config) {
    (quotelens::html::article_from_html(&String::from_utf8_lossy(data)), Config::default())
}

/// A target's decoding: fuzz input → article and config.
pub type Decode = fn(&[u8]) -> (Article, Config);

/// Which decoding a target uses.
pub fn decoder(target: &str) -> Option<Decode> {
    match target {
        "analyze_text" => Some(decode_text),
        "analyze_pieces" => Some(decode_pieces),
        "html" => Some(decode_html),
        _ => None,
    }
}

/// One fuzz execution: decode, analyze, check the output.
pub fn run(decode: Decode, data: &[u8]) -> Analysis {
    let (article, cfg) = decode(data);
    let a = analyze(&article, &cfg);
    check_analysis(&article, &a);
    a
}
