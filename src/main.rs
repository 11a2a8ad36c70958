//! The `planpress` command.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use miette::GraphicalReportHandler;
use planpress::diagnostic::{Level, Problems};
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
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check the content and report every problem, writing nothing.
    Check {
        #[command(flatten)]
        location: Location,
    },
    /// Write a skeleton for new content.
    New {
        #[command(subcommand)]
        what: New,
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
    Project::new(root)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            location,
            out,
            base_url,
        } => {
            let mut p = project(&location);
            if let Some(out) = out {
                p.out = out;
            }
            p.base_url = base_url;
            let started = Instant::now();
            match planpress::build(&p) {
                Ok(site) => {
                    report(&site.warnings);
                    println!(
                        "built {} pages ({} files) into {} in {} ms",
                        site.pages,
                        site.output.len(),
                        p.out.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => failed(e),
            }
        }
        Command::Check { location } => {
            let p = project(&location);
            match planpress::generate(&p) {
                Ok(site) => {
                    report(&site.warnings);
                    println!("no errors: {} pages would be built", site.pages);
                    ExitCode::SUCCESS
                }
                Err(e) => failed(e),
            }
        }
        Command::New {
            what: New::Strategy { slug, location },
        } => {
            let p = project(&location);
            match planpress::scaffold::new_strategy(&p.root, &slug) {
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
    }
    ExitCode::from(1)
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
