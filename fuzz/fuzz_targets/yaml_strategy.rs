//! `strategy` YAML (the loader of `strategies/*/strategy.yaml`): any bytes give a value or problems, never a panic.
#![no_main]

#[allow(dead_code)]
#[path = "common/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::yaml_strategy(data));
