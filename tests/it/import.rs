//! `planpress import`: a performance team's workbook into the content.
//! The workbooks are made here (rust_xlsxwriter; the ODS one by hand), and
//! imported into copies of the fixture.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use rust_xlsxwriter::{Format, Workbook};

use crate::common::{files, fixture_copy, planpress, stderr};

const MEASURES: &str = "content/strategies/plan-review-2020/measures";
const PROGRESS: &str = "content/strategies/corporate-plan-2020/progress.csv";

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file of the project's `content/`, path → bytes.
fn content(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(&root.join("content"))
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(root).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

fn text(root: &Path, file: &str) -> String {
    std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The performance team's workbook: a sheet of figures and one of
/// statuses. `fixed: false` has the mistakes the import must catch: a
/// merged header leaving the notes' column unnamed, a percentage on a
/// count, an unknown measure, a status that is not one, and a sheet of
/// notes that is neither kind.
fn kpi_workbook(path: &Path, fixed: bool) {
    let mut book = Workbook::new();
    let kpis = book.add_worksheet();
    kpis.set_name("KPIs").unwrap();
    if fixed {
        for (c, h) in ["Measure", "Period", "Value", "Source", "Note"]
            .iter()
            .enumerate()
        {
            kpis.write_string(0, c as u16, *h).unwrap();
        }
    } else {
        for (c, h) in ["Measure", "Period", "Value"].iter().enumerate() {
            kpis.write_string(0, c as u16, *h).unwrap();
        }
        kpis.merge_range(0, 3, 0, 4, "Source", &Format::new())
            .unwrap();
    }
    let source = |n: &str| format!("plan-review-2020#para-2-{n}");
    let rows: Vec<(u32, &str, &str, &str, String, &str)> = vec![
        // A new period.
        (1, "homes-completed", "2020/21", "230", source("1"), ""),
        // A period already there with the same value.
        (2, "homes-completed", "2019/20", "210", source("1"), ""),
        // A period already there with another value, by the measure's title.
        (
            3,
            "missed bin COLLECTIONS  per 100,000",
            "2019",
            "22",
            source("3"),
            "",
        ),
        // Row 5 is empty.
        (
            5,
            "parks-satisfaction",
            "2020",
            "45%",
            source("4"),
            "residents' survey",
        ),
        (
            6,
            "temporary-accommodation",
            "2020",
            if fixed { "310" } else { "45%" },
            source("5"),
            "",
        ),
    ];
    for (r, measure, period, value, source, note) in &rows {
        kpis.write_string(*r, 0, *measure).unwrap();
        kpis.write_string(*r, 1, *period).unwrap();
        kpis.write_string(*r, 2, *value).unwrap();
        kpis.write_string(*r, 3, source).unwrap();
        if !note.is_empty() {
            kpis.write_string(*r, 4, *note).unwrap();
        }
    }
    // A period typed as a date: Excel keeps its serial number, 44377
    // (2021-06-30), here with no date format; and one shown as a month.
    kpis.write_string(7, 0, "leisure-centre-visits").unwrap();
    kpis.write_number(7, 1, 44377.0).unwrap();
    kpis.write_number(7, 2, 350000.0).unwrap();
    kpis.write_string(7, 3, "corporate-plan-2020#para-3")
        .unwrap();
    kpis.write_string(8, 0, "Visits to the borough's leisure centres")
        .unwrap();
    let month = Format::new().set_num_format("mmm-yy");
    kpis.write_number_with_format(8, 1, 44621.0, &month)
        .unwrap();
    kpis.write_string(8, 2, "360,000").unwrap();
    kpis.write_string(8, 3, "corporate-plan-2020#para-3")
        .unwrap();
    // A cell formatted as a percentage holds 0.47 where it shows 47%.
    kpis.write_string(10, 0, "parks-satisfaction").unwrap();
    kpis.write_number(10, 1, 2021.0).unwrap();
    let percent = Format::new().set_num_format("0%");
    kpis.write_number_with_format(10, 2, 0.47, &percent)
        .unwrap();
    kpis.write_string(10, 3, source("4")).unwrap();
    if !fixed {
        kpis.write_string(9, 0, "library-loans").unwrap();
        kpis.write_string(9, 1, "2020").unwrap();
        kpis.write_number(9, 2, 12.0).unwrap();
        kpis.write_string(9, 3, source("1")).unwrap();
    }

    let progress = book.add_worksheet();
    progress.set_name("Progress").unwrap();
    for (c, h) in ["ID", "Status", "Date", "Source", "Note"]
        .iter()
        .enumerate()
    {
        progress.write_string(0, c as u16, *h).unwrap();
    }
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let statuses = [
        ("priority-2-commitment-1", "On track"),
        (
            "priority-1-milestone-1",
            if fixed { "At risk" } else { "Delayed" },
        ),
    ];
    for (r, (id, status)) in statuses.iter().enumerate() {
        let r = r as u32 + 1;
        progress.write_string(r, 0, *id).unwrap();
        progress.write_string(r, 1, *status).unwrap();
        progress
            .write_number_with_format(r, 2, 44377.0, &day)
            .unwrap();
        progress
            .write_string(r, 3, "corporate-plan-2020#para-3")
            .unwrap();
    }
    if !fixed {
        let notes = book.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes.write_string(0, 0, "Quarter").unwrap();
        notes.write_string(0, 1, "Comment").unwrap();
    }
    book.save(path).unwrap();
}

fn import(root: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend(extra);
    planpress(root, &args)
}

#[test]
fn a_workbook_with_mistakes_is_refused_cell_by_cell_and_nothing_is_written() {
    let p = fixture_copy();
    let book = p.path().join("kpis.xlsx");
    kpi_workbook(&book, false);
    let before = content(p.path());
    let o = import(p.path(), &book, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "KPIs!E1: error: this column has no header, but E6 holds a value",
            "KPIs!C7: error: \"45%\" is a percentage, but the unit of this measure is `count`",
            "KPIs!A10: error: there is no measure `library-loans`",
            "Progress!B3: error: \"Delayed\" is not a status",
            "Notes!A1: error: the headers of this sheet (Quarter, Comment) are not those of figures or of statuses",
        ],
        "{err}"
    );
    // Each with how to fix it.
    assert!(
        err.contains("unmerge it and give each column its own header"),
        "{err}"
    );
    assert!(
        err.contains(
            "write one of not-started, on-track, at-risk, off-track, completed, not-being-pursued"
        ),
        "{err}"
    );
    assert!(err.contains("for figures, measure, period, value"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(stdout(&o), "");
    assert_eq!(content(p.path()), before, "nothing is written");
}

#[test]
fn the_fixed_workbook_writes_figures_and_statuses_that_check_and_imports_once() {
    let p = fixture_copy();
    let book = p.path().join("kpis.xlsx");
    kpi_workbook(&book, true);
    let o = import(p.path(), &book, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("altered: missed-collections 2019: 21 → 22\n"),
        "{out}"
    );
    assert!(
        out.contains("added: leisure-centre-visits 2021-06-30: 350000\n"),
        "{out}"
    );
    assert!(
        out.contains("status added: priority-1-milestone-1 2021-06-30: at-risk\n"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "6 figure(s) added, 1 altered, 2 status(es) added, 1 already there; 6 file(s) written\n"
        ),
        "{out}"
    );
    let csv = |m: &str| text(p.path(), &format!("{MEASURES}/{m}.csv"));
    assert_eq!(
        csv("homes-completed"),
        "period,value,source,note\n2016/17,120,plan-review-2020#para-2-1,\n\
         2019/20,210,plan-review-2020#para-2-1,\n2020/21,230,plan-review-2020#para-2-1,\n"
    );
    assert_eq!(
        csv("missed-collections"),
        "period,value,source,note\n2016,52,plan-review-2020#para-2-3,\n2019,22,plan-review-2020#para-2-3,\n"
    );
    assert_eq!(
        csv("parks-satisfaction"),
        "period,value,source,note\n2017,71,plan-review-2020#para-2-4,\n\
         2019,68.5,plan-review-2020#para-2-4,residents' survey\n\
         2020,45,plan-review-2020#para-2-4,residents' survey\n\
         2021,47,plan-review-2020#para-2-4,\n"
    );
    assert_eq!(
        csv("temporary-accommodation"),
        "period,value,source,note\n2019,300,plan-review-2020#para-2-5,approximately\n\
         2020,310,plan-review-2020#para-2-5,\n"
    );
    assert_eq!(
        text(
            p.path(),
            "content/strategies/corporate-plan-2020/measures/leisure-centre-visits.csv"
        ),
        "period,value,source,note\n2021-06-30,350000,corporate-plan-2020#para-3,\n\
         2022-03,360000,corporate-plan-2020#para-3,\n"
    );
    assert_eq!(
        text(p.path(), PROGRESS),
        "item,status,date,source,note\n\
         priority-1-milestone-1,at-risk,2021-06-30,corporate-plan-2020#para-3,\n\
         priority-2-commitment-1,on-track,2021-06-30,corporate-plan-2020#para-3,\n"
    );

    let check = planpress(p.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));

    let written = content(p.path());
    let again = import(p.path(), &book, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        stdout(&again),
        format!(
            "nothing to change: the content holds every figure and status of {} already\n",
            book.display()
        )
    );
    assert_eq!(
        content(p.path()),
        written,
        "a second import changes nothing"
    );
}

#[test]
fn a_dry_run_says_what_would_change_and_writes_nothing() {
    let p = fixture_copy();
    let book = p.path().join("kpis.xlsx");
    kpi_workbook(&book, true);
    let before = content(p.path());
    let o = import(p.path(), &book, &["--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("altered: missed-collections 2019: 21 → 22\n"),
        "{out}"
    );
    assert!(out.contains(&format!("would write {PROGRESS}\n")), "{out}");
    assert!(
        out.ends_with("already there; nothing written (--dry-run)\n"),
        "{out}"
    );
    assert_eq!(content(p.path()), before);
}

#[test]
fn a_csv_file_takes_the_source_given_for_rows_that_have_none() {
    let p = fixture_copy();
    let file = p.path().join("figures.csv");
    std::fs::write(
        &file,
        "measure,period,value,note\n\
         homes-completed,2021/22,\"1,250\",\n\
         \n\
         temporary-accommodation,2021,280,provisional\n",
    )
    .unwrap();
    let o = import(p.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("figures.csv!A2: error: the row has no source"),
        "{err}"
    );
    assert!(
        err.contains("figures.csv!A4: error: the row has no source"),
        "{err}"
    );
    assert!(err.contains("--source document#anchor"), "{err}");

    let wrong = import(p.path(), &file, &["--source", "plan-review-2020#para-9"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("`plan-review-2020` has no anchor `para-9`"),
        "{}",
        stderr(&wrong)
    );

    let o = import(p.path(), &file, &["--source", "plan-review-2020#para-2-1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        text(p.path(), &format!("{MEASURES}/homes-completed.csv"))
            .ends_with("2021/22,1250,plan-review-2020#para-2-1,\n")
    );
    assert!(
        text(p.path(), &format!("{MEASURES}/temporary-accommodation.csv"))
            .ends_with("2021,280,plan-review-2020#para-2-1,provisional\n")
    );
}

#[test]
fn a_target_that_differs_from_the_measure_is_for_the_editor_to_change() {
    let p = fixture_copy();
    let file = p.path().join("targets.csv");
    std::fs::write(
        &file,
        "Measure,Period,Value,Source,Target\n\
         homes-completed,2020/21,230,plan-review-2020#para-2-1,250\n\
         homes-completed,2021/22,240,plan-review-2020#para-2-1,250\n\
         missed-collections,2020,19,plan-review-2020#para-2-3,20\n",
    )
    .unwrap();
    let o = import(p.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "targets.csv!E2: error: the target of `homes-completed` is 250 here, 200 in content/strategies/plan-review-2020/measures/homes-completed.yaml"
        ],
        "once a measure, and not where it is the same: {err}"
    );
    assert!(err.contains("change `value:` under `target:`"), "{err}");
}

#[test]
fn a_measure_of_two_documents_is_chosen_with_document() {
    let p = fixture_copy();
    // The same measure published by a second document.
    for ext in ["yaml", "csv"] {
        std::fs::copy(
            p.path()
                .join(format!("{MEASURES}/parks-satisfaction.{ext}")),
            p.path().join(format!(
                "content/strategies/corporate-plan-2020/measures/parks-satisfaction.{ext}"
            )),
        )
        .unwrap();
    }
    let file = p.path().join("parks.csv");
    std::fs::write(
        &file,
        "measure,period,value,source\nparks-satisfaction,2020,70,plan-review-2020#para-2-4\n",
    )
    .unwrap();
    let o = import(p.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("parks.csv!A2: error: `parks-satisfaction` is a measure of more than one document: `corporate-plan-2020` and `plan-review-2020`"),
        "{err}"
    );
    assert!(err.contains("--document corporate-plan-2020"), "{err}");

    let o = import(p.path(), &file, &["--document", "plan-review-2020"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        text(p.path(), &format!("{MEASURES}/parks-satisfaction.csv"))
            .ends_with("2020,70,plan-review-2020#para-2-4,\n")
    );
    assert_eq!(
        text(
            p.path(),
            "content/strategies/corporate-plan-2020/measures/parks-satisfaction.csv"
        ),
        text(
            &crate::common::fixture_content(),
            "strategies/plan-review-2020/measures/parks-satisfaction.csv"
        ),
        "the other document's copy is untouched"
    );

    let o = import(p.path(), &file, &["--document", "plan-reveiw-2020"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `plan-review-2020`?"),
        "{}",
        stderr(&o)
    );
}

/// An ODS file as LibreOffice writes one, cut down to what a reader needs.
fn ods(path: &Path, rows: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="Progress">{rows}</table:table></office:spreadsheet></office:body>
</office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(bytes.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

#[test]
fn an_ods_workbook_is_read_with_its_date_cells() {
    let p = fixture_copy();
    let file = p.path().join("progress.ods");
    let date = r#"<table:table-cell office:value-type="date" office:date-value="2022-03-31"><text:p>31/03/22</text:p></table:table-cell>"#;
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(&[
            cell("id"),
            cell("status"),
            cell("date"),
            cell("source"),
            cell("note"),
        ]),
        row(&[
            cell("priority-3-milestone-1"),
            cell("Not being pursued"),
            date.to_string(),
            cell("corporate-plan-2020#para-3"),
            cell(""),
        ]),
    ];
    ods(&file, &rows.concat());
    let o = import(p.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "Progress!E2: error: a commitment not being pursued needs its reason in the note"
        ),
        "{}",
        stderr(&o)
    );

    let rows = [
        rows[0].clone(),
        row(&[
            cell("priority-3-milestone-1"),
            cell("Not being pursued"),
            date.to_string(),
            cell("corporate-plan-2020#para-3"),
            cell("the site was sold"),
        ]),
    ];
    ods(&file, &rows.concat());
    let o = import(p.path(), &file, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        text(p.path(), PROGRESS),
        "item,status,date,source,note\n\
         priority-3-milestone-1,not-being-pursued,2022-03-31,corporate-plan-2020#para-3,the site was sold\n"
    );
}

#[test]
fn the_content_must_check_before_an_import_and_the_file_must_be_a_workbook() {
    let p = fixture_copy();
    let file = p.path().join("figures.csv");
    std::fs::write(
        &file,
        "measure,period,value,source\nhomes-completed,2020/21,230,plan-review-2020#para-2-1\n",
    )
    .unwrap();
    let notes = p.path().join("notes.txt");
    std::fs::write(&notes, "measure,period,value\n").unwrap();
    let o = import(p.path(), &notes, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not `notes.txt`"), "{}", stderr(&o));
    let o = import(p.path(), &p.path().join("missing.xlsx"), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no file"), "{}", stderr(&o));

    crate::common::edit(
        p.path(),
        &format!("{MEASURES}/temporary-accommodation.csv"),
        "2019,300",
        "2019,3OO",
    );
    let before = content(p.path());
    let o = import(p.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("temporary-accommodation.csv:2:6: error: `3OO` is not a number"),
        "{err}"
    );
    assert!(
        err.contains("error: the content has 1 error(s); fix them first"),
        "{err}"
    );
    assert_eq!(content(p.path()), before);
}
