//! The book's command reference, written from the clap definitions so it
//! cannot drift from them: the test fails when `docs/src/commands-reference.md`
//! differs from what the code says, and `VIAL_WRITE_DOCS=1 cargo test`
//! writes it anew.

use std::fmt::Write as _;
use std::path::Path;

use clap::{Arg, CommandFactory};

use super::args::Cli;

/// The reference, one section per command in the order `vial --help` lists
/// them.
fn reference() -> String {
    let mut out = String::from(
        "<!-- Written by `VIAL_WRITE_DOCS=1 cargo test` from src/cli/args.rs: \
         edit the doc comments there, not this file. -->\n",
    );
    let mut cli = Cli::command();
    cli.build();
    for command in cli.get_subcommands_mut() {
        if command.get_name() == "help" {
            continue;
        }
        section(&mut out, command);
    }
    out
}

fn section(out: &mut String, command: &mut clap::Command) {
    let about = command
        .get_long_about()
        .or(command.get_about())
        .map(|s| s.to_string())
        .unwrap_or_default();
    let usage = command.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    let _ = write!(
        out,
        "\n### vial {}\n\n{}\n\n```text\n{usage}\n```\n",
        command.get_name(),
        about.trim()
    );
    let rows: Vec<String> = command
        .get_arguments()
        .filter(|arg| !matches!(arg.get_id().as_str(), "help" | "version"))
        .map(row)
        .collect();
    if !rows.is_empty() {
        out.push_str("\n| argument | what it does |\n| --- | --- |\n");
        for r in rows {
            out.push_str(&r);
        }
    }
}

/// One argument as a table row: its spelling, then its help on one line.
fn row(arg: &Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map(|n| n.to_string())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let mut spelling = if arg.is_positional() {
        format!("`{value}`")
    } else {
        let mut s = String::new();
        if let Some(short) = arg.get_short() {
            let _ = write!(s, "`-{short}`, ");
        }
        let long = arg.get_long().unwrap_or_default();
        let optional = arg.get_num_args().is_some_and(|n| n.min_values() == 0);
        match (takes_value, optional) {
            (true, true) => {
                let _ = write!(s, "`--{long} [{value}]`");
            }
            (true, false) => {
                let _ = write!(s, "`--{long} <{value}>`");
            }
            _ => {
                let _ = write!(s, "`--{long}`");
            }
        }
        s
    };
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        let _ = write!(spelling, " (default `{}`)", defaults.join(", "));
    }
    let help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(|s| s.to_string())
        .unwrap_or_default();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("| {spelling} | {} |\n", help.replace('|', "\\|"))
}

#[test]
fn the_books_command_reference_is_what_clap_says() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/commands-reference.md");
    let written = reference();
    if std::env::var_os("VIAL_WRITE_DOCS").is_some() {
        std::fs::write(&path, &written).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == written,
        "{} is not what src/cli/args.rs says: run `VIAL_WRITE_DOCS=1 cargo test` and commit it",
        path.display()
    );
}
