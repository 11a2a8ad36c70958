//! The Markdown path: any text renders, and what comes out is inert (see `checks::markdown`).
#![no_main]

#[allow(dead_code)]
#[path = "common/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::markdown(data));
