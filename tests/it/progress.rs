//! Progress of a plan in force (`progress.csv`): each commitment's and
//! milestone's history of statuses, overdue milestones as of the build's
//! day, and the counts the plan's pages lead with.

use scraper::Html;

use crate::common::{fixture_copy, planpress, sel, stderr, texts};

const PROGRESS: &str = "content/strategies/corporate-plan-2020/progress.csv";
const ROWS: &str = "item,status,date,source,note
priority-2-commitment-1,on-track,2021-06-30,corporate-plan-2020#para-2,
priority-2-commitment-1,at-risk,2022-03-31,corporate-plan-2020#para-2,Fewer crews than planned
priority-1-milestone-2,completed,2021-09-30,corporate-plan-2020#para-2,
priority-3-milestone-1,on-track,2022-03-31,corporate-plan-2020#para-2,
";

/// The fixture with `rows` as the corporate plan's progress (none: no
/// `progress.csv`), built as of `day`.
fn built(rows: Option<&str>, day: &str) -> (tempfile::TempDir, impl Fn(&str) -> Html) {
    let dir = fixture_copy();
    if let Some(rows) = rows {
        std::fs::write(dir.path().join(PROGRESS), rows).unwrap();
    }
    let o = planpress(dir.path(), &["build", "--no-exports", "--as-of", day]);
    assert!(o.status.success(), "{}", stderr(&o));
    let root = dir.path().to_path_buf();
    let page = move |p: &str| {
        Html::parse_document(
            &std::fs::read_to_string(root.join("public").join(p).join("index.html")).unwrap(),
        )
    };
    (dir, page)
}

#[test]
fn a_commitment_shows_its_history_oldest_first() {
    let (_dir, page) = built(Some(ROWS), "2023-06-01");
    let p = page("corporate-plan-2020/priorities/priority-2");
    let entries = texts(
        &p,
        "#priority-2-commitment-1 ~ .history li, .commitment .history li",
    );
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(
        entries[0].starts_with("30 June 2021: On track"),
        "{entries:?}"
    );
    assert!(
        entries[1].contains("At risk Fewer crews than planned"),
        "{entries:?}"
    );
    let links = p.select(&sel(".history a:not(.tag)")).count();
    assert_eq!(links, 2, "each entry links its source");
}

#[test]
fn a_milestone_past_its_due_date_and_not_completed_is_overdue_as_of_the_day() {
    let overdue = |day: &str| {
        let (_dir, page) = built(Some(ROWS), day);
        let p = page("corporate-plan-2020/priorities/priority-1");
        let m1 = texts(&p, "#priority-1-milestone-1");
        let m2 = texts(&p, "#priority-1-milestone-2");
        (m1[0].contains("Overdue"), m2[0].contains("Overdue"))
    };
    // Due March 2022: not overdue on its last day, overdue the day after.
    assert_eq!(overdue("2022-03-31"), (false, false));
    assert_eq!(
        overdue("2022-04-01"),
        (true, false),
        "the second was completed and has no due date"
    );
}

#[test]
fn the_summary_counts_what_the_data_holds() {
    let (_dir, page) = built(Some(ROWS), "2024-01-01");
    let landing = page("corporate-plan-2020");
    let (heads, cells) = (
        texts(&landing, ".progress-summary tbody th"),
        texts(&landing, ".progress-summary tbody td"),
    );
    let row = |status: &str| -> String {
        let at = heads
            .iter()
            .position(|h| h == status)
            .unwrap_or_else(|| panic!("no row {status}"));
        format!("{status} {}", cells[at])
    };
    // One commitment, whose latest status is "at risk"; milestones: one
    // overdue (due March 2022, no status), one completed, one due 2023
    // and only "on track" by then: overdue too.
    assert_eq!(row("At risk"), "At risk 1");
    assert_eq!(row("On track"), "On track 0");
    assert_eq!(row("No status reported"), "No status reported 0");
    let text = texts(&landing, ".progress-summary p").join(" ");
    assert!(
        text.contains(
            "As of 1 January 2024, of its 1 commitment, 1 is at risk; 2 milestones are overdue."
        ),
        "{text}"
    );
    let priorities = page("corporate-plan-2020/priorities");
    assert_eq!(
        priorities.select(&sel(".progress-summary table")).count(),
        1
    );
}

#[test]
fn a_plan_without_progress_or_not_in_force_shows_no_summary_and_nothing_overdue() {
    let (_dir, page) = built(None, "2030-01-01");
    let p = page("corporate-plan-2020/priorities/priority-1");
    assert!(!texts(&p, "#priority-1-milestone-1")[0].contains("Overdue"));
    assert_eq!(
        page("borough-plan-2016")
            .select(&sel(".progress-summary"))
            .count(),
        0
    );
}

#[test]
fn progress_rows_are_checked_where_they_are_written() {
    let check = |rows: &str| {
        let dir = fixture_copy();
        std::fs::write(dir.path().join(PROGRESS), rows).unwrap();
        let o = planpress(dir.path(), &["check"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        stderr(&o)
    };
    let expect = |err: &str, at: &str, words: &str| {
        assert!(
            err.lines().any(|l| l.contains(at) && l.contains(words)),
            "no error at {at} saying {words}:\n{err}"
        );
    };
    let err = check(
        "item,status,date,source,note
priority-2-commitment-1,on track,2021-06-30,corporate-plan-2020#para-2,
priority-2-commitment-1,not-being-pursued,2021-07-30,corporate-plan-2020#para-2,
priority-2-commitment-1,completed,2021-13-01,corporate-plan-2020#para-2,
",
    );
    expect(&err, "progress.csv:2:25", "`on track` is not a status");
    expect(&err, "progress.csv:3:", "needs its reason");
    expect(&err, "progress.csv:4:35", "no month 13");
    let err = check(
        "item,status,date,source,note
priority-9-commitment-1,on-track,2021-06-30,corporate-plan-2020#para-2,
priority-2-commitment-1,on-track,2021-06-30,corporate-plan-2020#para-99,
priority-2-commitment-1,at-risk,2021-06-30,corporate-plan-2020#para-2,
",
    );
    expect(
        &err,
        "progress.csv:2:1",
        "no commitment, action or milestone `priority-9-commitment-1`",
    );
    expect(&err, "progress.csv:3:", "has no anchor `para-99`");
    expect(&err, "progress.csv:4:1", "two statuses on 2021-06-30");
}

/// A progress report of the plan `corporate-plan-2020`, published `on`.
fn add_report(root: &std::path::Path, slug: &str, on: &str) {
    let dir = root.join("content/strategies").join(slug);
    std::fs::create_dir_all(dir.join("sections")).unwrap();
    std::fs::write(
        dir.join("strategy.yaml"),
        format!("title: Progress report {on}\nkind: report\npublisher: Example Borough Council\npublished: \"{on}\"\nstatus:\n  state: published\nreports_on: [corporate-plan-2020]\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("sections/01-summary.md"),
        "---\ntitle: Summary\n---\n\n{#para-1} 1. How the plan went this year.\n",
    )
    .unwrap();
}

#[test]
fn progress_reports_are_shown_with_the_plan_in_force_newest_first() {
    let dir = fixture_copy();
    let root = dir.path();
    add_report(root, "progress-report-2021", "2021-06");
    add_report(root, "progress-report-2022", "2022-06");
    let o = planpress(root, &["build", "--no-exports"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = |p: &str| {
        Html::parse_document(
            &std::fs::read_to_string(root.join("public").join(p).join("index.html")).unwrap(),
        )
    };
    let plan = page("corporate-plan-2020");
    let relations = texts(&plan, ".summary-list__row");
    let reports = relations
        .iter()
        .find(|r| r.starts_with("Progress reports"))
        .expect("the plan lists its reports");
    let (a, b) = (reports.find("2022").unwrap(), reports.find("2021").unwrap());
    assert!(a < b, "newest first: {reports}");
    let report = page("progress-report-2022");
    assert!(
        texts(&report, ".summary-list__row")
            .iter()
            .any(|r| r.starts_with("Reports on") && r.contains("Corporate Plan"))
    );
    // On the home page, with the plan in force, not in the archive.
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    let (in_force, archive) = home
        .split_once("<h2>Archive</h2>")
        .expect("the home page has an archive");
    assert!(
        in_force.contains("progress-report-2022/"),
        "a report on a plan in force is listed with it"
    );
    assert!(
        !archive.contains("progress-report-2022/"),
        "a report on a plan in force is not archived"
    );
}

#[test]
fn leads_are_shown_on_the_pages_and_in_the_exports() {
    let dir = fixture_copy();
    let root = dir.path();
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/plan.yaml",
        "    title: Clean and safe streets\n",
        "    title: Clean and safe streets\n    lead: Cabinet Member for Environment\n",
    );
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/plan.yaml",
        "        title: Our commitment is to keep every street clean.\n",
        "        title: Our commitment is to keep every street clean.\n        lead: Head of Street Services\n",
    );
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/measures/leisure-centre-visits.yaml",
        "unit: count\n",
        "unit: count\nlead: Leisure Services\n",
    );
    let o = planpress(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |p: &str| std::fs::read_to_string(root.join("public").join(p)).unwrap();
    let priority = read("corporate-plan-2020/priorities/priority-2/index.html");
    assert!(priority.contains("Lead: Cabinet Member for Environment"));
    assert!(priority.contains("Lead: Head of Street Services"));
    assert!(
        read("corporate-plan-2020/measures/leisure-centre-visits/index.html")
            .contains("Lead: Leisure Services")
    );
    let txt = read("exports/corporate-plan-2020/corporate-plan-2020.txt");
    for lead in [
        "Cabinet Member for Environment",
        "Head of Street Services",
        "Leisure Services",
    ] {
        assert!(
            txt.contains(&format!("Lead: {lead}")),
            "the text export lacks {lead}"
        );
    }
}

#[test]
fn actions_numbered_as_published_keep_their_numbers_and_anchors() {
    let dir = fixture_copy();
    let root = dir.path();
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/plan.yaml",
        "          - Collect every bin on the day it is due.\n          - Remove fly-tipping within two working days.\n",
        "          - { id: action-2-1, number: \"2.1\", text: Collect every bin on the day it is due. }\n          - { id: action-2-1-1, number: \"2.1.1\", text: Remove fly-tipping within two working days. }\n",
    );
    std::fs::write(
        root.join(PROGRESS),
        "item,status,date,source,note\naction-2-1-1,completed,2021-03-31,corporate-plan-2020#para-2,\n",
    )
    .unwrap();
    // Another file may cite an action by its anchor.
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/measures/leisure-centre-visits.yaml",
        "anchor: priority-3 }",
        "anchor: priority-3 }\n  - { document: corporate-plan-2020, anchor: action-2-1 }",
    );
    let o = planpress(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = Html::parse_document(
        &std::fs::read_to_string(
            root.join("public/corporate-plan-2020/priorities/priority-2/index.html"),
        )
        .unwrap(),
    );
    let items = texts(&html, ".actions--numbered > li");
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].starts_with("2.1 Collect every bin"), "{items:?}");
    assert!(
        items[1].starts_with("2.1.1 Remove fly-tipping") && items[1].contains("Completed"),
        "{items:?}"
    );
    assert_eq!(html.select(&sel("#action-2-1-1")).count(), 1);
    let txt = std::fs::read_to_string(
        root.join("public/exports/corporate-plan-2020/corporate-plan-2020.txt"),
    )
    .unwrap();
    assert!(
        txt.contains("2.1.1 Remove fly-tipping within two working days."),
        "the text export keeps the numbers"
    );
    // Two actions with one id are refused.
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/plan.yaml",
        "id: action-2-1-1",
        "id: action-2-1",
    );
    let o = planpress(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the id `action-2-1` is used twice"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_cross_cutting_commitment_is_listed_under_every_priority_it_serves() {
    let dir = fixture_copy();
    let root = dir.path();
    let plan = "content/strategies/corporate-plan-2020/plan.yaml";
    crate::common::edit(
        root,
        plan,
        "        title: Our commitment is to keep every street clean.\n",
        "        title: Our commitment is to keep every street clean.\n        also_serves: [priority-3]\n",
    );
    let o = planpress(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(
        root.join("public/corporate-plan-2020/priorities/priority-3/index.html"),
    )
    .unwrap();
    let html = Html::parse_document(&page);
    let links: Vec<String> = html
        .select(&sel(".cross-cutting a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        ["/plans/corporate-plan-2020/priorities/priority-2/#priority-2-commitment-1"]
    );
    let txt = std::fs::read_to_string(
        root.join("public/exports/corporate-plan-2020/corporate-plan-2020.txt"),
    )
    .unwrap();
    assert!(txt.contains("Commitments of other priorities that serve this one"));
    // Only other priorities of the plan may be named.
    crate::common::edit(
        root,
        plan,
        "also_serves: [priority-3]",
        "also_serves: [priority-2, priorty-3]",
    );
    let o = planpress(root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("`priority-2` is not another priority of this plan"),
        "{err}"
    );
    assert!(
        err.contains("`priorty-3` is not another priority")
            && err.contains("did you mean `priority-3`"),
        "{err}"
    );
}

#[test]
fn the_text_export_gives_the_same_summary_and_histories() {
    let dir = fixture_copy();
    std::fs::write(dir.path().join(PROGRESS), ROWS).unwrap();
    let o = planpress(dir.path(), &["build", "--as-of", "2024-01-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let txt = std::fs::read_to_string(
        dir.path()
            .join("public/exports/corporate-plan-2020/corporate-plan-2020.txt"),
    )
    .unwrap();
    assert!(
        txt.contains("Commitments by status, as of 1 January 2024"),
        "{txt}"
    );
    assert!(txt.contains("Milestones overdue: 2."));
    assert!(
        txt.contains("31 March 2022: At risk. Fewer crews than planned"),
        "the history is in the export"
    );
}

#[test]
fn an_anchor_in_a_priority_s_introduction_is_cited_like_a_section_s() {
    let dir = fixture_copy();
    let root = dir.path();
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/plan.yaml",
        "      Too few homes are built in the borough for the people who need them.\n",
        "      {#intro-1-1} Too few homes are built in the borough for the people who need them.\n",
    );
    crate::common::edit(
        root,
        "content/strategies/corporate-plan-2020/measures/leisure-centre-visits.yaml",
        "anchor: priority-3 }",
        "anchor: priority-3 }\n  - { document: corporate-plan-2020, anchor: intro-1-1 }",
    );
    let o = planpress(root, &["build", "--no-exports"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let measure = std::fs::read_to_string(
        root.join("public/corporate-plan-2020/measures/leisure-centre-visits/index.html"),
    )
    .unwrap();
    assert!(
        measure.contains("/plans/corporate-plan-2020/priorities/priority-1/#intro-1-1"),
        "the citation links the paragraph"
    );
    let priority = std::fs::read_to_string(
        root.join("public/corporate-plan-2020/priorities/priority-1/index.html"),
    )
    .unwrap();
    assert!(priority.contains("<p id=\"intro-1-1\">"));
}

#[test]
fn a_status_reported_between_two_builds_is_in_the_change_log() {
    let dir = fixture_copy();
    let root = dir.path();
    std::fs::write(root.join(PROGRESS), ROWS).unwrap();
    let o = planpress(root, &["build", "--no-exports", "--as-of", "2024-01-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let more =
        format!("{ROWS}priority-2-commitment-1,off-track,2023-12-31,corporate-plan-2020#para-2,\n");
    std::fs::write(root.join(PROGRESS), more).unwrap();
    let o = planpress(root, &["build", "--no-exports", "--as-of", "2024-02-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let changes = Html::parse_document(
        &std::fs::read_to_string(root.join("public/changes/index.html")).unwrap(),
    );
    let items = texts(&changes, ".archive-list__item li");
    assert!(
        items
            .iter()
            .any(|i| i.contains("status reported, At risk") && i.contains("Off track")),
        "{items:?}"
    );
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("public/data/plans.json")).unwrap(),
    )
    .unwrap();
    let text = data.to_string();
    assert!(
        text.contains("\"progress_status\":\"off-track\""),
        "the open data carries the latest status"
    );
}

#[test]
fn the_home_page_says_how_the_plan_in_force_is_going() {
    let (dir, _page) = built(Some(ROWS), "2024-01-01");
    let home = Html::parse_document(
        &std::fs::read_to_string(dir.path().join("public/index.html")).unwrap(),
    );
    let cards = texts(&home, ".document-card");
    let plan = cards
        .iter()
        .find(|c| c.contains("Example Borough Corporate Plan"))
        .expect("the plan in force is on the home page");
    assert!(
        plan.contains("of its 1 commitment, 1 is at risk; 2 milestones are overdue."),
        "{plan}"
    );
    assert!(
        !cards
            .iter()
            .any(|c| !c.contains("Corporate Plan") && c.contains("milestones are overdue"))
    );
}

#[test]
fn a_measure_published_at_a_set_frequency_says_when_its_next_figures_are_due() {
    let dir = fixture_copy();
    let root = dir.path();
    let measure = "content/strategies/plan-review-2020/measures/homes-completed";
    crate::common::edit(
        root,
        &format!("{measure}.yaml"),
        "unit: count\n",
        "unit: count\nfrequency: quarterly\n",
    );
    let o = planpress(root, &["build", "--no-exports", "--as-of", "2026-01-05"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = root.join(format!("{measure}.csv"));
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str("2020/21,230,plan-review-2020#para-2-1,\n");
    std::fs::write(&csv, text).unwrap();
    let o = planpress(root, &["build", "--no-exports", "--as-of", "2026-02-03"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = Html::parse_document(
        &std::fs::read_to_string(
            root.join("public/plan-review-2020/measures/homes-completed/index.html"),
        )
        .unwrap(),
    );
    let rows = texts(&page, ".summary-list__row");
    assert!(
        rows.iter()
            .any(|r| r == "Figures last updated3 February 2026 (what changed)"),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r == "Next update due3 May 2026"),
        "{rows:?}"
    );
}
