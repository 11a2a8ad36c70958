//! The alternative formats, built with the site: what each one must hold,
//! its geometry, epubcheck's verdict, and the `export` command.

use std::path::{Path, PathBuf};
use std::process::Command;

use planpress::Project;
use planpress::document::chart::measure_chart;
use planpress::document::markdown;
use planpress::export::{Format, Tool, Tools};

use crate::common::{Built, fixture, fixture_content, kent, planpress, skip, squash, stderr, tool};

fn text_of<'a>(site: &'a Built, slug: &str) -> &'a str {
    site.text(&format!("exports/{slug}/{slug}.txt"))
}

fn every_document_has_a_text_export_and_held_ones_every_format_in(site: &Built) {
    let braille = tool("lou_translate", "Braille");
    for s in &site.content.strategies {
        let slug = &s.slug;
        assert!(
            site.files
                .contains_key(&format!("exports/{slug}/{slug}.txt"))
        );
        for path in [
            format!("exports/{slug}/{slug}.epub"),
            format!("exports/{slug}/{slug}-large-print.html"),
        ] {
            assert_eq!(site.files.contains_key(&path), s.meta.held, "{path}");
        }
        if braille {
            let brf = format!("exports/{slug}/{slug}.brf");
            assert_eq!(site.files.contains_key(&brf), s.meta.held, "{brf}");
        }
    }
}

#[test]
fn every_document_has_a_text_export_and_held_ones_every_format() {
    every_document_has_a_text_export_and_held_ones_every_format_in(fixture());
    every_document_has_a_text_export_and_held_ones_every_format_in(kent());
}

fn the_text_export_has_every_heading_in(site: &Built) {
    for s in site.held() {
        let lines: Vec<&str> = text_of(site, &s.slug).lines().collect();
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
                markdown::render(section.body(), "Table")
                    .headings
                    .into_iter()
                    .map(|h| h.text),
            );
        }
        if let Some(plan) = &s.plan {
            let english = planpress::theme::locale::Locale::builtin_reference();
            let label = planpress::document::layout::plan_label(plan, &english);
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
fn the_text_export_has_every_heading() {
    the_text_export_has_every_heading_in(fixture());
    the_text_export_has_every_heading_in(kent());
}

/// Each chart's description and every figure is in the text; the charts.
fn the_text_export_has_every_charts_description_and_figures_in(site: &Built) -> usize {
    let mut charts = 0;
    let english = planpress::theme::locale::Locale::builtin_reference();
    for s in site.held() {
        let text = squash(text_of(site, &s.slug));
        for m in &s.measures {
            let Some(chart) = measure_chart(m, &site.content.site.organisation, &english) else {
                continue;
            };
            charts += 1;
            assert!(
                text.contains(&squash(&chart.description)),
                "{}: the description of {}",
                s.slug,
                m.id
            );
            let unit = &m.unit;
            for o in &m.observations {
                let figure = format!(
                    "Period: {}. Figure: {}.",
                    planpress::support::dates::period(o.period, m.calendar, &english),
                    unit.format(o.value)
                );
                assert!(text.contains(&figure), "{}: `{figure}` of {}", s.slug, m.id);
            }
            if let Some(t) = &m.meta.target {
                assert!(text.contains(&unit.format(t.value)));
            }
        }
    }
    charts
}

#[test]
fn the_text_export_has_every_charts_description_and_figures() {
    assert_eq!(
        the_text_export_has_every_charts_description_and_figures_in(fixture()),
        // The three measures with two figures or more; one figure is not a chart.
        3
    );
    let kent = the_text_export_has_every_charts_description_and_figures_in(kent());
    // Most of Kent's measures have one figure each, shown as a number.
    assert!(kent >= 7, "the Kent reports have charts: {kent}");
}

fn braille_is_braille_ascii_in_forty_cells_and_twenty_five_lines_in(site: &Built) {
    for s in site.held() {
        let slug = &s.slug;
        let brf = &site.files[&format!("exports/{slug}/{slug}.brf")];
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

#[test]
fn braille_is_braille_ascii_in_forty_cells_and_twenty_five_lines() {
    if !tool("lou_translate", "Braille") {
        return;
    }
    braille_is_braille_ascii_in_forty_cells_and_twenty_five_lines_in(fixture());
    braille_is_braille_ascii_in_forty_cells_and_twenty_five_lines_in(kent());
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

fn large_print_is_eighteen_point_or_larger_and_left_aligned_in(site: &Built) {
    let english = planpress::theme::locale::Locale::builtin_reference();
    for s in site.held() {
        let slug = &s.slug;
        let html = site.text(&format!("exports/{slug}/{slug}-large-print.html"));
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
                .filter(|m| measure_chart(m, "", &english).is_some())
                .count()
        );
        for figure in html.split("<figure class=\"chart\"").skip(1) {
            let figure = &figure[..figure.find("</figure>").unwrap()];
            assert!(figure.contains("<svg") && figure.contains("<table>"));
        }
    }
}

#[test]
fn large_print_is_eighteen_point_or_larger_and_left_aligned() {
    large_print_is_eighteen_point_or_larger_and_left_aligned_in(fixture());
    large_print_is_eighteen_point_or_larger_and_left_aligned_in(kent());
}

/// The documents site.yaml names have a spoken edition, as MP3 files with
/// no encoder tags and a zip of them; no other document has one.
fn audio_is_made_for_the_documents_site_yaml_names_in(site: &Built) {
    let named: Vec<&str> = site
        .content
        .site
        .exports
        .audio
        .iter()
        .map(|s| s.value.as_str())
        .collect();
    assert!(!named.is_empty(), "site.yaml names documents for audio");
    for slug in &named {
        let tracks: Vec<(&String, &Vec<u8>)> = site
            .exports()
            .filter(|(k, _)| k.starts_with(&format!("exports/{slug}/audio/")))
            .collect();
        assert!(!tracks.is_empty(), "{slug}: no audio");
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
        let zip = &site.files[&format!("exports/{slug}/{slug}-audio.zip")];
        assert_eq!(&zip[..4], b"PK\x03\x04");
    }
    // Audio is only for the documents named.
    for (k, _) in site.exports() {
        let slug = k.split('/').nth(1).unwrap();
        if k.contains("/audio/") || k.ends_with("-audio.zip") {
            assert!(named.contains(&slug), "{k}: audio of a document not named");
        }
    }
}

#[test]
fn audio_is_made_for_the_documents_site_yaml_names() {
    if !(tool("espeak-ng", "audio") && tool("lame", "audio")) {
        return;
    }
    audio_is_made_for_the_documents_site_yaml_names_in(fixture());
    audio_is_made_for_the_documents_site_yaml_names_in(kent());
}

#[test]
fn every_epub_passes_epubcheck() {
    // Debian's epubcheck is a jar, run with Java.
    let jar = Path::new("/usr/bin/epubcheck");
    if !jar.is_file() {
        skip(
            "epubcheck",
            "not installed, so EPUB validity is not checked",
        );
        return;
    }
    if !tool("java", "EPUB validity (epubcheck)") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut epubs: Vec<PathBuf> = Vec::new();
    for (site, name) in [(fixture(), "fixture"), (kent(), "kent")] {
        let made: Vec<PathBuf> = site
            .exports()
            .filter(|(k, _)| k.ends_with(".epub"))
            .map(|(k, bytes)| {
                let file = Path::new(k).file_name().unwrap().to_string_lossy();
                let path = dir.path().join(format!("{name}-{file}"));
                std::fs::write(&path, bytes).unwrap();
                path
            })
            .collect();
        assert_eq!(made.len(), site.held().count());
        epubs.extend(made);
    }
    let results: Vec<(PathBuf, std::process::Output)> = std::thread::scope(|s| {
        let runs: Vec<_> = epubs
            .iter()
            .map(|p| {
                s.spawn(move || {
                    let out = Command::new("java")
                        // A short run: the quick JIT and the serial
                        // collector halve its time.
                        .args([
                            "-XX:+IgnoreUnrecognizedVMOptions",
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                        ])
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
    let site = fixture();
    let page = site.html("corporate-plan-2020/index.html");
    for end in [".epub", ".txt", "-large-print.html", ".brf"] {
        assert!(
            page.contains(&format!(
                "/plans/exports/corporate-plan-2020/corporate-plan-2020{end}\""
            )),
            "{end}"
        );
    }
    let formats = site.html("alternative-formats/index.html");
    assert!(formats.contains("corporate-plan-2020.epub"));
    assert!(formats.contains("community-charter-2012-audio.zip"));
    assert!(formats.contains("01632 960123"));
}

#[test]
fn a_missing_tool_skips_its_export_with_a_notice() {
    let project = Project::new(fixture().root.clone());
    let (made, _) = planpress::make_exports(&project, |o| {
        o.formats = vec![Format::Braille, Format::Text];
        o.document = Some("corporate-plan-2020".to_string());
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

#[test]
fn the_export_command_makes_one_format() {
    let root = fixture_content().parent().unwrap().to_path_buf();
    let site = fixture();
    let out = tempfile::tempdir().unwrap();
    let o = planpress(
        &site.root,
        &[
            "export",
            "--format",
            "txt",
            "--document",
            "corporate-plan-2020",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let written = out
        .path()
        .join("corporate-plan-2020/corporate-plan-2020.txt");
    assert_eq!(
        std::fs::read(written).unwrap(),
        site.files["exports/corporate-plan-2020/corporate-plan-2020.txt"]
    );
    // Usage errors: exit code 2.
    let run = |args: &[&str]| planpress(&site.root, args);
    assert_eq!(run(&["export", "--format", "pdf"]).status.code(), Some(2));
    let o = run(&["export", "--format", "txt", "--document", "no-such-plan"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "export",
        "--format",
        "epub",
        "--document",
        "community-charter-2012",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not held"));
    assert!(
        !root.join("public").exists(),
        "the fixture's own folder is never written"
    );
}

#[test]
fn build_without_exports_makes_none() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    let o = planpress(
        &fixture().root,
        &["build", "--no-exports", "--out", site.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.join("index.html").exists());
    assert!(!site.join("exports").exists());
}

/// What `check` allows, every format can make: Markdown nested as deep as
/// the limit, in every kind of nesting, and a word as long as the limit.
#[test]
fn every_format_is_made_from_text_at_the_content_limits() {
    use planpress::model::limits;
    let dir = crate::common::fixture_copy();
    let root = dir.path();
    let deep = limits::MARKDOWN_NESTING;
    let quotes = format!("{}quoted at the limit", "> ".repeat(deep));
    let lists = format!("{}listed at the limit", "- ".repeat(deep));
    let mixed = format!("{}*emphasised at the limit*", "> - ".repeat((deep - 1) / 2));
    let word = "w".repeat(limits::WORD_CHARS);
    let section = root.join("content/strategies/plan-review-2020/sections/01-summary.md");
    let mut text = std::fs::read_to_string(&section).unwrap();
    text.push_str(&format!("\n\n{quotes}\n\n{lists}\n\n{mixed}\n\n{word}\n"));
    std::fs::write(&section, text).unwrap();
    let o = planpress(root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = planpress(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let txt =
        std::fs::read_to_string(root.join("public/exports/plan-review-2020/plan-review-2020.txt"))
            .unwrap();
    for words in [
        "quoted at the limit",
        "listed at the limit",
        "emphasised at the limit",
        &word,
    ] {
        assert!(txt.contains(words), "the text export lacks {words:?}");
    }
    for format in ["plan-review-2020.epub", "plan-review-2020-large-print.html"] {
        assert!(
            root.join("public/exports/plan-review-2020")
                .join(format)
                .exists(),
            "{format}"
        );
    }
    if tool("lou_translate", "Braille at the limits") {
        assert!(
            root.join("public/exports/plan-review-2020/plan-review-2020.brf")
                .exists()
        );
    }
}
