//! The Kent site says what the council published: every seed's wording is
//! in the built pages' visible text, and each priority lists the milestones
//! and measures the seed prints under it.

use std::collections::HashSet;

use scraper::Html;

use crate::common::{kent, root, sel, visible_text, words};

const N: usize = 5;

/// Share of the seed's runs of five words that a reader finds on the site.
/// Runs are taken within each of `blocks` of the seed.
fn coverage<'a>(
    blocks: impl Iterator<Item = &'a str>,
    site: &HashSet<Vec<String>>,
) -> (f64, Vec<String>) {
    let (mut total, mut found) = (0, 0);
    let mut missing = Vec::new();
    for block in blocks {
        for run in words(block).windows(N) {
            total += 1;
            if site.contains(run) {
                found += 1;
            } else {
                missing.push(run.join(" "));
            }
        }
    }
    (100.0 * found as f64 / total as f64, missing)
}

/// Seed 000 is a second extraction of Delivering Bold Steps whose blocks came
/// out in another order than printed (each priority's ambition line after its
/// lists, priority 8 before 7); seed 001 gives the printed order. So 000 is
/// compared block by block (blocks are separated by blank lines), the others
/// as one text.
fn blocks<'a>(name: &str, text: &'a str) -> Vec<&'a str> {
    if name.starts_with("000_") {
        text.split("\n\n").collect()
    } else {
        vec![text]
    }
}

#[test]
fn every_seed_is_published_at_97_percent_or_more_of_its_wording() {
    let site = kent();
    let mut grams = HashSet::new();
    // Each document read from its first page to its last, as a reader would.
    for (path, html) in &site.pages {
        let doc = Html::parse_document(html);
        if doc.select(&sel("a[rel=prev]")).next().is_some()
            || doc.select(&sel(".document-body")).next().is_none()
        {
            continue;
        }
        let mut text = String::new();
        let mut page = path.clone();
        loop {
            let doc = site.page(&page);
            text.push_str(&visible_text(
                doc.select(&sel(".document-body")).next().unwrap(),
            ));
            match doc.select(&sel("a[rel=next]")).next() {
                Some(a) => {
                    page = format!(
                        "{}index.html",
                        a.value()
                            .attr("href")
                            .unwrap()
                            .strip_prefix(&site.base_path)
                            .unwrap()
                    )
                }
                None => break,
            }
        }
        let w = words(&text);
        for g in w.windows(N) {
            grams.insert(g.to_vec());
        }
    }
    let seeds = std::fs::read_dir(root().join("seeds")).unwrap();
    let mut report = Vec::new();
    let mut names: Vec<_> = seeds
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (share, missing) = coverage(blocks(&name, &text).into_iter(), &grams);
        println!("{name}: {share:.2}% of five-word runs published");
        report.push((name, share, missing));
    }
    for (name, share, missing) in &report {
        assert!(
            *share >= 97.0,
            "{name}: only {share:.2}% published; first missing: {:?}",
            &missing[..missing.len().min(20)]
        );
    }
}

/// Seed 001's priorities, as (number, bullet items) in the order printed.
fn seed_priorities() -> Vec<(u32, Vec<String>)> {
    let seed = std::fs::read_to_string(root().join("seeds/001_e957172e9e929445.txt")).unwrap();
    let start = seed.find("Priority 1:").unwrap();
    let end = seed.find("This document is available").unwrap();
    let mut blocks: Vec<(u32, Vec<String>)> = Vec::new();
    let mut item: Option<String> = None;
    for line in seed[start..end].lines() {
        if let Some(rest) = line.strip_prefix("Priority ") {
            let n: u32 = rest.split(':').next().unwrap().parse().unwrap();
            blocks.push((n, Vec::new()));
            item = None;
            continue;
        }
        let trimmed = line.trim();
        let is_bullet = line.starts_with("- ")
            || line.starts_with(" Regular")
            || line.starts_with(" Evaluation");
        if is_bullet {
            if let Some(done) = item.take() {
                blocks.last_mut().unwrap().1.push(done);
            }
            item = Some(trimmed.trim_start_matches("- ").to_string());
        } else if trimmed.is_empty() || trimmed.ends_with(':') {
            if let Some(done) = item.take() {
                blocks.last_mut().unwrap().1.push(done);
            }
        } else if let Some(open) = item.as_mut() {
            // A bullet the extraction broke over lines.
            open.push(' ');
            open.push_str(trimmed);
        }
    }
    if let Some(done) = item {
        blocks.last_mut().unwrap().1.push(done);
    }
    blocks
}

#[test]
fn each_delivering_bold_steps_priority_lists_the_milestones_and_measures_of_the_seed() {
    let site = kent();
    let blocks = seed_priorities();
    assert_eq!(blocks.len(), 16);
    let lists = |n: u32| -> Vec<String> {
        let doc = site.page(&format!(
            "delivering-bold-steps/priorities/priority-{n}/index.html"
        ));
        doc.select(&sel("ul.milestones > li, ul.measures > li"))
            .map(|li| {
                // The item as published, without the due date the site adds.
                let all = words(&visible_text(li)).join(" ");
                match li.select(&sel(".due")).next() {
                    Some(due) => all
                        .strip_suffix(&words(&visible_text(due)).join(" "))
                        .unwrap()
                        .trim()
                        .to_string(),
                    None => all,
                }
            })
            .collect()
    };
    let all: Vec<(u32, String)> = (1..=16)
        .flat_map(|n| lists(n).into_iter().map(move |t| (n, t)))
        .collect();
    let mut total = 0;
    for (n, items) in &blocks {
        for item in items {
            // 001 misreads "Eurokent" (seed 000 and seeds/README.md).
            let wanted = words(item).join(" ").replace("furokent", "eurokent");
            let found: Vec<u32> = all
                .iter()
                .filter(|(_, t)| *t == wanted)
                .map(|(p, _)| *p)
                .collect();
            // Seed 001 prints priority 9's lists under priority 10's heading;
            // seed 000 shows where they belong.
            let expected = if *n == 10 && !found.contains(&10) {
                9
            } else {
                *n
            };
            assert_eq!(
                found,
                vec![expected],
                "priority {n}: `{item}` is not on its page"
            );
            total += 1;
        }
    }
    assert_eq!(
        total,
        all.len(),
        "the pages list items the seed does not have"
    );
    assert!(total >= 100, "only {total} milestones and measures");
}
