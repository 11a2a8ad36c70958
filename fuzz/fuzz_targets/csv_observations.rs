//! A measure's CSV of observations: rows or problems, never a panic.
#![no_main]

#[allow(dead_code)]
#[path = "common/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::csv_observations(data));
