//! The council's branding from `site.yaml` as the theme shows it: the
//! stylesheet of its colours and logo (the theme's `brand.css` template,
//! published as a static file beside the others, as the site's
//! Content-Security-Policy allows no inline style), and `asset("logo.svg")`
//! for templates.

use minijinja::{Environment, context};

use crate::diagnostic::Problems;
use crate::document::views::Urls;
use crate::model::{Content, Site};
use crate::render::assets::Assets;
use crate::support::colour::Colour;
use crate::theme::Theme;

/// The name of the branding stylesheet among the static files.
pub const STYLESHEET: &str = "brand.css";

/// Adds the branding stylesheet to `assets` if `site.yaml` brands the site
/// (its colours and logo were checked with the content).
pub fn add_branding(
    content: &Content,
    theme: &Theme,
    env: &Environment<'static>,
    assets: &mut Assets,
) -> Result<(), Problems> {
    let site = &content.site;
    if !brands(site) {
        return Ok(());
    }
    let hex = |c: &Option<String>| c.as_deref().and_then(Colour::parse).map(Colour::hex);
    let branding = &site.branding;
    let css = env
        .get_template(STYLESHEET)
        .and_then(|t| {
            t.render(context! {
                colour => hex(&branding.colour),
                text_colour => hex(&branding.text_colour),
                focus_colour => hex(&branding.focus_colour),
                logo => branding.logo.is_some(),
            })
        })
        .map_err(|e| Problems(vec![crate::theme::problem(theme, &e)]))?;
    assets.add(STYLESHEET, css.into_bytes());
    Ok(())
}

fn brands(site: &Site) -> bool {
    let b = &site.branding;
    b.logo.is_some() || b.colour.is_some() || b.text_colour.is_some() || b.focus_colour.is_some()
}

/// `asset("logo.svg")`: the published (hashed) address of a static file of
/// the theme; a name the theme does not have is a template error.
pub fn add_asset_function(env: &mut Environment<'static>, assets: &Assets, urls: &Urls) {
    let published: std::collections::BTreeMap<String, String> = assets
        .files
        .iter()
        .map(|(name, (path, _))| (name.clone(), urls.to(path)))
        .collect();
    env.add_function("asset", move |name: &str| {
        published.get(name).cloned().ok_or_else(|| {
            minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("asset(\"{name}\"): the theme has no static file `{name}`"),
            )
        })
    });
}
