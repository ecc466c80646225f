//! Each command: options from its arguments, one call into the driver, and
//! what to print of the outcome.

use std::process::ExitCode;
use std::time::Instant;

use vial_base::diagnostic::{Diagnostics, Format};
use vial_build::{BuildOptions, BuildReport, build_observed, check_observed};
use vial_output::Previous;

use super::args::{BuildArgs, CheckArgs, Command, InitArgs, SchemaArgs};
use super::report::{closing_line, fail, print_diagnostics};

/// What `check` says when a site has no errors, whatever it checked
/// (every page, or those changed since the last build) and whatever the
/// warnings: one wording, so scripts can match it.
const CHECKED: &str = "no errors";

/// Runs `command`; the exit code says whether it succeeded.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => super::serve::serve(args),
        Command::Schema(args) => schema(args),
        Command::Init(args) => init(args),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let format = args.format.into();
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        force: args.force,
        base_url: args.base_url,
        minify: args.minify,
        ..BuildOptions::default()
    };
    let (result, _timings) = args
        .report
        .observe(|progress| build_observed(&options, progress));
    match result {
        Ok(built) => {
            print_diagnostics(&built.warnings, format);
            if !args.report.quiet {
                closing_line(&summary(&built, started), format);
            }
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
            fail(&failure.problems, format, "build failed", &what)
        }
    }
}

/// `built N pages … into DIR in T ms (…)`: what a build did.
fn summary(report: &BuildReport, started: Instant) -> String {
    let files = &report.files;
    let images = &report.images;
    let images = match images.encoded + images.cached + images.copied {
        0 => String::new(),
        all => format!(
            "; {all} image variants, {} made, {} reused",
            images.encoded,
            images.cached + images.copied
        ),
    };
    // Pages that read nothing that changed since the last build are not
    // rendered again.
    let rendered = match report.pages_rendered {
        n if n == report.pages_written => String::new(),
        n => format!(" ({n} rendered)"),
    };
    format!(
        "built {} pages{rendered} into {} in {} ms ({} files written, {} unchanged, {} deleted{images})",
        report.pages_written,
        report.output_dir.display(),
        started.elapsed().as_millis(),
        files.written,
        files.unchanged,
        files.removed,
    )
}

fn check(args: CheckArgs) -> ExitCode {
    let format = args.format.into();
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        base_url: args.base_url,
        ..BuildOptions::default()
    };
    let (result, _timings) = args
        .report
        .observe(|progress| check_observed(&options, progress));
    match result {
        Ok(warnings) => {
            print_diagnostics(&warnings, format);
            if !args.report.quiet {
                closing_line(CHECKED, format);
            }
            ExitCode::SUCCESS
        }
        Err(problems) => fail(&problems, format, "check failed", "nothing was written"),
    }
}

fn schema(args: SchemaArgs) -> ExitCode {
    let out = args
        .out
        .unwrap_or_else(|| args.root.join(".vial").join("schema"));
    let schemas = match vial_build::schemas(&BuildOptions::new(&args.root)) {
        Ok(schemas) => schemas,
        Err(problems) => {
            return fail(
                &problems,
                Format::Human,
                "schema failed",
                "nothing was written",
            );
        }
    };
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

fn init(args: InitArgs) -> ExitCode {
    match crate::init::init(&args.dir, args.example.as_deref()) {
        Ok(_) => {
            println!("created a new site in {}", args.dir.display());
            println!("build it with: vial build --root {}", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(d) => fail(
            &Diagnostics(vec![d]),
            Format::Human,
            "init failed",
            "nothing was written",
        ),
    }
}
