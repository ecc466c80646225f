//! The `vial` command line: parses arguments, calls the library, prints what
//! happened and picks the exit code. The only place that prints.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use vial::diagnostic::Diagnostics;
use vial::serve::{self, ServeOptions, Server};
use vial::{BuildOptions, build, check, init};

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
    Build {
        /// The site folder (with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write here instead of the `output` of site.yaml.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include guides marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Load and validate everything; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
    /// Build, serve the site locally, rebuild on every change and reload the
    /// browser.
    Serve {
        /// The site folder (with site.yaml).
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
    },
    /// Create a new site that builds as is.
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            drafts,
        } => {
            let started = Instant::now();
            let options = BuildOptions {
                root,
                output,
                drafts,
            };
            match build(&options) {
                Ok(report) => {
                    print_warnings(&report.warnings);
                    println!(
                        "built {} pages into {} in {} ms",
                        report.pages_written,
                        report.output_dir.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(
                    &problems,
                    "build failed; the previous output was left untouched",
                ),
            }
        }
        Command::Check { root, drafts } => {
            let options = BuildOptions {
                root,
                output: None,
                drafts,
            };
            match check(&options) {
                Ok(warnings) => {
                    print_warnings(&warnings);
                    println!("no errors");
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(&problems, "check failed"),
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            poll,
            drafts,
        } => run_serve(ServeOptions {
            build: BuildOptions {
                root,
                output: None,
                drafts,
            },
            bind,
            port,
            open,
            poll: poll.map(|ms| Duration::from_millis(ms.max(1))),
        }),
        Command::Init { dir } => match init::init(&dir) {
            Ok(_) => {
                println!("created a new site in {}", dir.display());
                println!("build it with: vial build --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => fail(&Diagnostics(vec![d]), "init failed"),
        },
    }
}

fn run_serve(options: ServeOptions) -> ExitCode {
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

fn print_warnings(warnings: &Diagnostics) {
    for w in warnings.iter() {
        eprintln!("{w}");
    }
}

fn fail(problems: &Diagnostics, what: &str) -> ExitCode {
    eprint!("{problems}");
    let count = problems.error_count();
    eprintln!("{what}: {count} error{}", if count == 1 { "" } else { "s" });
    ExitCode::FAILURE
}
