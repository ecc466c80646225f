//! The HTTP side of `vial serve`: files of the output folder, the live-reload
//! script and its event stream.
//!
//! In: a request path. Out: a file of the output folder, a redirect, or the
//! site's `404.html` with status 404. It serves nothing outside the output
//! folder: `..`, encoded separators and dots, hidden names, absolute paths,
//! symlinks that lead out and symlinks that lead to a hidden name inside all
//! get the 404. HTML gets the live-reload script on its way out; files on
//! disk are never changed.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{Stream, StreamExt, stream};
use percent_encoding::percent_decode_str;
use tokio::sync::{broadcast, watch};
use tower_http::set_header::SetResponseHeaderLayer;

use super::live::{EVENTS_PATH, Live, Notice, SCRIPT, SCRIPT_PATH, inject_script};

/// The folder being served and the URL path it lives under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFolder {
    pub output: PathBuf,
    /// `base_path` of site.yaml: `/`, or `/docs/` for a site below a root.
    pub base_path: String,
}

/// What the rebuild loop and the server share.
pub struct Preview {
    pub live: Live,
    folder: RwLock<SiteFolder>,
}

impl Preview {
    pub fn new(folder: SiteFolder) -> Self {
        Self {
            live: Live::new(),
            folder: RwLock::new(folder),
        }
    }

    pub fn folder(&self) -> SiteFolder {
        self.folder
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// After site.yaml moved the output or the base path.
    pub fn set_folder(&self, folder: SiteFolder) {
        *self.folder.write().unwrap_or_else(PoisonError::into_inner) = folder;
    }
}

#[derive(Clone)]
struct App {
    preview: Arc<Preview>,
    shutdown: watch::Receiver<bool>,
}

/// The routes. Event streams end when `shutdown` turns true, so a graceful
/// shutdown does not wait on open pages.
pub fn router(preview: Arc<Preview>, shutdown: watch::Receiver<bool>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(file)
        .with_state(App { preview, shutdown })
        // A preview must never show a cached page from before a rebuild.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let live = &app.preview.live;
    let (receiver, greeting) = live.subscribe();
    let instance = live.instance().to_string();
    let stream = stream::iter(greeting)
        .chain(later_notices(app.preview.clone(), receiver, app.shutdown))
        .map(move |notice| {
            let (name, data) = notice.event(&instance);
            Ok(Event::default().event(name).data(data))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Notices as they come, until the server shuts down.
fn later_notices(
    preview: Arc<Preview>,
    receiver: broadcast::Receiver<Notice>,
    shutdown: watch::Receiver<bool>,
) -> impl Stream<Item = Notice> {
    stream::unfold((receiver, shutdown), move |(mut receiver, mut shutdown)| {
        let preview = preview.clone();
        async move {
            let notice = tokio::select! {
                _ = shutdown.wait_for(|stop| *stop) => return None,
                received = receiver.recv() => match received {
                    Ok(notice) => notice,
                    // Missed some: a fresh hello tells the page if it is stale.
                    Err(broadcast::error::RecvError::Lagged(_)) => Notice::Hello {
                        generation: preview.live.generation(),
                    },
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            };
            Some((notice, (receiver, shutdown)))
        }
    })
}

async fn file(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    // Before reading any file: see `Live::generation`.
    let generation = app.preview.live.generation();
    let folder = app.preview.folder();
    let found = match request_target(uri.path(), &folder.base_path) {
        Some(Target::Redirect(to)) => return redirect(&to, uri.query()),
        Some(Target::File {
            segments,
            folder: f,
        }) => locate(&folder.output, &segments, f).await,
        None => Found::Missing,
    };
    let live = &app.preview.live;
    match found {
        Found::File(path) => match send_file(&path, StatusCode::OK, generation, live).await {
            Some(response) => response,
            None => not_found(&folder.output, generation, live).await,
        },
        Found::Folder => redirect(&format!("{}/", uri.path()), uri.query()),
        Found::Missing => not_found(&folder.output, generation, live).await,
    }
}

fn redirect(path: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    match HeaderValue::from_str(&location) {
        Ok(value) => (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, value)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Path segments below the output; `folder` when the path ends in `/`.
    File { segments: Vec<String>, folder: bool },
    /// The site lives below a base path; send the browser there.
    Redirect(String),
}

/// Checks a request path (still percent-encoded) segment by segment. `None`
/// for anything that could leave the output folder or name a hidden file.
fn request_target(path: &str, base_path: &str) -> Option<Target> {
    let Some(rest) = path.strip_prefix(base_path) else {
        let bare_base = base_path.trim_end_matches('/');
        return (path == "/" || path == bare_base).then(|| Target::Redirect(base_path.into()));
    };
    let folder = rest.is_empty() || rest.ends_with('/');
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Some(Target::File {
            segments: Vec::new(),
            folder,
        });
    }
    let segments = rest
        .split('/')
        .map(decode_segment)
        .collect::<Option<Vec<String>>>()?;
    Some(Target::File { segments, folder })
}

/// One decoded segment, refused when empty (`//`), hidden or a dot
/// segment (`.`, `..`, `%2e%2e`), or when it hides a separator (`%2f`,
/// `%5c`), a drive (`c:`) or a NUL.
fn decode_segment(raw: &str) -> Option<String> {
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let refused =
        decoded.is_empty() || decoded.starts_with('.') || decoded.contains(['/', '\\', ':', '\0']);
    (!refused).then(|| decoded.into_owned())
}

/// Where a checked request leads on disk.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Folder,
    Missing,
}

/// Finds the file for `segments` below `output`: a folder's `index.html`,
/// and only what really (symlinks resolved) is a file inside the output.
async fn locate(output: &Path, segments: &[String], wants_folder: bool) -> Found {
    let Ok(root) = tokio::fs::canonicalize(output).await else {
        return Found::Missing;
    };
    let asked = segments.iter().fold(root.clone(), |p, s| p.join(s));
    let Some((real, meta)) = inside(&root, &asked).await else {
        return Found::Missing;
    };
    if meta.is_file() && !wants_folder {
        return Found::File(real);
    }
    if !meta.is_dir() {
        return Found::Missing;
    }
    if !wants_folder && !segments.is_empty() {
        return Found::Folder;
    }
    match inside(&root, &real.join("index.html")).await {
        Some((index, meta)) if meta.is_file() => Found::File(index),
        _ => Found::Missing,
    }
}

/// The real path of `path` and what it is, if it exists inside `root` and
/// is not hidden there. Checking the real path, not the asked one, refuses a
/// symlink with a plain name that leads to a hidden file.
async fn inside(root: &Path, path: &Path) -> Option<(PathBuf, std::fs::Metadata)> {
    let real = tokio::fs::canonicalize(path).await.ok()?;
    if !visible_below(root, &real) {
        return None;
    }
    let meta = tokio::fs::metadata(&real).await.ok()?;
    Some((real, meta))
}

/// Whether `real` lies inside `root` with no hidden name on the way down.
/// Names above `root` do not count: a temp folder may well be hidden.
fn visible_below(root: &Path, real: &Path) -> bool {
    real.strip_prefix(root).is_ok_and(|below| {
        below.components().all(|c| match c {
            Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        })
    })
}

/// The file's bytes with its content type; HTML gets the live-reload
/// script. `None` when it cannot be read.
async fn send_file(
    path: &Path,
    status: StatusCode,
    generation: u64,
    live: &Live,
) -> Option<Response> {
    let bytes = tokio::fs::read(path).await.ok()?;
    let kind = content_type(path);
    let body = if is_html(path) {
        let html = String::from_utf8_lossy(&bytes);
        inject_script(&html, generation, live.instance()).into_bytes()
    } else {
        bytes
    };
    Some((status, [(header::CONTENT_TYPE, kind)], body).into_response())
}

/// The site's `404.html` with status 404, or a plain page when it has none.
async fn not_found(output: &Path, generation: u64, live: &Live) -> Response {
    let page = ["404.html".to_string()];
    if let Found::File(path) = locate(output, &page, false).await
        && let Some(response) = send_file(&path, StatusCode::NOT_FOUND, generation, live).await
    {
        return response;
    }
    let html = inject_script(
        "<!doctype html><title>Not found</title><h1>404: not found</h1>\
         <p>vial serve: no such page in the output folder.</p>",
        generation,
        live.instance(),
    );
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8".to_string())],
        html,
    )
        .into_response()
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The content type for a file name; text types say UTF-8, which vial
/// writes.
fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.essence_str(),
            "application/javascript" | "application/json" | "application/xml" | "image/svg+xml"
        );
    if textual && mime.get_param(mime_guess::mime::CHARSET).is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(segments: &[&str], folder: bool) -> Option<Target> {
        Some(Target::File {
            segments: segments.iter().map(|s| s.to_string()).collect(),
            folder,
        })
    }

    #[test]
    fn plain_paths_become_segments() {
        assert_eq!(request_target("/", "/"), file(&[], true));
        assert_eq!(
            request_target("/products/a/", "/"),
            file(&["products", "a"], true)
        );
        assert_eq!(
            request_target("/style.css", "/"),
            file(&["style.css"], false)
        );
        assert_eq!(
            request_target("/products/a", "/"),
            file(&["products", "a"], false)
        );
        assert_eq!(
            request_target("/img/caf%C3%A9%20au%20lait.png", "/"),
            file(&["img", "café au lait.png"], false)
        );
    }

    #[test]
    fn traversal_in_any_spelling_is_refused() {
        for path in [
            "/../site.yaml",
            "/a/../../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/.%2e/site.yaml",
            "/..%2fsite.yaml",
            "/..%2Fsite.yaml",
            "/..%5csite.yaml",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/c:/windows",
            "/./index.html",
            "/a%00b",
            "/products//a/",
            "/%ff",
        ] {
            assert_eq!(request_target(path, "/"), None, "{path}");
        }
    }

    #[test]
    fn hidden_files_are_never_served() {
        assert_eq!(request_target("/.public.vial-tmp", "/"), None);
        assert_eq!(request_target("/products/.index.html.vial-tmp", "/"), None);
    }

    #[test]
    fn only_real_paths_without_hidden_names_below_the_root_are_served() {
        let root = Path::new("/tmp/.tmpAbc/public");
        assert!(visible_below(root, &root.join("products/a/index.html")));
        assert!(visible_below(root, root));
        for hidden in [
            ".hidden-secret",
            ".hidden-folder/index.html",
            "products/.git/config",
            "products/a/.index.html.vial-tmp",
        ] {
            assert!(!visible_below(root, &root.join(hidden)), "{hidden}");
        }
        assert!(!visible_below(root, Path::new("/tmp/.tmpAbc/site.yaml")));
    }

    #[test]
    fn a_site_below_a_base_path_is_served_there() {
        assert_eq!(
            request_target("/docs/products/", "/docs/"),
            file(&["products"], true)
        );
        assert_eq!(request_target("/docs/", "/docs/"), file(&[], true));
        assert_eq!(
            request_target("/", "/docs/"),
            Some(Target::Redirect("/docs/".into()))
        );
        assert_eq!(
            request_target("/docs", "/docs/"),
            Some(Target::Redirect("/docs/".into()))
        );
        assert_eq!(request_target("/other/", "/docs/"), None);
    }

    #[test]
    fn content_types_follow_the_extension() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("vial.js", "text/javascript; charset=utf-8"),
            ("feed.xml", "text/xml; charset=utf-8"),
            ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("photo.png", "image/png"),
            ("font.woff2", "font/woff2"),
            ("data.bin", "application/octet-stream"),
        ];
        for (name, expected) in cases {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }
}
