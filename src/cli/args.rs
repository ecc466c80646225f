//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use vial_base::diagnostic::Format;

#[derive(Parser)]
#[command(
    name = "vial",
    version,
    about = "A static knowledge-site generator for products and the guides about them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `public/`).
    ///
    /// Only files whose bytes changed are written; files the last build
    /// wrote that are no longer part of the site are deleted; a file vial did
    /// not write, or whose bytes changed since it did, is never changed or
    /// deleted (unless `--force` takes the folder over). On any error the
    /// previous output is left exactly as it was.
    Build(BuildArgs),
    /// Load and validate everything, templates included; write nothing.
    Check(CheckArgs),
    /// Build, serve the site locally, rebuild on every change and reload the
    /// browser.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Write JSON Schemas of this site's product, category, guide and term
    /// files, for editors that complete and check YAML as you type.
    Schema(SchemaArgs),
    /// Create a new site that builds as is.
    Init(InitArgs),
}

/// The arguments of `vial build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Write here instead of the `output` of site.yaml (relative to the
    /// site folder).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include guides marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Take over an output folder vial cannot tell it wrote: every file
    /// in it is replaced or deleted, yours included.
    #[arg(long)]
    pub force: bool,
    /// Build for this address instead of the `base_url` of site.yaml
    /// (a preview deploy's, or `http://localhost:8080/kb/`).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Minify HTML, CSS and JavaScript.
    #[arg(long)]
    pub minify: bool,
    /// How to print problems: `human`, `json` (one object per line) or
    /// `github` (GitHub Actions annotations).
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// The arguments of `vial check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Check against this output folder instead of the `output` of
    /// site.yaml (relative to the site folder).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include guides marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Check as if built for this address instead of the `base_url` of
    /// site.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// How to print problems: `human`, `json` (one object per line) or
    /// `github` (GitHub Actions annotations).
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// The arguments of `vial serve`.
#[cfg(feature = "serve")]
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Port to listen on; taken is an error. Without it: 1111, or the
    /// next free port up to 1120.
    #[arg(long)]
    pub port: Option<u16>,
    /// Address to listen on. Anything but loopback exposes the preview
    /// to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes every MS milliseconds instead of using native
    /// file events (for network, WSL and container mounts).
    #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
    pub poll: Option<u64>,
    /// Include guides marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Take over an output folder vial cannot tell it wrote: every file
    /// in it is replaced or deleted, yours included.
    #[arg(long)]
    pub force: bool,
    /// After each rebuild, print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

/// The arguments of `vial schema`.
#[derive(clap::Args)]
pub struct SchemaArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write them (default: `.vial/schema/` in the site folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// The arguments of `vial init`.
#[derive(clap::Args)]
pub struct InitArgs {
    /// Folder to create the site in (new or empty).
    pub dir: PathBuf,
    /// Copy a complete example site instead: `skincare` or
    /// `houseplants`.
    #[arg(long, value_name = "NAME")]
    pub example: Option<String>,
}

/// What `build` and `check` say besides problems.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Print only problems: no progress bar, no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each stage took (load, model, link, render + write,
    /// search index, images, commit) on stderr.
    #[arg(long)]
    pub timings: bool,
}

/// `--format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Github,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        }
    }
}
