//! A section file: the `---` header split, its YAML, anchors and the body as Markdown.
#![no_main]

#[allow(dead_code)]
#[path = "common/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::section(data));
