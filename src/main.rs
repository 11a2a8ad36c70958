//! The `planpress` command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use miette::GraphicalReportHandler;
use planpress::diagnostic::{Level, Problems};
use planpress::export::{ExportError, Format};
use planpress::import::{Change, ImportError, Options};
use planpress::theme::{Overrides, Theme};
use planpress::{BuildError, Project};

#[derive(Parser)]
#[command(
    name = "planpress",
    version,
    about = "Publish council plans as an accessible static website"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Location {
    /// The folder holding `content/` and `themes/` (default: this folder or the nearest above it).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// The day the site is built as of, for whatever depends on the date
    /// (overdue milestones, the change log): YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE", global = true)]
    as_of: Option<jiff::civil::Date>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into `public/`.
    Build {
        #[command(flatten)]
        location: Location,
        /// Where to write the site (default: ROOT/public).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The address the site is published at, overriding `site.yaml`.
        #[arg(long, value_name = "URL", value_parser = site_address)]
        base_url: Option<String>,
        /// Count warnings as errors: write nothing if there are any.
        #[arg(long)]
        strict: bool,
        /// Skip the documents' alternative formats (EPUB, text, large print,
        /// Braille, audio), for a quicker build.
        #[arg(long)]
        no_exports: bool,
        /// Write links that work when the pages are opened from disk (file://).
        #[arg(long)]
        offline: bool,
        /// Where to keep what each document was made from and what it
        /// made, and what the Braille and audio programs made, so that a
        /// document no edit reaches is not made again (default:
        /// ROOT/.planpress-cache).
        #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
        cache: Option<PathBuf>,
        /// Keep nothing between builds: make every page and run every
        /// export program afresh.
        #[arg(long)]
        no_cache: bool,
    },
    /// Check the content and report every problem, writing nothing.
    Check {
        #[command(flatten)]
        location: Location,
        /// Count warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site: build it, serve it on this machine and rebuild
    /// when a file changes (the open page reloads itself).
    #[cfg(feature = "serve")]
    Serve {
        #[command(flatten)]
        location: Location,
        /// The port to try first; the next free one is taken if it is busy.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only this machine can reach the default.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Make one alternative format of every document, or of one, without
    /// building the site.
    Export {
        #[command(flatten)]
        location: Location,
        /// The format: epub, txt, large-print, brf or audio.
        #[arg(long, value_name = "FORMAT")]
        format: Format,
        /// Only this document (its slug); audio is then made even if
        /// `site.yaml` does not ask for it.
        #[arg(long, value_name = "SLUG")]
        document: Option<String>,
        /// Where to write the files, a folder a document (default: ./exports).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Import figures and statuses from a spreadsheet (XLSX, ODS or CSV)
    /// into the content: the measures' figures and the plans' progress.
    Import {
        /// The workbook: .xlsx, .ods or .csv.
        file: PathBuf,
        #[command(flatten)]
        location: Location,
        /// Look only in this document's measures and plan (its slug).
        #[arg(long, value_name = "SLUG")]
        document: Option<String>,
        /// The source of the rows that name none: the paragraph that
        /// publishes them.
        #[arg(long, value_name = "DOC#ANCHOR")]
        source: Option<String>,
        /// Print what would change, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Start a new site in DIR (default: this folder), which must be empty:
    /// site.yaml, an example strategy to replace and the content guide.
    /// It uses the built-in theme.
    Init {
        /// Where to make it (default: this folder).
        dir: Option<PathBuf>,
        /// The council's name, as it is written.
        #[arg(long, value_name = "NAME")]
        organisation: String,
        /// The site's language.
        #[arg(long, value_enum, default_value_t = Language::EnGb)]
        language: Language,
    },
    /// Write a skeleton for new content.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// The built-in theme.
    Theme {
        #[command(subcommand)]
        what: ThemeCommand,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Language {
    #[value(name = "en-GB")]
    EnGb,
    #[value(name = "cy")]
    Cy,
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Write the built-in theme out to edit: each file kept there then
    /// takes the place of the built-in one (delete those you do not change,
    /// so that upgrades reach them).
    Eject {
        /// Where to write it (default: ROOT/themes/default).
        dir: Option<PathBuf>,
        #[command(flatten)]
        location: Location,
        /// Write over files that are there already.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum New {
    /// A new strategy folder with commented files to fill in.
    Strategy {
        /// Its slug: lower-case letters, digits and hyphens.
        slug: String,
        #[command(flatten)]
        location: Location,
    },
}

fn project(location: &Location) -> Project {
    let start = location
        .root
        .clone()
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
    let root = if location.root.is_some() {
        start
    } else {
        planpress::find_root(&start)
    };
    let mut project = Project::new(root);
    if let Some(day) = location.as_of {
        project.as_of = day;
    }
    project
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            location,
            out,
            base_url,
            strict,
            no_exports,
            offline,
            cache,
            no_cache,
        } => {
            let mut p = project(&location);
            p.strict = strict;
            p.exports = !no_exports;
            p.offline = offline;
            if no_cache {
                p.cache = None;
            } else if let Some(dir) = cache {
                p.cache = Some(dir);
            }
            if let Some(out) = out {
                p.out = out;
            }
            p.base_url = base_url;
            if let Err(e) = planpress::write::remove_staging_on_interrupt() {
                eprintln!("warning: an interrupted build may leave its staging folder: {e}");
            }
            let started = Instant::now();
            match planpress::build(&p) {
                Ok(site) => {
                    report(&site.warnings);
                    for s in &site.skipped {
                        eprintln!("{s}");
                    }
                    if site.cache_damaged > 0 {
                        eprintln!(
                            "notice: {} damaged entries of the export cache were ignored and made again",
                            site.cache_damaged
                        );
                    }
                    build_cache_notices(site.build_cache);
                    println!(
                        "built {} pages ({} files) into {} in {} ms{}",
                        site.pages,
                        site.files,
                        p.out.display(),
                        started.elapsed().as_millis(),
                        if p.cache.is_some() {
                            format!(
                                "; {} of {} documents unchanged, from the build cache",
                                site.reused, site.documents
                            )
                        } else {
                            String::new()
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => failed(e),
            }
        }
        Command::Check { location, strict } => {
            let mut p = project(&location);
            p.strict = strict;
            p.exports = false;
            overrides(&p.theme());
            match planpress::generate(&p) {
                Ok((site, _)) => {
                    report(&site.warnings);
                    println!("no errors: {} pages would be built", site.pages);
                    ExitCode::SUCCESS
                }
                Err(e) => failed(e),
            }
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            location,
            port,
            bind,
            open,
        } => {
            let p = project(&location);
            let options = planpress::serve::Options { bind, port, open };
            let served = planpress::serve::serve(p, options, |_, url| {
                println!("serving {url} (Ctrl-C stops)");
            });
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Export {
            location,
            format,
            document,
            out,
        } => export(&project(&location), format, document, out),
        Command::Import {
            file,
            location,
            document,
            source,
            dry_run,
        } => {
            let options = planpress::import::Options { document, source };
            import(&project(&location), &file, &options, dry_run)
        }
        Command::Init {
            dir,
            organisation,
            language,
        } => init(dir, organisation, language),
        Command::Theme {
            what:
                ThemeCommand::Eject {
                    dir,
                    location,
                    force,
                },
        } => eject(&project(&location), dir, force),
        Command::New {
            what: New::Strategy { slug, location },
        } => {
            let p = project(&location);
            match planpress::scaffold::new_strategy(&p.root, &p.theme(), &slug) {
                Ok(dir) => {
                    println!(
                        "wrote {}: fill in its files, then run `planpress check`",
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// One line for each reason entries of the build cache were not trusted.
fn build_cache_notices(n: planpress::cache::Notices) {
    let told = [
        (n.damaged, "were damaged"),
        (n.other_build, "were made by another build of planpress"),
        (n.other_site, "were made for another site"),
    ];
    for (count, why) in told.into_iter().filter(|(count, _)| *count > 0) {
        eprintln!(
            "notice: {count} entries of the build cache {why}: they were ignored and their documents made again"
        );
    }
}

/// Lists the files of the site's theme folder that take the place of the
/// built-in theme's or add to it, so that an upgrade's changes to those can
/// be reviewed (a copy the same as the built-in file needs no review).
fn overrides(theme: &Theme) {
    let listed: Vec<_> = theme
        .overrides()
        .into_iter()
        .filter(|o| o.kind != Overrides::Same)
        .collect();
    if listed.is_empty() {
        return;
    }
    let dir = Path::new("themes").join(theme.name());
    println!(
        "the site's theme ({}) overrides the built-in theme with:",
        dir.display()
    );
    for o in &listed {
        let what = match o.kind {
            Overrides::Added => "not in the built-in theme",
            _ => "changed",
        };
        println!("  {} ({what})", o.path);
    }
}

/// `planpress init`: a new site.
fn init(dir: Option<PathBuf>, organisation: String, language: Language) -> ExitCode {
    use planpress::scaffold::init;
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let options = init::Options {
        organisation,
        language: match language {
            Language::EnGb => init::Language::EnGb,
            Language::Cy => init::Language::Cy,
        },
        today: jiff::Zoned::now().date(),
    };
    match init::init(&dir, &options) {
        Ok(written) => {
            for path in &written {
                println!("wrote {}", path.display());
            }
            println!(
                "a new site in {}: edit content/site.yaml, replace the example strategy, then run `planpress check` and `planpress serve`",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `planpress theme eject`: the built-in theme, written out.
fn eject(p: &Project, dir: Option<PathBuf>, force: bool) -> ExitCode {
    let dir = dir.unwrap_or_else(|| p.theme().dir().to_path_buf());
    match planpress::scaffold::eject::eject(&dir, force) {
        Ok(written) => {
            println!(
                "wrote the built-in theme ({} files) to {}: each file there now takes the place of the built-in one",
                written.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn failed(e: BuildError) -> ExitCode {
    match e {
        BuildError::Content(problems) => {
            report(&problems);
            eprintln!(
                "error: the build stopped: {} error(s); the previous site is untouched",
                problems.errors()
            );
        }
        BuildError::Write(e) => eprintln!("error: {e}"),
        BuildError::Export(e) => eprintln!("error: {e}"),
    }
    ExitCode::from(1)
}

/// `planpress export`: writes the files of one format under `out`, a
/// folder a document, as they are under `exports/` in the site.
fn export(p: &Project, format: Format, document: Option<String>, out: Option<PathBuf>) -> ExitCode {
    let out = out.unwrap_or_else(|| PathBuf::from("exports"));
    // The files are added to the folder, not swapped in: the folder must
    // still not be the project, its sources, the home folder or `/`.
    if let Err(e) = planpress::write::check_destination(&out, &p.root) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let made = planpress::make_exports(p, |o| {
        o.formats = vec![format];
        if format == Format::Audio {
            o.audio_for = document.clone().map(|d| vec![d]);
        }
        o.document = document.clone();
    });
    let (exported, warnings) = match made {
        Ok(made) => made,
        Err(BuildError::Export(
            e @ (ExportError::UnknownDocument(_) | ExportError::NotHeld { .. }),
        )) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        Err(e) => return failed(e),
    };
    report(&warnings);
    for s in &exported.skipped {
        eprintln!("{s}");
    }
    if exported.files.is_empty() {
        eprintln!("error: no {format} export was made");
        return ExitCode::from(1);
    }
    for f in &exported.files {
        let rel = f.link.path.strip_prefix("exports/").unwrap_or(&f.link.path);
        let path = out.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &f.bytes));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        println!("wrote {} ({} bytes)", path.display(), f.bytes.len());
    }
    println!(
        "made {} {format} file(s) in {} ms",
        exported.files.len(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

/// `planpress import`: prints what the workbook changes, then writes it
/// (unless `dry_run`); nothing if it has any problem.
fn import(p: &Project, file: &Path, options: &Options, dry_run: bool) -> ExitCode {
    let import = match planpress::import::prepare(&p.root, file, options) {
        Ok(import) => import,
        Err(ImportError::Usage(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        Err(e @ (ImportError::Content(_) | ImportError::Workbook(_))) => {
            if let ImportError::Content(problems) | ImportError::Workbook(problems) = &e {
                report(problems);
            }
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    report(&import.warnings);
    for change in &import.changes {
        println!("{change}");
    }
    if import.files.is_empty() {
        println!(
            "nothing to change: the content holds every figure and status of {} already",
            file.display()
        );
        return ExitCode::SUCCESS;
    }
    let summary = format!(
        "{} figure(s) added, {} altered, {} status(es) added, {} already there",
        import.count(|c| matches!(c, Change::Added { .. })),
        import.count(|c| matches!(c, Change::Altered { .. })),
        import.count(|c| matches!(c, Change::Status { .. })),
        import.unchanged
    );
    if dry_run {
        for f in &import.files {
            println!("would write {}", f.path.display());
        }
        println!("{summary}; nothing written (--dry-run)");
        return ExitCode::SUCCESS;
    }
    if let Err(e) = import.write(&p.root) {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    for f in &import.files {
        println!("wrote {}", f.path.display());
    }
    println!("{summary}; {} file(s) written", import.files.len());
    ExitCode::SUCCESS
}

/// `--base-url` is held to the rule `base_url` in `site.yaml` is.
fn site_address(url: &str) -> Result<String, String> {
    if planpress::support::scheme::is_web_address(url) && url.ends_with('/') {
        Ok(url.to_string())
    } else {
        Err(
            "write a full web address ending in `/`, e.g. `https://www.example.gov.uk/strategies/`"
                .to_string(),
        )
    }
}

/// Prints each problem as `file:line:column: level: message`, then its snippet and help.
fn report(problems: &Problems) {
    let handler = GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    for p in &problems.0 {
        eprintln!("{}: {}: {}", p.position(), p.level, p.message);
        let mut snippet = String::new();
        if handler.render_report(&mut snippet, p).is_ok() {
            for line in snippet.lines().skip(1) {
                eprintln!("{line}");
            }
        }
        if p.level == Level::Error {
            eprintln!();
        }
    }
}

/// Building a site allocates many short-lived strings on every thread;
/// jemalloc does that with far less contention than the system allocator.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
