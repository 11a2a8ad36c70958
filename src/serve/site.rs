//! The site as the preview server holds it: the last good build, and the
//! problems of the latest one if it failed.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use axum::http::StatusCode;

use crate::diagnostic::{Level, Problems};
use crate::document::views::Urls;
use crate::model::Site;
use crate::rebuild::{Build, Changes};
use crate::support::escape;
use crate::theme::locale::Locale;
use crate::write::Output;
use crate::{BuildError, Project, load};

pub struct Preview {
    /// The last build that succeeded.
    pub output: Output,
    pub base_path: String,
    /// Why the latest build failed, if it did.
    pub failure: Option<Failure>,
    pub pages: usize,
}

/// What a request is answered with.
pub enum Reply {
    /// A file of the site, the error page, the 404 page or a bad request.
    File {
        status: StatusCode,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// To the base path, from a folder above it.
    Redirect(String),
}

/// A failed build: its problems, and the documents they are in.
pub struct Failure {
    pub html: String,
    /// Slugs of the documents whose files have errors; empty when a
    /// site-wide file (site.yaml, a template) is broken.
    pub documents: BTreeSet<String>,
    pub errors: usize,
}

impl Preview {
    /// The first build, and what it was made from if it succeeded.
    pub fn start(project: &Project) -> (Preview, Option<Build>, String) {
        let mut preview = Preview {
            output: Output::new(),
            // The error page is shown at every address when site.yaml
            // cannot be read.
            base_path: base_path(project).unwrap_or_else(|| "/".to_string()),
            failure: None,
            pages: 0,
        };
        match Build::new(project) {
            Ok((build, output, _)) => {
                preview.output = output;
                preview.pages = build.pages;
                let summary = preview.summary();
                (preview, Some(build), summary)
            }
            Err(e) => {
                preview.fail(e, &Arc::new(Locale::builtin_reference()));
                let summary = preview.summary();
                (preview, None, summary)
            }
        }
    }

    /// Puts a rebuild's files in place: the last build succeeded.
    pub fn show(&mut self, changes: Changes, pages: usize) {
        changes.apply(&mut self.output);
        self.failure = None;
        self.pages = pages;
    }

    /// Keeps the last good site, with the failure beside it: its page in
    /// the words of the last good build's locale.
    pub fn fail(&mut self, e: BuildError, locale: &Arc<Locale>) {
        self.failure = Some(Failure::of(e, locale));
    }

    pub fn summary(&self) -> String {
        match &self.failure {
            None => format!("the site has {} pages", self.pages),
            Some(f) => format!(
                "{} error(s): the error is shown in the browser; the last good site is still served",
                f.errors
            ),
        }
    }

    /// What a request for `path` is answered with.
    pub fn respond(&self, path: &str) -> Reply {
        if path.split('/').any(|part| part == ".." || part == ".") || path.contains('\\') {
            return Reply::File {
                status: StatusCode::BAD_REQUEST,
                content_type: "text/plain; charset=utf-8",
                body: b"bad request".to_vec(),
            };
        }
        let Some(rel) = path.strip_prefix(&self.base_path) else {
            return if self.leads_to_base(path) {
                Reply::Redirect(self.base_path.clone())
            } else {
                self.not_found()
            };
        };
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        if let Some(f) = &self.failure {
            let document = file.split('/').next().unwrap_or_default();
            let affected =
                f.documents.is_empty() || f.documents.contains(document) || self.output.is_empty();
            if file.ends_with(".html") && affected {
                return Reply::File {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    content_type: "text/html; charset=utf-8",
                    body: f.html.clone().into_bytes(),
                };
            }
        }
        let found = match self.output.get(&file) {
            Some(bytes) => Some((content_type(&file), bytes)),
            // `/strategies/foo` → the folder's page, as static hosts do.
            None => self
                .output
                .get(&format!("{file}/index.html"))
                .map(|bytes| ("text/html; charset=utf-8", bytes)),
        };
        match found {
            Some((content_type, bytes)) => Reply::File {
                status: StatusCode::OK,
                content_type,
                body: bytes.clone(),
            },
            None => self.not_found(),
        }
    }

    /// Whether `path` is a folder above the base path (`/`, or `/plans`
    /// for `/plans/`): an editor typing the bare address expects the site.
    fn leads_to_base(&self, path: &str) -> bool {
        self.base_path
            .strip_prefix(path)
            .is_some_and(|rest| path.ends_with('/') || rest.starts_with('/'))
    }

    fn not_found(&self) -> Reply {
        let body = self.output.get("404.html").cloned().unwrap_or_else(|| {
            b"<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>".to_vec()
        });
        Reply::File {
            status: StatusCode::NOT_FOUND,
            content_type: "text/html; charset=utf-8",
            body,
        }
    }
}

impl Failure {
    /// The failure of a build, its page in the words of `locale`.
    fn of(e: BuildError, locale: &Arc<Locale>) -> Failure {
        match e {
            BuildError::Content(problems) => Failure::from_problems(&problems, locale),
            other => Failure {
                html: error_page(
                    vec![Listed {
                        position: String::new(),
                        message: other.to_string(),
                        help: None,
                    }],
                    locale,
                ),
                documents: BTreeSet::new(),
                errors: 1,
            },
        }
    }

    fn from_problems(problems: &Problems, locale: &Arc<Locale>) -> Failure {
        let errors: Vec<_> = problems
            .0
            .iter()
            .filter(|p| p.level == Level::Error)
            .collect();
        let mut documents = BTreeSet::new();
        let mut site_wide = false;
        for p in &errors {
            let path = p.file.to_string_lossy().replace('\\', "/");
            match path
                .strip_prefix("content/strategies/")
                .and_then(|r| r.split('/').next())
            {
                Some(slug) => {
                    documents.insert(slug.to_string());
                }
                None => site_wide = true,
            }
        }
        if site_wide {
            documents.clear();
        }
        let items: Vec<Listed> = errors
            .iter()
            .map(|p| Listed {
                position: p.position(),
                message: p.message.clone(),
                help: p.help.clone(),
            })
            .collect();
        for p in &errors {
            eprintln!("{}: {}: {}", p.position(), p.level, p.message);
        }
        Failure {
            html: error_page(items, locale),
            documents,
            errors: errors.len(),
        }
    }
}

/// The error page's template: always the built-in one, which a broken
/// template of the site's theme cannot break.
const ERROR_PAGE: &str = "preview/error.html";

/// One problem as the error page lists it.
#[derive(serde::Serialize)]
struct Listed {
    position: String,
    message: String,
    help: Option<String>,
}

/// An accessible page listing what is wrong: file, line, message and fix,
/// in the words of `locale`.
fn error_page(items: Vec<Listed>, locale: &Arc<Locale>) -> String {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_formatter(crate::theme::escape_html);
    crate::theme::add_words(&mut env, locale, escape::html_anywhere);
    let source = crate::theme::builtin::file(ERROR_PAGE).and_then(|b| std::str::from_utf8(b).ok());
    let rendered = source.map(|source| {
        env.render_str(
            source,
            minijinja::context! { language => locale.name(), problems => minijinja::value::Serde(&items) },
        )
    });
    match rendered {
        Some(Ok(html)) => html,
        // Only a built-in theme without the page, or a locale without its
        // words, could fail: then the problems alone, as text.
        _ => items
            .iter()
            .map(|p| format!("{}: {}\n", p.position, p.message))
            .collect(),
    }
}

/// The content type of a file the build makes, by its ending.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "epub" => "application/epub+zip",
        "brf" => "text/plain; charset=us-ascii",
        "mp3" => "audio/mpeg",
        "ogg" | "opus" => "audio/ogg",
        _ => "application/octet-stream",
    }
}

/// The path the site is served under: that of `--base-url`, or of
/// `base_url` in site.yaml parsed as the build parses it (quotes, comments
/// and all); none when site.yaml cannot be read or parsed.
pub fn base_path(project: &Project) -> Option<String> {
    let url = match &project.base_url {
        Some(url) => url.clone(),
        None => site_yaml(&project.root)?.base_url,
    };
    Some(Urls::new(&url).base_path)
}

fn site_yaml(root: &Path) -> Option<Site> {
    let rel = Path::new("content/site.yaml");
    let file = load::source_text(rel, std::fs::read(root.join(rel)).ok()?).ok()?;
    // What is wrong with it is the build's to report.
    load::parse_yaml(&file, 0, &mut Problems::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(reply: Reply) -> StatusCode {
        match reply {
            Reply::File { status, .. } => status,
            Reply::Redirect(_) => StatusCode::TEMPORARY_REDIRECT,
        }
    }

    fn body(reply: Reply) -> Vec<u8> {
        match reply {
            Reply::File { body, .. } => body,
            Reply::Redirect(to) => panic!("redirected to {to}"),
        }
    }

    fn preview(failure: Option<Failure>) -> Preview {
        let mut output = Output::new();
        output.insert("index.html".into(), b"home".to_vec());
        output.insert("a/index.html".into(), b"doc a".to_vec());
        output.insert("b/index.html".into(), b"doc b".to_vec());
        output.insert("404.html".into(), b"missing".to_vec());
        Preview {
            output,
            base_path: "/strategies/".into(),
            failure,
            pages: 3,
        }
    }

    #[test]
    fn serves_under_the_base_path_only() {
        let p = preview(None);
        assert_eq!(body(p.respond("/strategies/")), b"home");
        assert_eq!(body(p.respond("/strategies/a/")), b"doc a");
        assert_eq!(body(p.respond("/strategies/a")), b"doc a");
        assert_eq!(status(p.respond("/a/")), StatusCode::NOT_FOUND);
        assert_eq!(status(p.respond("/strat")), StatusCode::NOT_FOUND);
        assert_eq!(body(p.respond("/strategies/nope/")), b"missing");
    }

    #[test]
    fn the_folders_above_the_base_path_lead_to_it() {
        let mut p = preview(None);
        p.base_path = "/council/plans/".into();
        for path in ["/", "/council", "/council/", "/council/plans"] {
            assert!(
                matches!(p.respond(path), Reply::Redirect(to) if to == "/council/plans/"),
                "{path}"
            );
        }
        for path in ["/coun", "/council/pl", "/plans/"] {
            assert_eq!(status(p.respond(path)), StatusCode::NOT_FOUND, "{path}");
        }
    }

    #[test]
    fn the_base_path_is_that_of_the_parsed_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("content/site.yaml");
        std::fs::create_dir_all(site.parent().unwrap()).unwrap();
        let fixture = include_str!("../../tests/fixtures/minimal/content/site.yaml");
        let quoted = fixture.replace(
            "base_url: https://plans.example.org/plans/",
            "base_url: 'https://plans.example.org/plans/' # where it is published",
        );
        std::fs::write(&site, &quoted).unwrap();
        let mut project = Project::new(dir.path());
        assert_eq!(base_path(&project).as_deref(), Some("/plans/"));
        project.base_url = Some("https://example.org/".into());
        assert_eq!(base_path(&project).as_deref(), Some("/"));
        project.base_url = None;
        std::fs::write(&site, "base_url: [").unwrap();
        assert_eq!(base_path(&project), None);
    }

    #[test]
    fn rejects_path_traversal() {
        let p = preview(None);
        assert_eq!(
            status(p.respond("/strategies/../etc/passwd")),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(p.respond("/strategies/a/..")),
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn a_broken_document_shows_its_error_and_the_rest_stays_browsable() {
        let failure = Failure {
            html: "broken".into(),
            documents: ["a".to_string()].into(),
            errors: 1,
        };
        let p = preview(Some(failure));
        assert_eq!(
            status(p.respond("/strategies/a/")),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(body(p.respond("/strategies/b/")), b"doc b");
    }

    #[test]
    fn error_pages_escape_what_they_quote() {
        let listed = || {
            vec![Listed {
                position: "content/x.md:1:1".into(),
                message: "<script>".into(),
                help: Some("fix & save".into()),
            }]
        };
        let html = error_page(listed(), &crate::theme::locale::english());
        assert!(
            html.contains("&lt;script&gt;")
                && html.contains("fix &amp; save")
                && html.contains("role=\"alert\"")
                && html.contains("<html lang=\"en-GB\">")
                && html.contains("How to fix it:"),
            "{html}"
        );
    }

    /// The page is in the site's language: its words are the locale's.
    #[test]
    fn error_pages_are_in_the_words_of_the_site_s_locale() {
        let welsh = crate::theme::locale::Locale::new(
            "cy",
            std::path::PathBuf::from("cy.yaml"),
            crate::theme::locale::flatten(
                std::str::from_utf8(crate::theme::builtin::file("locales/cy.yaml").unwrap())
                    .unwrap(),
            )
            .unwrap(),
        );
        let html = error_page(
            vec![Listed {
                position: "content/site.yaml:1:1".into(),
                message: "m".into(),
                help: Some("h".into()),
            }],
            &Arc::new(welsh),
        );
        assert!(html.contains("<html lang=\"cy\">"), "{html}");
        assert!(
            html.contains("Nid oedd modd adeiladu’r wefan") && html.contains("Sut i’w gywiro: h"),
            "{html}"
        );
        assert!(!html.contains("could not be built"), "{html}");
    }
}
