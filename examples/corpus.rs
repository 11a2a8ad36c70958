//! A synthetic corpus for benchmarks: councils × strategies × priorities ×
//! commitments × measures with series of figures, in planpress's content
//! format, and the same prose as a plain Markdown twin for Hugo and Zola.
//!
//! Deterministic: the same `--pages` and `--seed` write the same files.
//! The text is generated filler, never published: it exists to be measured.
//!
//! cargo run --release --example corpus -- --pages 10000 --out /tmp/corpus
//! writes /tmp/corpus/planpress (a project root) and /tmp/corpus/twin (Markdown).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Pages planpress makes for one synthetic strategy (see `strategy`).
const PAGES_PER_STRATEGY: usize = 1 + SECTIONS + 1 + PRIORITIES + 1 + MEASURES;
const SECTIONS: usize = 4;
const PRIORITIES: usize = 8;
const MEASURES: usize = 4;
const STRATEGIES_PER_COUNCIL: usize = 5;

const WORDS: [&str; 48] = [
    "council",
    "residents",
    "services",
    "deliver",
    "improve",
    "housing",
    "transport",
    "skills",
    "health",
    "care",
    "schools",
    "economy",
    "growth",
    "communities",
    "partners",
    "investment",
    "support",
    "outcomes",
    "budget",
    "savings",
    "local",
    "county",
    "strategy",
    "priority",
    "commitment",
    "measure",
    "progress",
    "targets",
    "review",
    "young",
    "people",
    "families",
    "older",
    "adults",
    "access",
    "digital",
    "environment",
    "carbon",
    "travel",
    "roads",
    "rail",
    "jobs",
    "business",
    "training",
    "quality",
    "public",
    "plan",
    "years",
];

/// xorshift64*: a few lines, reproducible on every platform and Rust version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn sentence(&mut self) -> String {
        let len = 8 + self.below(14);
        let mut s = String::new();
        for i in 0..len {
            let w = WORDS[self.below(WORDS.len())];
            if i == 0 {
                let mut c = w.chars();
                s.push_str(
                    &c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default(),
                );
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }
    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// About 830 words with a list and a table, like the peers' corpus.
    fn page(&mut self) -> String {
        let mut md = String::new();
        for h in 0..3 {
            let _ = writeln!(md, "## {}\n", self.sentence().trim_end_matches('.'));
            let _ = writeln!(md, "{}\n", self.paragraph(9));
            if h == 1 {
                for _ in 0..5 {
                    let _ = writeln!(md, "- {}", self.sentence());
                }
                md.push('\n');
            }
        }
        md.push_str("| Area | Figure | Year |\n|---|---|---|\n");
        for _ in 0..4 {
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                WORDS[self.below(WORDS.len())],
                self.below(1000),
                2010 + self.below(15)
            );
        }
        md.push('\n');
        let _ = writeln!(md, "{}", self.paragraph(8));
        md
    }
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a file has a folder"))
        .expect("the corpus folder can be written");
    fs::write(path, text).expect("the corpus can be written");
}

fn main() {
    let mut pages: usize = 1000;
    let mut seed = 2026;
    let mut out = PathBuf::from("target/corpus");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()).expect("--pages N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            other => panic!("unknown argument {other}: use --pages N --seed N --out DIR"),
        }
    }
    let strategies = pages.div_ceil(PAGES_PER_STRATEGY).max(1);
    let _ = fs::remove_dir_all(&out);
    let pp = out.join("planpress");
    let twin = out.join("twin");
    let mut rng = Rng(seed | 1);

    write(
        &pp.join("content/site.yaml"),
        "name: Synthetic plans\norganisation: Synthetic councils\nlanguage: en-GB\nbase_url: https://plans.example/\ncontact:\n  phone: \"0000 000000\"\naccessibility:\n  reviewed: \"2026-01-01\"\n  nation: england\n  compliance: partial\n",
    );
    copy_theme(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &pp.join("themes"),
    );
    write(
        &twin.join("hugo.toml"),
        "baseURL = 'https://plans.example/'\ntitle = 'Synthetic plans'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n[taxonomies]\ntag = 'tags'\n",
    );
    write(
        &twin.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html><html lang=\"en-GB\"><head><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    );
    write(
        &twin.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
    );
    write(
        &twin.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );
    write(
        &twin.join("config.toml"),
        "base_url = 'https://plans.example'\ntitle = 'Synthetic plans'\ncompile_sass = false\nbuild_search_index = false\n",
    );
    write(
        &twin.join("templates/index.html"),
        "<!DOCTYPE html><html lang=\"en-GB\"><head><title>{{ config.title }}</title></head><body><main><h1>{{ config.title }}</h1></main></body></html>\n",
    );
    write(
        &twin.join("templates/page.html"),
        "<!DOCTYPE html><html lang=\"en-GB\"><head><title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main></body></html>\n",
    );
    write(
        &twin.join("templates/section.html"),
        "<!DOCTYPE html><html lang=\"en-GB\"><head><title>{{ section.title }}</title></head><body><main><h1>{{ section.title }}</h1><ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul></main></body></html>\n",
    );

    for n in 0..strategies {
        let council = n / STRATEGIES_PER_COUNCIL;
        let slug = format!("council-{council}-strategy-{}", n % STRATEGIES_PER_COUNCIL);
        strategy(
            &mut rng,
            &pp.join("content/strategies").join(&slug),
            &twin.join("content").join(&slug),
            &slug,
            n,
        );
    }
    println!(
        "{} strategies, about {} planpress pages, {} charts, into {}",
        strategies,
        strategies * PAGES_PER_STRATEGY,
        strategies * MEASURES,
        out.display()
    );
}

fn strategy(rng: &mut Rng, dir: &Path, twin: &Path, slug: &str, n: usize) {
    let start = 2000 + (n % 20) as i32;
    write(
        &dir.join("strategy.yaml"),
        &format!(
            "title: Synthetic strategy {n}\nkind: strategy\npublisher: Synthetic council {}\npublished: \"{start}-04\"\nperiod: {{ start: \"{start}\", end: \"{}\" }}\nstatus:\n  state: published\n",
            n / STRATEGIES_PER_COUNCIL,
            start + 4
        ),
    );
    write(
        &twin.join("_index.md"),
        &format!("---\ntitle: Synthetic strategy {n}\n---\n"),
    );
    for s in 0..SECTIONS {
        let body = rng.page();
        let title = format!("Section {s} of strategy {n}");
        write(
            &dir.join(format!("sections/{:02}-section-{s}.md", s + 1)),
            &format!("---\ntitle: {title}\n---\n\n{body}"),
        );
        write(
            &twin.join(format!("section-{s}.md")),
            &format!(
                "---\ntitle: {title}\ntags: [\"{}\", \"{}\"]\n---\n\n{body}",
                WORDS[rng.below(48)],
                WORDS[rng.below(48)]
            ),
        );
    }
    let mut plan = String::from(
        "ambitions:\n  - id: ambition-1\n    title: Synthetic ambition\npriorities:\n",
    );
    for p in 0..PRIORITIES {
        let aim = rng.paragraph(6);
        let _ = write!(
            plan,
            "  - id: priority-{p}\n    number: \"{p}\"\n    title: Synthetic priority {p}\n    ambition: ambition-1\n    aim: |\n      {aim}\n    milestones:\n"
        );
        for m in 0..3 {
            let _ = writeln!(
                plan,
                "      - id: priority-{p}-milestone-{m}\n        text: {}\n        due: \"{}\"",
                rng.sentence(),
                start + 1 + m
            );
        }
        plan.push_str("    measures:\n");
        let _ = writeln!(
            plan,
            "      - id: priority-{p}-measure-0\n        title: {}",
            rng.sentence()
        );
        plan.push_str("    commitments:\n");
        for c in 0..4 {
            let _ = writeln!(
                plan,
                "      - id: priority-{p}-commitment-{c}\n        text: We will {}",
                rng.sentence().to_lowercase()
            );
        }
        write(
            &twin.join(format!("priority-{p}.md")),
            &format!(
                "---\ntitle: Synthetic priority {p}\ntags: [\"priority\", \"{}\"]\n---\n\n{aim}\n\n{}",
                WORDS[rng.below(48)],
                rng.page()
            ),
        );
    }
    write(&dir.join("plan.yaml"), &plan);
    // The first section is cited by the figures.
    let first = dir.join("sections/01-section-0.md");
    let text = fs::read_to_string(&first).expect("just written");
    write(
        &first,
        &text.replacen(
            "\n\n## ",
            "\n\n{#para-1} Figures are published here.\n\n## ",
            1,
        ),
    );
    for m in 0..MEASURES {
        let target = 40 + rng.below(50);
        write(
            &dir.join(format!("measures/measure-{m}.yaml")),
            &format!(
                "title: Synthetic measure {m}\nunit: percent\nbetter: higher\nbelongs_to:\n  - {{ document: {slug}, anchor: priority-{} }}\ntarget:\n  value: {target}\n  period: \"{}\"\n",
                m % PRIORITIES,
                start + 4
            ),
        );
        let mut csv = String::from("period,value,source,note\n");
        for y in 0..5 {
            let _ = writeln!(
                csv,
                "{},{}.{},{slug}#para-1,",
                start + y,
                20 + rng.below(70),
                rng.below(10)
            );
        }
        write(&dir.join(format!("measures/measure-{m}.csv")), &csv);
        write(
            &twin.join(format!("measure-{m}.md")),
            &format!(
                "---\ntitle: Synthetic measure {m}\n---\n\n{}",
                rng.paragraph(5)
            ),
        );
    }
}

fn copy_theme(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("the corpus folder can be written");
    for e in fs::read_dir(from).expect("the theme is readable") {
        let p = e.expect("the theme is readable").path();
        let t = to.join(p.file_name().expect("a file has a name"));
        if p.is_dir() {
            copy_theme(&p, &t);
        } else {
            fs::copy(&p, &t).expect("the theme can be copied");
        }
    }
}
