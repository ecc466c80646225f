//! Live reload: what the open pages are told after each rebuild, and the
//! script that listens.
//!
//! The rebuild loop reports here only once a rebuild has finished writing
//! (`published`) or has failed (`failed`); the server streams those notices
//! to every page over server-sent events on `EVENTS_PATH`. Each published
//! rebuild gets a new generation number, stamped into the script tag of
//! every served page, so a page that missed a notice (it loaded during a
//! rebuild, or connected late) still learns that it is stale as soon as it
//! connects. The script is added to HTML at response time only: nothing here
//! writes to disk, and `vial build` output never contains it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use tokio::sync::broadcast;

use vial_base::diagnostic::{Diagnostics, Severity};

/// Where pages listen. Vial never writes hidden files to the output, so a
/// path starting with `/.vial/` cannot collide with site content.
pub const EVENTS_PATH: &str = "/.vial/events";
/// Where the script is served from.
pub const SCRIPT_PATH: &str = "/.vial/live.js";
/// The script itself.
pub const SCRIPT: &str = include_str!("live.js");

/// What the pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Sent first to every page that connects.
    Hello { generation: u64 },
    /// New output is in place: reload.
    Reload { generation: u64 },
    /// Only stylesheets changed: swap them without a reload.
    Styles { generation: u64 },
    /// The last rebuild failed: show these diagnostics (JSON).
    Errors(Arc<str>),
}

impl Notice {
    /// The SSE event name and its data.
    pub fn event(&self, instance: &str) -> (&'static str, String) {
        let stamp = |name, generation| {
            let data = serde_json::json!({ "instance": instance, "generation": generation });
            (name, data.to_string())
        };
        match self {
            Notice::Hello { generation } => stamp("hello", *generation),
            Notice::Reload { generation } => stamp("reload", *generation),
            Notice::Styles { generation } => stamp("css", *generation),
            Notice::Errors(json) => ("errors", json.to_string()),
        }
    }
}

/// What a finished rebuild changed, for the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// No output file changed.
    Nothing,
    /// Only stylesheets changed.
    Styles,
    /// Anything else.
    Pages,
}

struct State {
    generation: u64,
    errors: Option<Arc<str>>,
}

/// The live-reload channel shared by the rebuild loop and the server.
pub struct Live {
    sender: broadcast::Sender<Notice>,
    state: Mutex<State>,
    /// Tells a page whether it came from this run of the server: after a
    /// restart, generations start over.
    instance: String,
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Live {
    pub fn new() -> Self {
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        Self {
            // Pages only ever need the latest notices; a slow one that lags
            // is sent a fresh hello instead.
            sender: broadcast::channel(16).0,
            state: Mutex::new(State {
                generation: 1,
                errors: None,
            }),
            instance: started.to_string(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The generation of the output now in place. Read it before reading a
    /// page: a page stamped older than its content only reloads once more.
    pub fn generation(&self) -> u64 {
        self.state().generation
    }

    /// A rebuild succeeded and its files are all written.
    pub fn published(&self, refresh: Refresh) {
        let mut state = self.state();
        let had_errors = state.errors.take().is_some();
        let notice = match (refresh, had_errors) {
            (Refresh::Nothing, false) => return,
            (Refresh::Styles, false) => Notice::Styles {
                generation: state.generation + 1,
            },
            _ => Notice::Reload {
                generation: state.generation + 1,
            },
        };
        state.generation += 1;
        // No page listening is not an error.
        let _ = self.sender.send(notice);
    }

    /// A rebuild failed; the last good output stays in place.
    pub fn failed(&self, problems: &Diagnostics) {
        let json: Arc<str> = errors_json(problems).into();
        self.state().errors = Some(json.clone());
        let _ = self.sender.send(Notice::Errors(json));
    }

    /// A new listener, and what it must be told first.
    pub fn subscribe(&self) -> (broadcast::Receiver<Notice>, Vec<Notice>) {
        // Under the lock, so no notice falls between the greeting and the
        // subscription.
        let state = self.state();
        let receiver = self.sender.subscribe();
        let mut greeting = vec![Notice::Hello {
            generation: state.generation,
        }];
        greeting.extend(state.errors.clone().map(Notice::Errors));
        (receiver, greeting)
    }
}

#[derive(Serialize)]
struct ErrorsView<'a> {
    count: usize,
    diagnostics: Vec<DiagnosticView<'a>>,
}

/// One diagnostic as the overlay shows it.
#[derive(Serialize)]
struct DiagnosticView<'a> {
    severity: &'static str,
    path: String,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
    snippet: Option<&'a str>,
}

/// The diagnostics as JSON for the overlay. The page inserts every field as
/// text, never as HTML.
pub fn errors_json(problems: &Diagnostics) -> String {
    let view = ErrorsView {
        count: problems.error_count(),
        diagnostics: problems
            .iter()
            .map(|d| DiagnosticView {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                path: d.location.path.to_string_lossy().replace('\\', "/"),
                line: d.location.line,
                column: d.location.column,
                message: &d.message,
                help: d.help.as_deref(),
                snippet: d.snippet.as_ref().map(|s| s.text.as_str()),
            })
            .collect(),
    };
    serde_json::to_string(&view).unwrap_or_else(|_| r#"{"count":0,"diagnostics":[]}"#.into())
}

/// `html` with the live-reload script tag before its last `</body>`, or at
/// the end when it has none.
pub fn inject_script(html: &str, generation: u64, instance: &str) -> String {
    let tag = format!(
        r#"<script src="{SCRIPT_PATH}" data-generation="{generation}" data-instance="{instance}"></script>"#
    );
    // ASCII lowercasing keeps byte offsets.
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(&tag);
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use vial_base::diagnostic::{Code, Diagnostic, Location, SourceFile};

    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let html = "<html><body><p>`</body>` in text</p></BODY></html>";
        let out = inject_script(html, 3, "9");
        assert_eq!(
            out,
            "<html><body><p>`</body>` in text</p><script src=\"/.vial/live.js\" data-generation=\"3\" data-instance=\"9\"></script></BODY></html>"
        );
    }

    #[test]
    fn html_without_a_body_gets_the_script_at_the_end() {
        let out = inject_script("<p>hi</p>", 1, "9");
        assert!(out.starts_with("<p>hi</p><script src=\"/.vial/live.js\""));
    }

    #[test]
    fn errors_json_keeps_location_message_and_help_as_plain_strings() {
        let file = SourceFile::new("content/products/a.yaml", "name: <b>\n");
        let problems = Diagnostics(vec![
            file.error(Code::Io, file.location(1, 7), "bad <b>")
                .with_help("use \"quotes\""),
            Diagnostic::error(Code::Io, Location::file("site.yaml"), "missing"),
        ]);
        let json: serde_json::Value = serde_json::from_str(&errors_json(&problems)).unwrap();
        assert_eq!(json["count"], 2);
        let first = &json["diagnostics"][0];
        assert_eq!(first["path"], "content/products/a.yaml");
        assert_eq!(first["line"], 1);
        assert_eq!(first["column"], 7);
        assert_eq!(first["message"], "bad <b>");
        assert_eq!(first["help"], "use \"quotes\"");
        assert_eq!(first["snippet"], "name: <b>");
        assert_eq!(json["diagnostics"][1]["help"], serde_json::Value::Null);
    }

    #[test]
    fn a_failed_rebuild_greets_new_pages_with_its_errors_until_one_succeeds() {
        let live = Live::new();
        live.failed(&Diagnostics(vec![Diagnostic::error(
            Code::Io,
            Location::file("site.yaml"),
            "broken",
        )]));
        let (_, greeting) = live.subscribe();
        assert_eq!(greeting.len(), 2);
        assert!(matches!(&greeting[1], Notice::Errors(json) if json.contains("broken")));
        live.published(Refresh::Nothing);
        let (_, greeting) = live.subscribe();
        assert_eq!(greeting, vec![Notice::Hello { generation: 2 }]);
    }

    #[test]
    fn publishing_tells_listeners_after_the_fact_and_skips_no_ops() {
        let live = Live::new();
        let (mut receiver, _) = live.subscribe();
        live.published(Refresh::Nothing);
        live.published(Refresh::Styles);
        live.published(Refresh::Pages);
        assert_eq!(receiver.try_recv(), Ok(Notice::Styles { generation: 2 }));
        assert_eq!(receiver.try_recv(), Ok(Notice::Reload { generation: 3 }));
        assert!(receiver.try_recv().is_err());
        assert_eq!(live.generation(), 3);
    }
}
