//! Inputs for the fuzz targets (`fuzz/`), replayed through the very checks
//! the targets run (`fuzz/fuzz_targets/common/checks.rs`).
//!
//! `tests/fuzz_regressions/<target>/` holds hand-made hard cases and any
//! input a fuzzer ever crashed on: copy a crash from
//! `fuzz/artifacts/<target>/` there and it stays a test.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};

#[allow(dead_code)]
#[path = "../../fuzz/fuzz_targets/common/checks.rs"]
mod checks;

type Check = fn(&[u8]);

#[test]
fn every_kept_input_passes_its_target_checks() {
    let targets: [(&str, Check); 7] = [
        ("yaml_strategy", checks::yaml_strategy),
        ("yaml_plan", checks::yaml_plan),
        ("yaml_measure", checks::yaml_measure),
        ("yaml_site", checks::yaml_site),
        ("section", checks::section),
        ("csv_observations", checks::csv_observations),
        ("markdown", checks::markdown),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut failed = Vec::new();
    let mut replayed = 0;
    for (name, check) in targets {
        let mut inputs: Vec<_> = fs::read_dir(dir.join(name))
            .unwrap_or_else(|e| panic!("tests/fuzz_regressions/{name}: {e}"))
            .map(|e| e.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "tests/fuzz_regressions/{name} is empty");
        for input in inputs {
            let bytes = fs::read(&input).unwrap();
            replayed += 1;
            if catch_unwind(AssertUnwindSafe(|| check(&bytes))).is_err() {
                failed.push(format!("{name}: {}", input.display()));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {replayed} inputs failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
