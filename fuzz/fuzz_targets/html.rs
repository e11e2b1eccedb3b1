//! Fuzz target: arbitrary HTML → the CLI's article finder → analyze → invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    quotelens_fuzz::run(quotelens_fuzz::decode_html, data);
});
