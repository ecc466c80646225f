//! Where a product goes in the routine, said one way everywhere: the usage
//! card's strip and its "routine step" line, and the comparison tables'
//! row, all read it from here, so they cannot disagree.

use vial_site::config::Config;
use vial_site::i18n::Strings;
use vial_site::model::{Position, Product};

use super::views::RoutineStepView;

/// A product's place in the routine.
pub struct Placement {
    /// In words: its steps (`Treat`), refined by where a `position` moves
    /// it (`Treat, moved to the end`). The step always shows: "Last, after
    /// Protect" alone read as if the product were a protect step, and was
    /// untrue on evenings that have no protect step.
    pub text: String,
    /// A number that sorts places in routine order.
    pub order: f64,
    /// The declared steps with the product marked where it goes: at its
    /// steps, or, when moved, as an entry of its own (by name) there.
    pub strip: Vec<RoutineStepView>,
    /// A sentence about the move, when there is one.
    pub note: Option<String>,
}

/// Where `p` goes; `None` when it names no step.
pub fn placement(config: &Config, s: &Strings, p: &Product) -> Option<Placement> {
    let declared = &config.usage.steps;
    let usage = &p.usage;
    let first = *usage.steps.first()?;
    let mut strip: Vec<RoutineStepView> = declared
        .iter()
        .enumerate()
        .map(|(i, step)| RoutineStepView {
            label: step.label.clone(),
            here: usage.steps.contains(&i) && usage.position.is_none(),
        })
        .collect();
    let labels: Vec<String> = usage
        .steps
        .iter()
        .map(|i| declared[*i].label.clone())
        .collect();
    let steps = s.list(&labels);
    let Some(position) = &usage.position else {
        return Some(Placement {
            text: steps,
            order: first as f64,
            strip,
            note: None,
        });
    };
    let label = |i: usize| declared[i].label.as_str();
    // Inside a sentence English writes a step in small letters ("after the
    // water step"), German as its label, quoted: each language's strings
    // choose `{step}` or `{step_lowercase}`.
    let within = |i: usize| {
        [
            ("step", label(i).to_string()),
            ("step_lowercase", label(i).to_lowercase()),
        ]
    };
    let (at, order, text, note) = match *position {
        Position::First => (
            0,
            -1.0,
            s.text("usage.placed_first", &[("steps", &steps)]),
            s.text("position.first", &[]),
        ),
        Position::Last => (
            declared.len(),
            declared.len() as f64,
            s.text("usage.placed_last", &[("steps", &steps)]),
            s.text("position.last", &[]),
        ),
        Position::After(i) => (
            i + 1,
            i as f64 + 0.5,
            s.text(
                "usage.placed_after",
                &[("steps", &steps), ("step", label(i))],
            ),
            s.text("position.after", &args(&within(i))),
        ),
        Position::Before(i) => (
            i,
            i as f64 - 0.5,
            s.text(
                "usage.placed_before",
                &[("steps", &steps), ("step", label(i))],
            ),
            s.text("position.before", &args(&within(i))),
        ),
    };
    strip.insert(
        at,
        RoutineStepView {
            label: p.name.clone(),
            here: true,
        },
    );
    Some(Placement {
        text,
        order,
        strip,
        note: Some(note),
    })
}

/// `(name, value)` pairs as `Strings::text` takes them.
fn args<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}
