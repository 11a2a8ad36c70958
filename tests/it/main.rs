//! The integration tests, one binary: a module an area. The Kent site and
//! the fixture site are each built once per run (`common`) and shared by
//! every module; tests that change content work on a copy.

mod accessibility;
mod agreement;
mod archive;
mod cache;
mod changes;
mod cli;
mod common;
mod dashboards;
mod exports;
mod faults;
mod fidelity;
mod figures;
mod fuzz_regressions;
mod import;
mod incremental;
mod kent;
mod landing;
mod locale;
mod measures;
mod performance;
mod progress;
mod publishing;
mod rebuild;
mod records;
mod robustness;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod site;
mod snapshot;
mod statement;
mod theme;
mod theming;
mod vocabulary;
