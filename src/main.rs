//! The `vial` command line: parses arguments, calls the library, prints what
//! happened and picks the exit code. The only place that prints.

use std::cell::Cell;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

mod cli;
mod init;

use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use cli::watcher::{Watcher, print_timings};
use vial_base::diagnostic::{Diagnostics, Format};
use vial_base::progress::Progress;
use vial_build::{BuildOptions, build_observed, check_observed};
use vial_output::Previous;
use vial_serve::{self as serve, ServeOptions, Server};

// A build allocates millions of short-lived strings from every thread at
// once; mimalloc's per-thread heaps take a quarter off the CPU time glibc's
// allocator needed for them (see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "vial",
    version,
    about = "A static knowledge-site generator for products and the guides about them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default `public/`).
    ///
    /// Only files whose bytes changed are written; files the last build
    /// wrote that are no longer part of the site are deleted; a file vial did
    /// not write, or whose bytes changed since it did, is never changed or
    /// deleted. On any error the previous output is left exactly as it was.
    Build {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write here instead of the `output` of site.yaml (relative to the
        /// site folder).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include guides marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Take over an output folder vial cannot tell it wrote: every file
        /// in it is replaced or deleted, yours included.
        #[arg(long)]
        force: bool,
        /// Build for this address instead of the `base_url` of site.yaml
        /// (a preview deploy's, or `http://localhost:8080/kb/`).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Minify HTML, CSS and JavaScript.
        #[arg(long)]
        minify: bool,
        /// How to print problems: `human`, `json` (one object per line) or
        /// `github` (GitHub Actions annotations).
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Load and validate everything, templates included; write nothing.
    Check {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check against this output folder instead of the `output` of
        /// site.yaml (relative to the site folder).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include guides marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Check as if built for this address instead of the `base_url` of
        /// site.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// How to print problems: `human`, `json` (one object per line) or
        /// `github` (GitHub Actions annotations).
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Build, serve the site locally, rebuild on every change and reload the
    /// browser.
    Serve {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; taken is an error. Without it: 1111, or the
        /// next free port up to 1120.
        #[arg(long)]
        port: Option<u16>,
        /// Address to listen on. Anything but loopback exposes the preview
        /// to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes every MS milliseconds instead of using native
        /// file events (for network, WSL and container mounts).
        #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
        poll: Option<u64>,
        /// Include guides marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Take over an output folder vial cannot tell it wrote: every file
        /// in it is replaced or deleted, yours included.
        #[arg(long)]
        force: bool,
        /// After each rebuild, print the time each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Write JSON Schemas of this site's product, category, guide and term
    /// files, for editors that complete and check YAML as you type.
    Schema {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write them (default: `.vial/schema/` in the site folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Create a new site that builds as is.
    Init {
        /// Folder to create the site in (new or empty).
        dir: PathBuf,
        /// Copy a complete example site instead: `skincare` or
        /// `houseplants`.
        #[arg(long, value_name = "NAME")]
        example: Option<String>,
    },
}

/// What `build` and `check` say besides problems.
#[derive(clap::Args)]
struct ReportArgs {
    /// Print only problems: no progress bar, no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Print how long each stage took (load, model, link, render + write,
    /// search index, images, commit) on stderr.
    #[arg(long)]
    timings: bool,
}

impl ReportArgs {
    /// Runs `work` with a progress bar (on a terminal, unless `--quiet`).
    /// The timings, if asked for, are printed when the returned guard is
    /// dropped: after everything else the command prints.
    fn observe<T>(&self, work: impl FnOnce(&Progress) -> T) -> (T, Timings) {
        let started = Instant::now();
        let progress = Arc::new(Progress::default());
        let watcher = Watcher::start(progress.clone(), !self.quiet);
        let result = work(&progress);
        drop(watcher);
        let timings = Timings(self.timings.then(|| (progress, started.elapsed())));
        (result, timings)
    }
}

/// Prints a finished build's stage timings when dropped.
struct Timings(Option<(Arc<Progress>, Duration)>);

impl Drop for Timings {
    fn drop(&mut self) {
        if let Some((progress, took)) = &self.0 {
            print_timings(progress, *took);
        }
    }
}

/// `--format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
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

fn main() -> ExitCode {
    hand_back_freed_memory_soon();
    seed_maps_per_thread();
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            drafts,
            force,
            base_url,
            minify,
            format,
            report,
        } => {
            let started = Instant::now();
            let options = BuildOptions {
                root,
                output,
                drafts,
                force,
                base_url,
                minify,
                ..BuildOptions::default()
            };
            let (result, _timings) = report.observe(|progress| build_observed(&options, progress));
            match result {
                Ok(built) if report.quiet => {
                    print_diagnostics(&built.warnings, format.into());
                    ExitCode::SUCCESS
                }
                Ok(report) => {
                    print_diagnostics(&report.warnings, format.into());
                    let files = report.files;
                    let images = report.images;
                    let images = match images.encoded + images.cached + images.copied {
                        0 => String::new(),
                        all => format!(
                            "; {all} image variants, {} made, {} reused",
                            images.encoded,
                            images.cached + images.copied
                        ),
                    };
                    // Pages that read nothing that changed since the last
                    // build are not rendered again.
                    let rendered = match report.pages_rendered {
                        n if n == report.pages_written => String::new(),
                        n => format!(" ({n} rendered)"),
                    };
                    println!(
                        "built {} pages{rendered} into {} in {} ms ({} files written, {} unchanged, {} deleted{images})",
                        report.pages_written,
                        report.output_dir.display(),
                        started.elapsed().as_millis(),
                        files.written,
                        files.unchanged,
                        files.removed,
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    let what = match failure.previous {
                        Previous::Untouched => "nothing was changed".to_string(),
                        Previous::None => "nothing was written".to_string(),
                        Previous::PartlyUpdated { replaced, of } => format!(
                            "the output folder is partly updated ({replaced} of {of} files replaced); build again to finish"
                        ),
                    };
                    fail(&failure.problems, format.into(), "build failed", &what)
                }
            }
        }
        Command::Check {
            root,
            output,
            drafts,
            base_url,
            format,
            report,
        } => {
            let options = BuildOptions {
                root,
                output,
                drafts,
                base_url,
                ..BuildOptions::default()
            };
            let (result, _timings) = report.observe(|progress| check_observed(&options, progress));
            match result {
                Ok(warnings) => {
                    print_diagnostics(&warnings, format.into());
                    if !report.quiet {
                        println!("no errors");
                    }
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(
                    &problems,
                    format.into(),
                    "check failed",
                    "nothing was written",
                ),
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            poll,
            drafts,
            force,
            timings,
        } => run_serve(ServeOptions {
            build: BuildOptions {
                root,
                drafts,
                force,
                plain_asset_names: true,
                ..BuildOptions::default()
            },
            bind,
            port,
            open,
            poll: poll.map(|ms| Duration::from_millis(ms.max(1))),
            timings,
        }),
        Command::Schema { root, out } => {
            let out = out.unwrap_or_else(|| root.join(".vial").join("schema"));
            match vial_build::schemas(&BuildOptions::new(&root)) {
                Ok(schemas) => {
                    let written = std::fs::create_dir_all(&out).and_then(|()| {
                        for (name, schema) in &schemas {
                            let text = serde_json::to_string_pretty(schema).unwrap_or_default();
                            std::fs::write(out.join(name), text + "\n")?;
                        }
                        Ok(())
                    });
                    match written {
                        Ok(()) => {
                            for (name, _) in &schemas {
                                println!("wrote {}", out.join(name).display());
                            }
                            ExitCode::SUCCESS
                        }
                        Err(e) => {
                            eprintln!("error: cannot write into {}: {e}", out.display());
                            ExitCode::FAILURE
                        }
                    }
                }
                Err(problems) => fail(
                    &problems,
                    Format::Human,
                    "schema failed",
                    "nothing was written",
                ),
            }
        }
        Command::Init { dir, example } => match init::init(&dir, example.as_deref()) {
            Ok(_) => {
                println!("created a new site in {}", dir.display());
                println!("build it with: vial build --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => fail(
                &Diagnostics(vec![d]),
                Format::Human,
                "init failed",
                "nothing was written",
            ),
        },
    }
}

/// mimalloc's `mi_option_purge_delay`, whose place in `mi_option_t` is the
/// same in its versions 2 and 3 (the crate names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's `mi_option_arena_eager_commit` (the same place in versions 2
/// and 3).
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// On systems that overcommit (Linux), mimalloc commits each arena it
/// reserves whole by default. Committing on use instead took 45 MB (11 %)
/// off the peak resident memory of a 10,000-product build, for no
/// measurable time (`MIMALLOC_ARENA_EAGER_COMMIT=0` did the same). Set
/// before `main`, from the executable's constructors: the first arena is
/// reserved while the Rust runtime starts, and setting the option in
/// `main` changed nothing.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static COMMIT_MEMORY_ON_USE: extern "C" fn() = commit_memory_on_use;

#[cfg(target_os = "linux")]
extern "C" fn commit_memory_on_use() {
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

/// mimalloc 3 holds on to freed memory for a second before it hands it
/// back to the system; a build's stages each free tens of megabytes in
/// less than that (the parsed files, the search index, the pages), so the
/// next stage's memory came on top. After 10 ms instead (mimalloc 2's
/// default), a clean build peaked at 145 MB of resident memory at 10,000
/// products, not 168, and at 537 MB at 50,000, not 580, in the same time
/// within noise. A sweep from 1 ms to 1 s: 5 ms saved a few megabytes
/// more but cost about 3 % of the time in purging; 25 ms or more kept
/// more memory.
fn hand_back_freed_memory_soon() {
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}

/// Templates see every value as a map of its fields, and tera seeds each
/// new map's hasher from one counter that all threads add to atomically:
/// with two threads rendering, that one shared cache line cost 2-3 % of a
/// build's CPU time (perf, 10,000 products). A counter per thread gives
/// each map its own seed as well; ahash still mixes in its random keys.
fn seed_maps_per_thread() {
    struct PerThread;
    impl ahash::random_state::RandomSource for PerThread {
        fn gen_hasher_seed(&self) -> usize {
            thread_local!(static NEXT: Cell<usize> = const { Cell::new(0) });
            NEXT.with(|next| {
                // Starts from the counter's own address, different for
                // every thread, and steps by an odd constant.
                let seed = match next.get() {
                    0 => next as *const Cell<usize> as usize,
                    seed => seed,
                };
                next.set(seed.wrapping_add(0x9e37_79b9_7f4a_7c15_u64 as usize));
                seed
            })
        }
    }
    // Fails only if a map was made already; then the default stays.
    let _ = ahash::random_state::set_random_source(PerThread);
}

/// `vial serve` renders the same pages again on every save. Handing freed
/// memory back to the system after 10 ms, as mimalloc 2 did, each
/// rebuild faulted thousands of fresh pages in again (7,000 per product
/// edit at 10,000 products, measured with /proc/PID/stat); the preview
/// keeps what it freed instead, at most the peak of its first build.
fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

fn run_serve(options: ServeOptions) -> ExitCode {
    keep_freed_memory();
    let asked_port = options.port;
    let served = Server::bind(options).and_then(|server| {
        if asked_port.is_none() && server.address().port() != serve::DEFAULT_PORT {
            println!(
                "port {} is in use; using {}",
                serve::DEFAULT_PORT,
                server.address().port()
            );
        }
        println!("serving at {}  (Ctrl-C to stop)", server.url());
        server.run()
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Diagnostics for people go to stderr; machine formats go to stdout, one
/// record per line, for the tool that reads them.
fn print_diagnostics(problems: &Diagnostics, format: Format) {
    for d in problems.iter() {
        match format {
            Format::Human => eprintln!("{d}"),
            _ => print!("{}", d.render(format)),
        }
    }
}

fn fail(problems: &Diagnostics, format: Format, what: &str, outcome: &str) -> ExitCode {
    print_diagnostics(problems, format);
    let count = problems.error_count();
    eprintln!(
        "{what}: {count} error{}; {outcome}",
        if count == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}
