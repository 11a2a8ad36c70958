//! The alternative formats of the Kent documents, built with the site:
//! what each one must hold, its geometry, and that the same content always
//! gives the same bytes. EPUBs go through epubcheck when it is installed;
//! in CI (CI=true) epubcheck, liblouis, espeak-ng and lame must be there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use planpress::Project;
use planpress::document::chart::measure_chart;
use planpress::document::markdown;
use planpress::export::{Format, Tool, Tools};
use planpress::model::Content;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Every file of one build of the Kent site, exports included.
fn build() -> BTreeMap<String, Vec<u8>> {
    let project = Project::new(root());
    let (site, output) = planpress::generate(&project).unwrap_or_else(|e| panic!("{e:?}"));
    if in_ci() {
        assert!(
            site.skipped.is_empty(),
            "CI must install every export tool: {:?}",
            site.skipped
        );
    }
    output
}

fn site() -> &'static BTreeMap<String, Vec<u8>> {
    static BUILT: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    BUILT.get_or_init(build)
}

/// The files under `exports/`.
fn exports() -> &'static BTreeMap<String, Vec<u8>> {
    static EXPORTS: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    EXPORTS.get_or_init(|| only_exports(site().clone()))
}

fn only_exports(files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .filter(|(k, _)| k.starts_with("exports/"))
        .collect()
}

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| planpress::load::load(&root()).expect("the Kent content loads"))
}

fn held() -> impl Iterator<Item = &'static planpress::model::Strategy> {
    content().strategies.iter().filter(|s| s.meta.held)
}

fn text_of(slug: &str) -> String {
    let bytes = exports()
        .get(&format!("exports/{slug}/{slug}.txt"))
        .unwrap_or_else(|| panic!("no text export of {slug}"));
    String::from_utf8(bytes.clone()).expect("the text export is UTF-8")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn installed(program: &str) -> bool {
    Tool::new(program, "").installed()
}

#[test]
fn every_document_has_a_text_export_and_held_ones_every_format() {
    let files = exports();
    for s in &content().strategies {
        let slug = &s.slug;
        assert!(files.contains_key(&format!("exports/{slug}/{slug}.txt")));
        for path in [
            format!("exports/{slug}/{slug}.epub"),
            format!("exports/{slug}/{slug}-large-print.html"),
        ] {
            assert_eq!(files.contains_key(&path), s.meta.held, "{path}");
        }
        if s.meta.held && (in_ci() || installed("lou_translate")) {
            assert!(files.contains_key(&format!("exports/{slug}/{slug}.brf")));
        }
    }
}

#[test]
fn the_text_export_has_every_heading() {
    for s in held() {
        let text = text_of(&s.slug);
        let lines: Vec<&str> = text.lines().collect();
        // A heading is a line of its own, underlined.
        let is_heading = |h: &str| {
            lines.windows(2).any(|w| {
                w[0] == h
                    && w[1].chars().count() == h.chars().count()
                    && w[1].chars().all(|c| matches!(c, '=' | '-' | '~'))
            })
        };
        let mut expected = vec![s.meta.title.clone()];
        for section in &s.sections {
            expected.push(section.title.clone());
            expected.extend(
                markdown::render(section.body())
                    .headings
                    .into_iter()
                    .map(|h| h.text),
            );
        }
        if let Some(plan) = &s.plan {
            let label = planpress::document::layout::plan_label(plan);
            expected.push(label.plural.clone());
            for p in &plan.priorities {
                expected.push(planpress::document::layout::priority_heading(
                    &label.singular,
                    p,
                ));
            }
        }
        for m in &s.measures {
            expected.push(m.meta.title.clone());
        }
        for h in expected {
            assert!(is_heading(&h), "{}: no heading `{h}`", s.slug);
        }
    }
}

#[test]
fn the_text_export_has_every_charts_description_and_figures() {
    let mut charts = 0;
    for s in held() {
        let text = squash(&text_of(&s.slug));
        for m in &s.measures {
            let Some(chart) = measure_chart(m) else {
                continue;
            };
            charts += 1;
            assert!(
                text.contains(&squash(&chart.description)),
                "{}: the description of {}",
                s.slug,
                m.id
            );
            let unit = m.meta.unit;
            for o in &m.observations {
                let figure = format!(
                    "Period: {}. Figure: {}.",
                    planpress::support::dates::period(o.period),
                    unit.format(o.value)
                );
                assert!(text.contains(&figure), "{}: `{figure}` of {}", s.slug, m.id);
            }
            if let Some(t) = &m.meta.target {
                assert!(text.contains(&unit.format(t.value)));
            }
        }
    }
    assert!(charts > 50, "the Kent reports have charts: {charts}");
}

#[test]
fn braille_is_braille_ascii_in_forty_cells_and_twenty_five_lines() {
    if !in_ci() && !installed("lou_translate") {
        eprintln!("lou_translate is not installed: Braille not checked");
        return;
    }
    for s in held() {
        let slug = &s.slug;
        let brf = &exports()[&format!("exports/{slug}/{slug}.brf")];
        assert!(
            brf.iter()
                .all(|&b| (0x20..=0x5F).contains(&b) || matches!(b, b'\r' | b'\n' | 0x0C)),
            "{slug}: a byte outside upper-case Braille ASCII"
        );
        let text = std::str::from_utf8(brf).unwrap();
        assert!(text.ends_with('\x0C'));
        let pages: Vec<&str> = text.split_terminator('\x0C').collect();
        assert!(pages.len() > 1, "{slug}");
        for (n, page) in pages.iter().enumerate() {
            assert!(page.ends_with("\r\n"), "{slug} page {}", n + 1);
            let lines: Vec<&str> = page.split_terminator("\r\n").collect();
            assert!(
                lines.len() <= 25,
                "{slug} page {}: {} lines",
                n + 1,
                lines.len()
            );
            for l in &lines {
                assert!(
                    !l.contains('\n') && !l.contains('\r'),
                    "{slug}: a bare line break"
                );
                assert!(
                    l.len() <= 40,
                    "{slug} page {}: `{l}` is {} cells",
                    n + 1,
                    l.len()
                );
            }
        }
        // The title, as UEB grade 2 capitalises it, opens the first page.
        assert!(pages[0].trim_start().starts_with(','), "{slug}");
    }
}

/// Every `font-size` of a stylesheet, in points.
fn font_sizes(css: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for (i, _) in css.match_indices("font-size:") {
        let value: String = css[i + "font-size:".len()..]
            .chars()
            .take_while(|c| !matches!(c, ';' | '}'))
            .collect();
        let v = value.trim().trim_end_matches("!important").trim();
        let points = if let Some(n) = v.strip_suffix("pt") {
            n.parse::<f64>().ok()
        } else if let Some(n) = v.strip_suffix("px") {
            n.parse::<f64>().ok().map(|px| px * 0.75)
        } else {
            None
        };
        out.push((v.to_string(), points.unwrap_or(0.0)));
    }
    out
}

#[test]
fn large_print_is_eighteen_point_or_larger_and_left_aligned() {
    for s in held() {
        let slug = &s.slug;
        let html = String::from_utf8(
            exports()[&format!("exports/{slug}/{slug}-large-print.html")].clone(),
        )
        .unwrap();
        let start = html.find("<style>").expect("the stylesheet is in the page") + 7;
        let end = html.find("</style>").unwrap();
        let css = &html[start..end];
        let sizes = font_sizes(css);
        assert!(sizes.len() > 5);
        for (value, points) in sizes {
            assert!(points >= 18.0, "{slug}: font-size {value} is below 18pt");
        }
        assert!(!css.contains("justify"), "{slug}: justified text");
        assert!(css.contains("line-height: 1.5"));
        assert!(!html.contains("<img"), "{slug}: an image");
        assert!(!html.contains(" style=\""), "{slug}: an inline style");
        // Every chart is followed by its table.
        let charts = html.matches("<figure class=\"chart\"").count();
        assert_eq!(
            charts,
            s.measures
                .iter()
                .filter(|m| measure_chart(m).is_some())
                .count()
        );
        for figure in html.split("<figure class=\"chart\"").skip(1) {
            let figure = &figure[..figure.find("</figure>").unwrap()];
            assert!(figure.contains("<svg") && figure.contains("<table>"));
        }
    }
}

#[test]
fn exports_are_byte_identical_across_builds() {
    let again = only_exports(build());
    let first = exports();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        again.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in first {
        assert!(again[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn audio_is_made_for_the_documents_site_yaml_names() {
    let tools = installed("espeak-ng") && installed("lame");
    if !tools && !in_ci() {
        eprintln!("espeak-ng or lame is not installed: audio not checked");
        return;
    }
    let slug = "strategic-commissioning-plan";
    assert!(
        content().site.exports.audio.iter().any(|s| s.value == slug),
        "site.yaml asks for audio of {slug}"
    );
    let tracks: Vec<(&String, &Vec<u8>)> = exports()
        .iter()
        .filter(|(k, _)| k.starts_with(&format!("exports/{slug}/audio/")))
        .collect();
    assert!(!tracks.is_empty());
    for (path, mp3) in &tracks {
        assert!(path.ends_with(".mp3"));
        assert_eq!(&mp3[..3], b"ID3", "{path}");
        let size = mp3[6..10]
            .iter()
            .fold(0usize, |n, b| (n << 7) | usize::from(*b));
        let audio = &mp3[10 + size..];
        assert!(
            audio[0] == 0xFF && audio[1] & 0xE0 == 0xE0,
            "{path}: MP3 frames"
        );
        assert!(mp3.len() > 20_000, "{path}: some seconds of speech");
        // Neither lame's ID3 frames (encoder, length) nor its Xing/Info header.
        assert!(
            !mp3[..10 + size]
                .windows(4)
                .any(|w| w == b"TSSE" || w == b"TLEN")
        );
        assert!(
            !audio[..200]
                .windows(4)
                .any(|w| w == b"Xing" || w == b"Info"),
            "{path}"
        );
    }
    let zip = &exports()[&format!("exports/{slug}/{slug}-audio.zip")];
    assert_eq!(&zip[..4], b"PK\x03\x04");
    // Audio is only for the documents named.
    assert!(
        !exports()
            .keys()
            .any(|k| k.contains("/audio/") && !k.contains(slug))
    );
}

#[test]
fn every_epub_passes_epubcheck() {
    let jar = Path::new("/usr/bin/epubcheck");
    if !jar.exists() {
        assert!(!in_ci(), "CI must install epubcheck");
        eprintln!("epubcheck is not installed: EPUBs not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let epubs: Vec<PathBuf> = exports()
        .iter()
        .filter(|(k, _)| k.ends_with(".epub"))
        .map(|(k, bytes)| {
            let path = dir.path().join(Path::new(k).file_name().unwrap());
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    assert_eq!(epubs.len(), held().count());
    let results: Vec<(PathBuf, std::process::Output)> = std::thread::scope(|s| {
        let runs: Vec<_> = epubs
            .iter()
            .map(|p| {
                s.spawn(move || {
                    let out = Command::new("java")
                        .arg("-jar")
                        .arg(jar)
                        .arg(p)
                        .output()
                        .expect("java runs epubcheck");
                    (p.clone(), out)
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    for (path, out) in results {
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!(
            "{}: {}",
            path.display(),
            report
                .lines()
                .find(|l| l.starts_with("Messages:"))
                .unwrap_or("?")
        );
        assert!(out.status.success(), "{}:\n{report}", path.display());
        assert!(
            report.contains("0 fatals / 0 errors / 0 warnings"),
            "{}:\n{report}",
            path.display()
        );
    }
}

#[test]
fn document_pages_and_the_formats_page_link_the_exports() {
    let page = String::from_utf8(site()["delivering-bold-steps/index.html"].clone()).unwrap();
    for end in [".epub", ".txt", "-large-print.html"] {
        assert!(
            page.contains(&format!(
                "exports/delivering-bold-steps/delivering-bold-steps{end}"
            )),
            "{end}"
        );
    }
    let formats = String::from_utf8(site()["alternative-formats/index.html"].clone()).unwrap();
    assert!(formats.contains("delivering-bold-steps.epub"));
    assert!(formats.contains("01622 694027"));
}

#[test]
fn a_missing_tool_skips_its_export_with_a_notice() {
    let project = Project::new(root());
    let (made, _) = planpress::make_exports(&project, |o| {
        o.formats = vec![Format::Braille, Format::Text];
        o.document = Some("delivering-bold-steps".to_string());
        o.tools = Tools {
            lou_translate: Tool::new("planpress-no-such-louis", "liblouis-bin"),
            ..Tools::default()
        };
    })
    .unwrap();
    assert_eq!(made.files.len(), 1, "the text export is still made");
    assert_eq!(made.skipped.len(), 1);
    assert!(made.skipped[0].to_string().contains("liblouis-bin"));
}

fn planpress(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(args)
        .arg("--root")
        .arg(root())
        .output()
        .unwrap()
}

#[test]
fn the_export_command_makes_one_format() {
    let out = tempfile::tempdir().unwrap();
    let o = planpress(&[
        "export",
        "--format",
        "txt",
        "--document",
        "delivering-bold-steps",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = out
        .path()
        .join("delivering-bold-steps/delivering-bold-steps.txt");
    assert_eq!(
        std::fs::read(written).unwrap(),
        exports()["exports/delivering-bold-steps/delivering-bold-steps.txt"]
    );
    // Usage errors: exit code 2.
    assert_eq!(
        planpress(&["export", "--format", "pdf"]).status.code(),
        Some(2)
    );
    let o = planpress(&["export", "--format", "txt", "--document", "no-such-plan"]);
    assert_eq!(o.status.code(), Some(2));
    let o = planpress(&["export", "--format", "epub", "--document", "towards-2010"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not held"));
}

#[test]
fn build_without_exports_makes_none() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    let o = planpress(&["build", "--no-exports", "--out", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(site.join("index.html").exists());
    assert!(!site.join("exports").exists());
}
