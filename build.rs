//! Compiles the default theme (`themes/default/`) into the binary: writes
//! `$OUT_DIR/builtin_theme.rs`, a sorted table of every file's path in the
//! theme and its bytes (`include_bytes!`), read by `src/theme/builtin.rs`.
//!
//! A dozen lines here rather than an embedding crate: the table is always
//! embedded, in debug builds too, so the tests exercise what ships (an
//! embedding crate that reads from disk in debug builds would let a test
//! pass on files the binary lacks).

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
