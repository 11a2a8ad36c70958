//! Compiles the default theme (`themes/default/`) into the binary: writes
//! `$OUT_DIR/builtin_theme.rs`, a sorted table of every file's path in the
//! theme and its bytes (`include_bytes!`), read by `src/theme/builtin.rs`.
//!
//! A dozen lines here rather than an embedding crate: the table is always
//! embedded, in debug builds too, so the tests exercise what ships (an
//! embedding crate that reads from disk in debug builds would let a test
//! pass on files the binary lacks).
//!
//! It also names this build of planpress (`PLANPRESS_BUILD_ID`): a hash of
//! its sources, theme, locked dependencies, compiler, target, profile and
//! features, so that the build cache made by any other build is ignored.

use std::path::{Path, PathBuf};

fn main() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    // A folder here makes cargo look at every file under it.
    println!("cargo::rerun-if-changed={}", theme.display());
    let mut files = Vec::new();
    collect(&theme, &mut files);
    let mut named: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(&theme).expect("under the theme");
            (name.to_string_lossy().replace('\\', "/"), path)
        })
        .collect();
    // Sorted as strings: the table is searched by its paths.
    named.sort();
    let mut table = String::from("&[\n");
    for (name, path) in &named {
        table.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        ));
    }
    table.push(']');
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("builtin_theme.rs"), table).expect("OUT_DIR is writable");
    println!(
        "cargo::rustc-env=PLANPRESS_BUILD_ID={:016x}",
        build_id(&named)
    );
}

/// A hash of everything that makes this build: the theme's files (`theme`),
/// the crate's sources and manifests, the compiler and how it is called.
fn build_id(theme: &[(String, PathBuf)]) -> u64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<PathBuf> = theme.iter().map(|(_, p)| p.clone()).collect();
    collect(&root.join("src"), &mut inputs);
    inputs.extend(["Cargo.toml", "Cargo.lock", "build.rs"].map(|f| root.join(f)));
    inputs.sort();
    println!("cargo::rerun-if-changed={}", root.join("src").display());
    println!(
        "cargo::rerun-if-changed={}",
        root.join("Cargo.lock").display()
    );
    let mut bytes = Vec::new();
    for path in &inputs {
        let name = path.strip_prefix(root).unwrap_or(path);
        bytes.extend_from_slice(name.to_string_lossy().as_bytes());
        bytes.push(0);
        // A file missing (Cargo.lock before the first build) counts as empty.
        let text = std::fs::read(path).unwrap_or_default();
        bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&text);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    bytes.extend_from_slice(&version);
    let mut how: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| {
            k.starts_with("CARGO_FEATURE_")
                || k.starts_with("CARGO_CFG_")
                || [
                    "TARGET",
                    "PROFILE",
                    "OPT_LEVEL",
                    "DEBUG",
                    "CARGO_ENCODED_RUSTFLAGS",
                ]
                .contains(&k.as_str())
        })
        .collect();
    how.sort();
    for (k, v) in how {
        bytes.extend_from_slice(format!("{k}={v}\n").as_bytes());
    }
    // FNV-1a, as `support::hash`, which a build script cannot import.
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Every file under `dir`, skipping editors' litter.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the theme folder can be read") {
        let path = entry.expect("a theme entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        // The rule of `support::is_editor_litter`, which a build script cannot import.
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
        {
            continue;
        }
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
