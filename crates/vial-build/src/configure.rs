//! The first stage: `site.yaml` read, the command line's overrides applied,
//! and the output folder checked to be no folder the site is read from.

use std::path::Path;

use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use vial_output as output;
use vial_site::config::{CONFIG_FILE, Config, Limits};
use vial_site::load;

use crate::BuildOptions;

/// Reads and validates `site.yaml` under `options.root`, applies the
/// options that override it, and checks that the output folder is not the
/// site's own sources.
pub fn read_config(options: &BuildOptions) -> Result<Config, Diagnostics> {
    let root = &options.root;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(no_site(root).into());
    }
    let source = load::read_source(root, Path::new(CONFIG_FILE), Limits::default().text_file)?;
    let mut config = Config::parse(root, source)?;
    apply_options(&mut config, options)?;
    guard_output(&config)?;
    Ok(config)
}

/// What the command line says over site.yaml.
fn apply_options(config: &mut Config, options: &BuildOptions) -> Result<(), Diagnostic> {
    config.fingerprint_assets = !options.plain_asset_names;
    if options.minify && !cfg!(feature = "minify") {
        return Err(Diagnostic::error(
            Code::InvalidValue,
            Location::file("--minify"),
            "this vial was built without minifying (the `minify` feature)",
        )
        .with_help("build without `--minify`, or use a vial built with its default features"));
    }
    config.minify = options.minify;
    if let Some(urls) = options.sitemap_urls {
        config.sitemap_urls = urls.max(1);
    }
    if let Some(output) = &options.output {
        config.output_dir = config.root.join(output);
        config.output_location = None;
    }
    if let Some(url) = &options.base_url
        && let Err(why) = config.set_base_url(url)
    {
        return Err(Diagnostic::error(
            Code::InvalidValue,
            Location::file("--base-url"),
            format!("`{url}` cannot be the site's address: {why}"),
        )
        .with_help("write it like `https://example.org` or `http://localhost:8080/kb/`"));
    }
    Ok(())
}

/// Refuses an output folder that is the site, holds it, or is (or lies in)
/// a folder the site is read from: at `output:` of site.yaml, or
/// `--output`.
fn guard_output(config: &Config) -> Result<(), Diagnostic> {
    let Err(why) = output::check_path(&config.root, &config.output_dir, &load::SOURCE_FOLDERS)
    else {
        return Ok(());
    };
    let help =
        "build into a folder of its own, such as `public`: vial replaces the output folder's files";
    let message = why.explain(&config.output_dir.display().to_string());
    Err(match &config.output_location {
        Some(at) => config
            .source
            .error(Code::OutputInSources, at.clone(), message)
            .with_help(format!("{help}; change `output:` in site.yaml")),
        None => Diagnostic::error(Code::OutputInSources, Location::file("--output"), message)
            .with_help(format!("{help}; pass another folder to `--output`")),
    })
}

/// `root` has no site.yaml: say which folder, and how to make one.
fn no_site(root: &Path) -> Diagnostic {
    let shown = root.display();
    if root.is_dir() {
        Diagnostic::error(
            Code::NoSite,
            Location::file(root),
            format!("`{shown}` has no {CONFIG_FILE}: it is not a vial site"),
        )
        .with_help(format!(
            "run vial in a site's folder or pass it with `--root DIR`; `vial init {shown}` creates a new site there"
        ))
    } else {
        Diagnostic::error(
            Code::NoSite,
            Location::file(root),
            format!("the site folder `{shown}` does not exist"),
        )
        .with_help(format!(
            "pass the site's folder with `--root DIR`, or create a new site with `vial init {shown}`"
        ))
    }
}
