//! The integration tests, one binary: a module an area. The Kent site and
//! the fixture site are each built once per run (`common`) and shared by
//! every module; tests that change content work on a copy.

mod accessibility;
mod agreement;
mod archive;
mod changes;
mod cli;
mod common;
mod exports;
mod faults;
mod fidelity;
mod fuzz_regressions;
mod import;
mod kent;
mod measures;
mod progress;
mod publishing;
mod rebuild;
mod robustness;
#[cfg(feature = "serve")]
mod serve;
mod site;
mod snapshot;
mod theme;
mod theming;
