//! Helpers for the engine tests: run an article given as paragraphs, look quotes up by text.
#![allow(dead_code)]

use quotelens::{analyze, Analysis, Article, Block, Config};

pub struct Run {
    pub article: Article,
    pub a: Analysis,
}

pub fn run(paras: &[&str]) -> Run {
    run_with(paras, &Config::default())
}

pub fn run_with(paras: &[&str], cfg: &Config) -> Run {
    let article = Article::new(paras.iter().map(|p| Block::paragraph(*p)).collect());
    let a = analyze(&article, cfg);
    Run { article, a }
}

pub struct Found<'r> {
    pub text: &'r str,
    pub kind: &'static str,
    pub speaker: Option<&'r str>,
    pub role: Option<&'r str>,
    pub rule: &'static str,
    pub mention: Option<&'r str>,
}

impl Run {
    pub fn text(&self, s: &quotelens::Span) -> &str {
        &self.article.blocks[s.block].text[s.start..s.end]
    }
    pub fn all(&self) -> Vec<Found<'_>> {
        self.a
            .quotes
            .iter()
            .map(|q| Found {
                text: self.text(&q.span),
                kind: q.kind.as_str(),
                speaker: q.speaker.map(|s| self.a.speakers[s].name.as_str()),
                role: q.speaker.and_then(|s| self.a.speakers[s].role.as_deref()),
                rule: q.rule,
                mention: q.speaker_mentions.first().map(|m| self.text(m)),
            })
            .collect()
    }
    /// The one quote whose text contains `needle`; panics with the whole result otherwise.
    pub fn quote(&self, needle: &str) -> Found<'_> {
        let all = self.all();
        let n = all.iter().filter(|f| f.text.contains(needle)).count();
        if n != 1 {
            panic!("expected one quote containing {needle:?}, found {n}:\n{}", self.dump());
        }
        all.into_iter().find(|f| f.text.contains(needle)).unwrap()
    }
    pub fn has(&self, needle: &str) -> bool {
        self.all().iter().any(|f| f.text.contains(needle))
    }
    pub fn dump(&self) -> String {
        self.all()
            .iter()
            .map(|f| format!("  [{}] {:?} ← {:?} ({})", f.kind, f.text, f.speaker, f.rule))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
