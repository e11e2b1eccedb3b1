//! Fuzz target: arbitrary blocks of text (kinds, separators, config) → analyze → invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    quotelens_fuzz::run(quotelens_fuzz::decode_text, data);
});
