//! Fuzz target: news-like pieces (every quote style, cues, names, NBSP, emoji, Cyrillic, German) → analyze → invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    quotelens_fuzz::run(quotelens_fuzz::decode_pieces, data);
});
