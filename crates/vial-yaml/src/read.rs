//! Typed, forgiving reads of a YAML `Tree`.
//!
//! Each field is read on its own: a value of the wrong kind is reported and
//! skipped, and reading goes on, so one run reports everything wrong with a
//! file (a misspelt key, a wrong `true`, a list where text belongs), each at
//! its line, in a content editor's words. Unknown fields are reported when a
//! group is finished, against the fields that were asked for; a field
//! missing from one group and found at another indentation is reported once,
//! as misplaced.

use std::borrow::Cow;
use std::fmt;

use super::Origin;
use super::tree::{Entry, Key, Node, Pos, Tree, TreeProblem, Value};
use vial_base::diagnostic::{Code, Diagnostic, did_you_mean, suggestion};
use vial_base::text::format_number;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Pos,
}

/// A field's name: most are written in the code, some come from site.yaml.
pub type Name = Cow<'static, str>;

/// What a message is about: a field, or the items of a list field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    Field(Name),
    ItemOf(Name),
}

impl Subject {
    fn name(&self) -> &str {
        match self {
            Subject::Field(n) | Subject::ItemOf(n) => n,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Field(n) => write!(f, "`{n}`"),
            Subject::ItemOf(n) => write!(f, "each item of `{n}`"),
        }
    }
}

/// A group of fields as named in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Group {
    /// The document itself: "the product".
    Top(&'static str),
    Field(Name),
    ItemOf(Name),
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Group::Top(what) => write!(f, "the {what}"),
            Group::Field(n) => write!(f, "`{n}`"),
            Group::ItemOf(n) => write!(f, "this item of `{n}`"),
        }
    }
}

struct Missing {
    field: Name,
    group: Group,
    at: Pos,
}

struct Unknown<'a> {
    key: &'a Key,
    group: Group,
    known: Vec<Name>,
}

/// Reads one document and gathers its problems.
pub struct Reader<'a> {
    origin: &'a Origin,
    what: &'static str,
    problems: Vec<Diagnostic>,
    missing: Vec<Missing>,
    unknown: Vec<Unknown<'a>>,
    /// The fields each finished group asked for, to tell where a misplaced
    /// field belongs.
    groups: Vec<(Group, Vec<Name>)>,
}

impl<'a> Reader<'a> {
    /// A reader of `tree`, a document of `origin` that holds a `what`
    /// ("product", "front matter"). The tree's own problems come first.
    pub fn new(origin: &'a Origin, tree: &'a Tree, what: &'static str) -> Self {
        let mut reader = Reader {
            origin,
            what,
            problems: Vec::new(),
            missing: Vec::new(),
            unknown: Vec::new(),
            groups: Vec::new(),
        };
        for problem in &tree.problems {
            reader.tree_problem(problem);
        }
        reader
    }

    fn tree_problem(&mut self, problem: &TreeProblem) {
        match problem {
            TreeProblem::DuplicateKey { name, first, again } => self.error(
                Code::DuplicateKey,
                *again,
                format!(
                    "`{name}` appears twice (lines {} and {})",
                    first.line + self.origin.line_offset,
                    again.line + self.origin.line_offset
                ),
                "keep one of them; vial reads the first",
            ),
            TreeProblem::ComplexKey { at } => self.error(
                Code::YamlSyntax,
                *at,
                "a field name must be a plain word",
                "write fields as `name: value`",
            ),
            TreeProblem::SecondDocument { at } => self.error(
                Code::YamlSyntax,
                *at,
                "this file holds a second document after `---`",
                "one file holds one entry: remove the `---` line, or move what follows into a file of its own",
            ),
        }
    }

    /// The fields of the document. A document that is not a group of
    /// fields is reported, and reads as one without any.
    pub fn root(&mut self, tree: &'a Tree) -> Fields<'a> {
        let group = Group::Top(self.what);
        match &tree.root.value {
            Value::Map(entries) => Fields::new(entries, group, tree.root.at),
            Value::Empty => Fields::new(&[], group, tree.root.at),
            _ => {
                self.error(
                    Code::WrongType,
                    tree.root.at,
                    format!("a {} is a group of fields", self.what),
                    "write one field per line, as `name: value`",
                );
                Fields::new(&[], group, tree.root.at)
            }
        }
    }

    /// Reports a problem at a position of the document.
    pub fn error(
        &mut self,
        code: Code,
        at: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = self
            .origin
            .file
            .error(code, self.origin.location(at), message)
            .with_help(help);
        self.problems.push(d);
    }

    /// Adds a problem found outside this reader.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    /// Every problem of the document, misplaced fields paired up.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let missing = std::mem::take(&mut self.missing);
        let unknown = std::mem::take(&mut self.unknown);
        // The fields missing from each group, reported together.
        let mut by_group: Vec<(&Group, Pos, Vec<&str>)> = Vec::new();
        for m in &missing {
            // Found elsewhere, or misspelt in its own group: the unknown
            // field's message says it all.
            let misspelt = |u: &Unknown| {
                u.group == m.group && did_you_mean(&u.key.name, [m.field.as_ref()]).is_some()
            };
            if unknown.iter().any(|u| u.key.name == m.field || misspelt(u)) {
                continue;
            }
            match by_group
                .iter_mut()
                .find(|(g, at, _)| **g == m.group && *at == m.at)
            {
                Some((_, _, fields)) => fields.push(&m.field),
                None => by_group.push((&m.group, m.at, vec![&m.field])),
            }
        }
        for (group, at, fields) in by_group {
            let names = listed(&fields, "or");
            let lines = fields
                .iter()
                .map(|f| format!("`{f}: …`"))
                .collect::<Vec<_>>();
            let help = match group {
                Group::Top(_) => format!("add {}", listed_plain(&lines)),
                g => format!("add {} among the fields of {g}", listed_plain(&lines)),
            };
            self.error(
                Code::MissingField,
                at,
                format!("{group} has no {names}"),
                help,
            );
        }
        for u in &unknown {
            let name = u.key.name.as_str();
            if let Some(m) = missing.iter().find(|m| m.field == name) {
                self.error(
                    Code::MissingField,
                    u.key.at,
                    format!("`{name}` is not inside {}", m.group),
                    match &m.group {
                        Group::Top(_) => {
                            format!(
                                "move `{name}` left, to line up with the other top-level fields"
                            )
                        }
                        g => format!("indent `{name}` to line up with the other fields of {g}"),
                    },
                );
                continue;
            }
            let help = match did_you_mean(name, u.known.iter().map(|k| k.as_ref())) {
                Some(close) => format!("did you mean `{close}`?"),
                None => match self.home_of(name, &u.group) {
                    Some(Group::Top(what)) => format!(
                        "`{name}` is a field of the {what} itself: move it left, out of {}",
                        u.group
                    ),
                    Some(home) => format!("`{name}` belongs inside {home}"),
                    None => format!(
                        "{}; the fields here are {}",
                        "remove it or rename it",
                        quoted(&u.known.iter().map(|k| k.as_ref()).collect::<Vec<_>>())
                    ),
                },
            };
            self.error(
                Code::UnknownField,
                u.key.at,
                format!("unknown field `{name}`"),
                help,
            );
        }
        self.problems
    }

    /// Another group that asks for a field called `name`.
    fn home_of(&self, name: &str, except: &Group) -> Option<Group> {
        self.groups
            .iter()
            .find(|(group, known)| group != except && known.iter().any(|k| k == name))
            .map(|(group, _)| group.clone())
    }
}

/// `` `a`, `b` or `c` ``.
fn listed(names: &[&str], last: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    join_last(&quoted, last)
}

/// `a, b and c`.
fn listed_plain(items: &[String]) -> String {
    join_last(items, "and")
}

fn join_last(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

fn quoted(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A group of fields being read.
pub struct Fields<'a> {
    entries: &'a [Entry],
    group: Group,
    at: Pos,
    known: Vec<Name>,
    /// Every key is allowed (a group of free keys, such as specs).
    free: bool,
}

impl<'a> Fields<'a> {
    fn new(entries: &'a [Entry], group: Group, at: Pos) -> Self {
        Fields {
            entries,
            group,
            at,
            known: Vec::new(),
            free: false,
        }
    }

    /// The field `name`, if written.
    pub fn get(&mut self, name: impl Into<Name>) -> Option<Field<'a>> {
        let name = name.into();
        let found = self.entries.iter().find(|e| e.key.name == name);
        self.known.push(name.clone());
        found.map(|e| Field {
            subject: Subject::Field(name),
            key_at: Some(e.key.at),
            node: &e.value,
        })
    }

    /// The field `name`; its absence is reported.
    pub fn require(&mut self, r: &mut Reader<'a>, name: impl Into<Name>) -> Option<Field<'a>> {
        let name = name.into();
        let field = self.get(name.clone());
        if field.is_none() {
            r.missing.push(Missing {
                field: name,
                group: self.group.clone(),
                at: self.at,
            });
        }
        field
    }

    /// Text that must be there and not be blank.
    pub fn required_text(
        &mut self,
        r: &mut Reader<'a>,
        name: impl Into<Name>,
    ) -> Option<Spanned<String>> {
        let name = name.into();
        let field = self.require(r, name.clone())?;
        match field.text(r) {
            Some(text) if !text.value.trim().is_empty() => Some(text),
            Some(text) => {
                r.error(
                    Code::MissingField,
                    text.at,
                    format!("`{name}` is empty"),
                    format!("write the {name} after `{name}:`"),
                );
                None
            }
            None => {
                if field.node.value == Value::Empty {
                    r.error(
                        Code::MissingField,
                        field.at(),
                        format!("`{name}` has no value"),
                        format!("write the {name} after `{name}:`"),
                    );
                }
                None
            }
        }
    }

    /// Optional text: absent or empty is `None`.
    pub fn text(&mut self, r: &mut Reader<'a>, name: impl Into<Name>) -> Option<Spanned<String>> {
        self.get(name)?.text(r)
    }

    /// Where the group is written: its key's line, for "has no …" messages.
    pub fn at(&self) -> Pos {
        self.at
    }

    /// Every field as written, for groups whose keys are free (specs).
    pub fn entries(&mut self) -> &'a [Entry] {
        self.free = true;
        self.entries
    }

    /// Reports the fields nobody asked for.
    pub fn finish(self, r: &mut Reader<'a>) {
        if !self.free {
            for entry in self.entries {
                if !self.known.iter().any(|k| *k == entry.key.name) {
                    r.unknown.push(Unknown {
                        key: &entry.key,
                        group: self.group.clone(),
                        known: self.known.clone(),
                    });
                }
            }
        }
        r.groups.push((self.group, self.known));
    }
}

/// One value being read: a field's, or an item of a list field.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    subject: Subject,
    key_at: Option<Pos>,
    pub node: &'a Node,
}

impl<'a> Field<'a> {
    /// Where the value is; for an empty value, where its key is.
    pub fn at(&self) -> Pos {
        match (&self.node.value, self.key_at) {
            (Value::Empty, Some(key)) => key,
            _ => self.node.at,
        }
    }

    fn spanned<T>(&self, value: T) -> Spanned<T> {
        Spanned {
            value,
            at: self.at(),
        }
    }

    fn wrong(&self, r: &mut Reader, message: String, help: String) {
        r.error(Code::WrongType, self.at(), message, help);
    }

    /// Text (any scalar, as written). Empty is `None`; a list or a group
    /// is reported.
    pub fn text(&self, r: &mut Reader) -> Option<Spanned<String>> {
        let name = self.subject.name();
        match &self.node.value {
            Value::Scalar(s) => Some(self.spanned(s.text.clone())),
            Value::Empty => None,
            Value::List(items) => {
                let help = match (&self.subject, items.first().map(|n| &n.value)) {
                    (Subject::Field(_), Some(Value::Scalar(first))) => {
                        format!("write one value: `{name}: {}`", first.text)
                    }
                    (Subject::Field(_), _) => format!("write one value after `{name}:`"),
                    (Subject::ItemOf(_), _) => {
                        format!("write the items of `{name}` one per line, each as `- value`")
                    }
                };
                self.wrong(
                    r,
                    format!("{} takes one value, not a list", self.subject),
                    help,
                );
                None
            }
            Value::Map(_) => {
                self.wrong(
                    r,
                    format!("{} takes text, not a group of fields", self.subject),
                    "write the text on the same line; if it contains `: `, put it in quotes"
                        .to_string(),
                );
                None
            }
        }
    }

    /// A plain number. `0.9%` or `30 ml` are reported with the number to
    /// write instead.
    pub fn number(&self, r: &mut Reader) -> Option<Spanned<f64>> {
        let name = self.subject.name();
        let text = match &self.node.value {
            Value::Empty => return None,
            Value::Scalar(s) => s.text.trim(),
            _ => {
                self.wrong(
                    r,
                    format!("{} is a number", self.subject),
                    format!("write one number, as in `{name}: 2`"),
                );
                return None;
            }
        };
        if let Some(n) = parse_number(text) {
            return Some(self.spanned(n));
        }
        let help = match leading_number(text) {
            Some(n) => format!("write `{name}: {}`", format_number(n)),
            None => format!("write a plain number, as in `{name}: 2`"),
        };
        self.wrong(r, format!("{} is a number", self.subject), help);
        None
    }

    /// `true` or `false`.
    pub fn bool(&self, r: &mut Reader) -> Option<bool> {
        let name = self.subject.name();
        match &self.node.value {
            Value::Empty => None,
            Value::Scalar(s) if s.text.eq_ignore_ascii_case("true") => Some(true),
            Value::Scalar(s) if s.text.eq_ignore_ascii_case("false") => Some(false),
            _ => {
                r.error(
                    Code::InvalidValue,
                    self.at(),
                    format!("{} is `true` or `false`", self.subject),
                    format!("write `{name}: true` or `{name}: false`"),
                );
                None
            }
        }
    }

    /// The items of a list (empty when nothing is written).
    pub fn list(&self, r: &mut Reader) -> Option<Vec<Field<'a>>> {
        let name = self.subject.name();
        match &self.node.value {
            Value::List(items) => Some(
                items
                    .iter()
                    .map(|node| Field {
                        subject: Subject::ItemOf(match &self.subject {
                            Subject::Field(n) | Subject::ItemOf(n) => n.clone(),
                        }),
                        key_at: None,
                        node,
                    })
                    .collect(),
            ),
            Value::Empty => Some(Vec::new()),
            Value::Scalar(s) => {
                self.wrong(
                    r,
                    format!("{} is a list", self.subject),
                    format!("write `{name}: [{}]`", s.text),
                );
                None
            }
            Value::Map(_) => {
                self.wrong(
                    r,
                    format!("{} is a list, not a group of fields", self.subject),
                    format!("start each item of `{name}` on its own line with `- `"),
                );
                None
            }
        }
    }

    /// A list of texts; items that are not text are reported and skipped.
    pub fn texts(&self, r: &mut Reader) -> Vec<Spanned<String>> {
        self.list(r)
            .unwrap_or_default()
            .iter()
            .filter_map(|item| item.text(r))
            .collect()
    }

    /// A group of fields (empty when nothing is written).
    pub fn fields(&self, r: &mut Reader) -> Option<Fields<'a>> {
        let group = match &self.subject {
            Subject::Field(n) => Group::Field(n.clone()),
            Subject::ItemOf(n) => Group::ItemOf(n.clone()),
        };
        let at = self.key_at.unwrap_or(self.node.at);
        match &self.node.value {
            Value::Map(entries) => Some(Fields::new(entries, group, at)),
            Value::Empty => Some(Fields::new(&[], group, at)),
            _ => {
                let name = self.subject.name();
                self.wrong(
                    r,
                    format!("{} is a group of fields", self.subject),
                    format!(
                        "write its fields on the lines below `{name}:`, indented by two spaces"
                    ),
                );
                None
            }
        }
    }

    /// Text that must be one of `allowed`.
    pub fn one_of(&self, r: &mut Reader, allowed: &[&str]) -> Option<Spanned<String>> {
        let text = self.text(r)?;
        if allowed.contains(&text.value.as_str()) {
            return Some(text);
        }
        r.error(
            Code::InvalidValue,
            text.at,
            format!("`{}` is not one of {}", text.value, quoted(allowed)),
            suggestion(&text.value, allowed.iter().copied()),
        );
        None
    }
}

/// A YAML number as a person writes it: `2`, `-0.5`, `1e3`, `1_000`.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned = text.replace('_', "");
    let looks_numeric = cleaned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !looks_numeric || cleaned.is_empty() {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The number a value starts with, once a unit or `%` is dropped and a
/// decimal comma is read as a point.
fn leading_number(text: &str) -> Option<f64> {
    let text = text.replace(',', ".");
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .map_or(text.len(), |(i, _)| i);
    parse_number(text[..end].trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::super::tree;
    use super::*;
    use vial_base::diagnostic::SourceFile;

    fn problems(text: &str, read: impl for<'t> Fn(&mut Reader<'t>, Fields<'t>)) -> Vec<String> {
        let origin = Origin::whole(SourceFile::new("p.yaml", text));
        let tree = tree::parse(text).unwrap();
        let mut reader = Reader::new(&origin, &tree, "product");
        let fields = reader.root(&tree);
        read(&mut reader, fields);
        reader.finish().iter().map(Diagnostic::brief).collect()
    }

    fn product<'t>(r: &mut Reader<'t>, mut top: Fields<'t>) {
        top.required_text(r, "name");
        top.required_text(r, "brand");
        if let Some(f) = top.get("draft") {
            f.bool(r);
        }
        if let Some(f) = top.get("percent") {
            f.number(r);
        }
        if let Some(usage) = top.require(r, "usage").and_then(|f| f.fields(r)) {
            let mut usage = usage;
            usage.required_text(r, "frequency");
            if let Some(time) = usage.require(r, "time") {
                for item in time.list(r).unwrap_or_default() {
                    item.one_of(r, &["am", "pm"]);
                }
            }
            usage.get("cautions").map(|c| c.texts(r));
            usage.finish(r);
        }
        top.finish(r);
    }

    #[test]
    fn every_problem_of_a_file_is_reported_in_one_run() {
        let text =
            "name: A\nbrand: [A, B]\ndraft: yes\nusage:\n  frequncy: daily\n  time: [noon]\n";
        assert_eq!(
            problems(text, product),
            [
                "2:8 `brand` takes one value, not a list | write one value: `brand: A`",
                "3:8 `draft` is `true` or `false` | write `draft: true` or `draft: false`",
                "6:10 `noon` is not one of `am`, `pm` | expected one of `am`, `pm`",
                "5:3 unknown field `frequncy` | did you mean `frequency`?",
            ]
        );
    }

    #[test]
    fn a_field_at_the_wrong_indentation_is_reported_once_as_misplaced() {
        let text = "name: A\nbrand: B\nusage:\n  frequency: daily\ntime: [am]\n";
        assert_eq!(
            problems(text, product),
            [
                "5:1 `time` is not inside `usage` | indent `time` to line up with the other fields of `usage`"
            ]
        );
    }

    #[test]
    fn a_scalar_where_a_list_belongs_shows_the_list_to_write() {
        let text = "name: A\nbrand: B\nusage:\n  frequency: daily\n  time: pm\n";
        assert_eq!(
            problems(text, product),
            ["5:9 `time` is a list | write `time: [pm]`"]
        );
    }

    #[test]
    fn numbers_with_units_suggest_the_plain_number() {
        let text = "name: A\nbrand: B\npercent: 0.9%\nusage:\n  frequency: daily\n  time: [am]\n";
        assert_eq!(
            problems(text, product),
            ["3:10 `percent` is a number | write `percent: 0.9`"]
        );
    }

    #[test]
    fn missing_top_level_field_names_the_document() {
        let text = "brand: B\nusage:\n  frequency: daily\n  time: [am]\n";
        assert_eq!(
            problems(text, product),
            ["1:1 the product has no `name` | add `name: …`"]
        );
    }

    #[test]
    fn a_repeated_key_names_both_lines() {
        let text = "name: A\nbrand: B\nusage:\n  frequency: daily\n  time: [am]\nbrand: C\n";
        assert_eq!(
            problems(text, product),
            ["6:1 `brand` appears twice (lines 2 and 6) | keep one of them; vial reads the first"]
        );
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(parse_number("2"), Some(2.0));
        assert_eq!(parse_number("-0.5"), Some(-0.5));
        assert_eq!(parse_number("1_000"), Some(1000.0));
        assert_eq!(parse_number("0.9%"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(leading_number("30 ml"), Some(30.0));
        assert_eq!(leading_number("2,5 %"), Some(2.5));
        assert_eq!(leading_number("lots"), None);
    }
}
