//! `vial serve` end to end: the real binary on a free port in a temp copy of
//! a fixture, spoken to over plain HTTP/1.1. Waits are bounded polls for an
//! outcome, never sleeps that assume how fast a machine is.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use std::{fs, thread};

use crate::common::{TestSite, picture, png_claiming};
use vial_build::BuildOptions;

/// How long any one outcome may take to show up.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running `vial serve`, killed on drop (also when a test panics).
struct Served {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Served {
    fn start(site: &TestSite) -> Served {
        Self::start_with(site, &[])
    }

    fn start_with(site: &TestSite, flags: &[&str]) -> Served {
        Self::launch(Command::new(env!("CARGO_BIN_EXE_vial")), site, flags)
    }

    /// Runs the server with at most `limit` open file descriptors, soft and
    /// hard: `ulimit -n` sets both, so vial cannot raise it.
    #[cfg(unix)]
    fn start_with_descriptor_limit(site: &TestSite, limit: u32) -> Served {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_vial"));
        Self::launch(command, site, &[])
    }

    /// `program` with the arguments of `vial serve` added.
    fn launch(mut program: Command, site: &TestSite, flags: &[&str]) -> Served {
        let port = free_port();
        let mut child = program
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(site.root())
            .args(flags)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vial serve");
        let log = Arc::new(Mutex::new(String::new()));
        collect(child.stdout.take(), &log);
        collect(child.stderr.take(), &log);
        let served = Served { child, port, log };
        served.wait_until("the server answers", || served.try_get("/").is_ok());
        served
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn try_get(&self, path: &str) -> std::io::Result<Response> {
        request(self.port, path)
    }

    fn get(&self, path: &str) -> Response {
        self.try_get(path)
            .unwrap_or_else(|e| panic!("GET {path}: {e}\n{}", self.log()))
    }

    /// The body of a page that must exist.
    fn page(&self, path: &str) -> String {
        let response = self.get(path);
        assert_eq!(response.status, 200, "GET {path}\n{}", self.log());
        response.body
    }

    /// Polls `done` until it holds; fails with the server's log after
    /// `PATIENCE`.
    fn wait_until(&self, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done() {
            if Instant::now() > deadline {
                panic!("gave up waiting for {what}; server log:\n{}", self.log());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn events(&self) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
            vial_serve::EVENTS_PATH
        )
        .unwrap();
        EventStream {
            stream,
            seen: String::new(),
            transcript: String::new(),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(from: Option<impl Read + Send + 'static>, log: &Arc<Mutex<String>>) {
    let Some(mut from) = from else { return };
    let log = log.clone();
    thread::spawn(move || {
        let mut buffer = [0; 4096];
        while let Ok(n @ 1..) = from.read(&mut buffer) {
            log.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
}

fn local(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The live-reload event stream, read as it arrives.
struct EventStream {
    stream: TcpStream,
    seen: String,
    /// Everything read, never drained.
    transcript: String,
}

impl EventStream {
    /// Reads until an event of `name` whose data contains every one of
    /// `parts` has arrived since the last call; returns its data.
    fn wait_for(&mut self, name: &str, parts: &[&str], served: &Served) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(data) = self.take_event(name, parts) {
                return data;
            }
            if Instant::now() > deadline {
                panic!(
                    "no `{name}` event with {parts:?}; stream so far:\n{}\nserver log:\n{}",
                    self.seen,
                    served.log()
                );
            }
            let mut buffer = [0; 4096];
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream closed\n{}", served.log()),
                Ok(n) => {
                    let text = String::from_utf8_lossy(&buffer[..n]);
                    self.seen.push_str(&text);
                    self.transcript.push_str(&text);
                }
                Err(_) => {} // read timeout: poll again
            }
        }
    }

    fn take_event(&mut self, name: &str, parts: &[&str]) -> Option<String> {
        let header = format!("event: {name}\ndata: ");
        let mut from = 0;
        while let Some(at) = self.seen[from..].find(&header) {
            let start = from + at + header.len();
            let end = start + self.seen[start..].find('\n')?;
            let data = self.seen[start..end].to_string();
            if parts.iter().all(|p| data.contains(p)) {
                self.seen.drain(..end);
                return Some(data);
            }
            from = end;
        }
        None
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One GET with the path sent exactly as given (no client-side cleanup of
/// `..`), over a fresh connection.
fn request(port: u16, path: &str) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&local(port), Duration::from_secs(10))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other(format!("no header end in {text:?}")))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line in {head:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut response = Response {
        status,
        headers,
        body: body.to_string(),
    };
    if response.header("transfer-encoding") == Some("chunked") {
        response.body = dechunk(&response.body);
    }
    Ok(response)
}

fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || after.len() < size {
            break;
        }
        body.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    body
}

fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read(path);
    assert!(text.contains(from), "{path} has no `{from}`");
    site.write(path, &text.replacen(from, to, 1));
}

/// Saves the way many editors do: write a temp file beside it, rename over.
fn atomic_save(site: &TestSite, path: &str, text: &str) {
    let target = site.root().join(path);
    let name = target.file_name().unwrap().to_string_lossy().into_owned();
    let temp = target.with_file_name(format!(".{name}.swp"));
    fs::write(&temp, text).unwrap();
    fs::rename(&temp, &target).unwrap();
}

const NEW_AMPOULE: &str = "name: Night Drops Ampoule
brand: Lumen Lab
category: ampoule
summary: A short night course.
specs:
  strength: low
usage:
  frequency: course of 7 days
  time: [pm]
  step: treat
";

#[test]
fn edits_and_deletions_reach_the_served_site() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    assert!(
        served
            .page("/products/boost-ampoule/")
            .contains("A five-day vitamin C course.")
    );

    edit(
        &site,
        "content/products/boost-ampoule.yaml",
        "A five-day vitamin C course.",
        "A seven-day vitamin C course.",
    );
    served.wait_until("the edit to show", || {
        served
            .page("/products/boost-ampoule/")
            .contains("A seven-day vitamin C course.")
    });

    site.write("content/products/night-drops.yaml", NEW_AMPOULE);
    served.wait_until("the new product in its category", || {
        served
            .page("/categories/ampoule/")
            .contains("Night Drops Ampoule")
    });
    site.remove("content/products/night-drops.yaml");
    served.wait_until("the deleted product to leave its category", || {
        !served
            .page("/categories/ampoule/")
            .contains("Night Drops Ampoule")
    });
    // A rebuild writes changed pages before it deletes stale ones.
    served.wait_until("the deleted product's page to go", || {
        served.get("/products/night-drops/").status == 404
    });
    assert!(!served.page("/products/").contains("Night Drops Ampoule"));
    assert!(
        served
            .log()
            .contains("changed: content/products/night-drops.yaml")
    );
}

#[test]
fn polling_sees_edits_and_new_folders_too() {
    let site = TestSite::fixture("basic");
    let served = Served::start_with(&site, &["--poll", "50"]);
    served.wait_until("the polling notice", || {
        served.log().contains("polling every 50 ms")
    });
    edit(
        &site,
        "content/products/daily-serum.yaml",
        "An everyday hydrating serum.",
        "Seen by polling.",
    );
    served.wait_until("the polled edit", || {
        served
            .page("/products/daily-serum/")
            .contains("Seen by polling.")
    });
    site.write("static/notes.txt", "plain text\n");
    served.wait_until("a file in a new folder", || {
        served.get("/notes.txt").status == 200
    });
    assert_eq!(
        served.get("/notes.txt").header("content-type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_reports_its_errors() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let mut events = served.events();
    events.wait_for("hello", &["generation"], &served);

    let path = "content/products/boost-ampoule.yaml";
    let good = site.read(path);
    site.write(path, &good.replace("name: Boost Ampoule", "name: [Boost"));
    let errors = events.wait_for(
        "errors",
        &[r#""path":"content/products/boost-ampoule.yaml","line":1,"column":7"#],
        &served,
    );
    assert!(errors.contains(r#""message":"#), "{errors}");
    assert!(
        served
            .page("/products/boost-ampoule/")
            .contains("Boost Ampoule")
    );
    // The terminal is read by another thread: it may lag the event stream.
    served.wait_until("the error in the terminal", || {
        served
            .log()
            .contains("content/products/boost-ampoule.yaml:1:7: error")
    });

    // A page opened now learns of the errors at once.
    let mut late = served.events();
    late.wait_for("errors", &["content/products/boost-ampoule.yaml"], &served);

    site.write(
        path,
        &good.replace("A five-day vitamin C course.", "Fixed and back."),
    );
    events.wait_for("reload", &["generation"], &served);
    assert!(
        served
            .page("/products/boost-ampoule/")
            .contains("Fixed and back.")
    );
    let mut after = served.events();
    after.wait_for("hello", &["generation"], &served);
    assert!(
        after.take_event("errors", &[]).is_none(),
        "errors survived the fix"
    );
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = TestSite::fixture("basic");
    let path = "content/products/boost-ampoule.yaml";
    let good = site.read(path);
    site.write(path, &good.replace("name: Boost Ampoule", "name: [Boost"));
    let served = Served::start(&site);
    let mut events = served.events();
    events.wait_for("errors", &[path], &served);
    assert_eq!(served.get("/").status, 404);
    assert!(served.get("/").body.contains(vial_serve::SCRIPT_PATH));

    site.write(path, &good);
    events.wait_for("reload", &["generation"], &served);
    assert!(
        served
            .page("/products/boost-ampoule/")
            .contains("Boost Ampoule")
    );
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let mut events = served.events();
    // A whole new folder: it gets watched as soon as it appears.
    site.write("static/extra.css", "body { color: black; }\n");
    served.wait_until("the new stylesheet", || {
        served.get("/extra.css").body.contains("color: black")
    });
    events.wait_for("reload", &[], &served);
    site.write("static/extra.css", "body { color: navy; }\n");
    events.wait_for("css", &["generation"], &served);
    let css = served.get("/extra.css");
    assert!(css.body.contains("navy"));
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsite.yaml",
        "/..%5csite.yaml",
        "//etc/passwd",
        "/products/../../site.yaml",
        "/.public.vial-staging/index.html",
    ] {
        let response = served.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(
            !response.body.contains("base_url"),
            "{path} leaked site.yaml"
        );
    }
    // A symlink inside the output that leads out of it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.root().join("site.yaml"),
            site.output().join("leak.yaml"),
        )
        .unwrap();
        assert_eq!(served.get("/leak.yaml").status, 404);
        std::os::unix::fs::symlink(site.root().join("content"), site.output().join("leak"))
            .unwrap();
        assert_eq!(served.get("/leak").status, 404);
        assert_eq!(served.get("/leak/").status, 404);
        assert_eq!(served.get("/leak/products/daily-serum.yaml").status, 404);
    }
}

#[test]
fn pages_content_types_and_not_found() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let home = served.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let folder = served.get("/products");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("/products/"));
    assert_eq!(
        served.get("/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    let missing = served.get("/products/no-such-thing/");
    assert_eq!(missing.status, 404);
    let not_found_page = fs::read_to_string(site.output().join("404.html")).unwrap();
    let title = not_found_page
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(
        missing.body.contains(title),
        "the site's 404.html is served"
    );
}

#[test]
fn the_reload_script_is_served_but_never_written() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let served_html = served.page("/products/boost-ampoule/");
    let on_disk =
        fs::read_to_string(site.output().join("products/boost-ampoule/index.html")).unwrap();
    let tag = format!("<script src=\"{}\"", vial_serve::SCRIPT_PATH);
    assert!(served_html.contains(&tag));
    assert!(served_html.find(&tag) < served_html.rfind("</body>"));
    assert!(!on_disk.contains(vial_serve::SCRIPT_PATH));
    assert!(!on_disk.contains("/.vial/"));
    let script = served.get(vial_serve::SCRIPT_PATH);
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    let _events = served.events();
    let status = Command::new("kill")
        .args(["-INT", &served.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + PATIENCE;
    let exit = loop {
        if let Some(exit) = served.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}\n{}", served.log());
    served.wait_until("the goodbye", || served.log().contains("stopping"));
}

/// The output's files with their bytes, sorted by path, without vial's
/// manifest (which holds modification times, so differs between two
/// folders), the manifest a rebuild may still be writing beside it, or the
/// memo a `vial build` leaves (and the preview does not).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let bytes = fs::read(e.path()).ok()?;
            Some((e.path().strip_prefix(dir).ok()?.to_path_buf(), bytes))
        })
        // vial's marker, and its own folders (spares kept between rebuilds).
        .filter(|(rel, _)| {
            let first = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            !first.starts_with(".vial-")
        })
        .collect();
    files.sort();
    files
}

fn describe_difference(a: &[(PathBuf, Vec<u8>)], b: &[(PathBuf, Vec<u8>)]) -> String {
    let names = |files: &[(PathBuf, Vec<u8>)]| -> Vec<PathBuf> {
        files.iter().map(|(p, _)| p.clone()).collect()
    };
    if names(a) != names(b) {
        return format!(
            "files differ:\nserved {:?}\nclean  {:?}",
            names(a),
            names(b)
        );
    }
    let differing: Vec<_> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.1 != y.1)
        .map(|(x, _)| x.0.clone())
        .collect();
    format!("contents differ: {differing:?}")
}

/// Makes `count` edits across products, a category and a guide, some as
/// atomic saves, with a product created and deleted on the way; waits
/// `pause(i)` after edit `i`. The last edit of boost-ampoule says
/// `Edit 195.` for 200 edits.
fn edit_many(site: &TestSite, count: usize, pause: fn(usize) -> Duration) {
    let files = [
        (
            "content/products/boost-ampoule.yaml",
            "A five-day vitamin C course.",
        ),
        (
            "content/products/daily-serum.yaml",
            "An everyday hydrating serum.",
        ),
        (
            "content/products/meso-ampoule.yaml",
            "Goes on last, over moisturizer.",
        ),
        ("content/categories/serum.yaml", "Daily treatment."),
        ("content/guides/basics.md", "A serum is the treatment step."),
    ];
    let originals: Vec<String> = files.iter().map(|(path, _)| site.read(path)).collect();
    for i in 0..count {
        let (path, anchor) = files[i % files.len()];
        let text = originals[i % files.len()].replacen(anchor, &format!("{anchor} Edit {i}."), 1);
        if i % 3 == 0 {
            atomic_save(site, path, &text);
        } else {
            site.write(path, &text);
        }
        match i % 50 {
            10 => {
                site.write("content/products/night-drops.yaml", NEW_AMPOULE);
            }
            40 => {
                site.remove("content/products/night-drops.yaml");
            }
            _ => {}
        }
        thread::sleep(pause(i));
    }
    site.write("content/products/night-drops.yaml", NEW_AMPOULE);
}

/// Waits until the served output equals, byte for byte, a clean build of
/// the files as they are now into another folder.
fn assert_settles_on_clean_build(site: &TestSite, served: &Served) {
    let clean_dir = tempfile::tempdir().unwrap();
    let clean_output = clean_dir.path().join("public");
    // The preview server publishes assets under their own names.
    let options = BuildOptions {
        output: Some(clean_output.clone()),
        plain_asset_names: true,
        ..BuildOptions::new(site.root())
    };
    vial_build::build(&options).unwrap_or_else(|e| panic!("clean build failed:\n{}", e.problems));
    let clean = snapshot(&clean_output);
    assert!(!clean.is_empty());
    let deadline = Instant::now() + PATIENCE * 3;
    loop {
        let served_files = snapshot(&site.output());
        if served_files == clean {
            break;
        }
        if Instant::now() > deadline {
            panic!(
                "the served output never matched a clean build: {}\nserver log:\n{}",
                describe_difference(&served_files, &clean),
                served.log()
            );
        }
        thread::sleep(Duration::from_millis(100));
    }
    let rebuilds = served.log().matches("\nrebuilt ").count();
    eprintln!("{rebuilds} rebuilds");
}

#[test]
fn two_hundred_rapid_edits_settle_on_a_clean_build() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    edit_many(&site, 200, |_| Duration::ZERO);
    assert_settles_on_clean_build(&site, &served);
    assert!(
        served
            .page("/products/boost-ampoule/")
            .contains("Edit 195.")
    );
}

#[test]
fn edits_made_while_rebuilds_run_settle_on_a_clean_build() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    // Uneven pauses, so saves land before, during and after rebuilds.
    edit_many(&site, 200, |i| Duration::from_millis((i as u64 * 37) % 23));
    assert_settles_on_clean_build(&site, &served);
    assert!(
        served
            .page("/products/boost-ampoule/")
            .contains("Edit 195.")
    );
}

#[test]
fn a_template_saved_while_the_build_is_broken_applies_once_fixed() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let mut events = served.events();
    let product = "content/products/boost-ampoule.yaml";
    let good = site.read(product);
    site.write(
        product,
        &good.replace("name: Boost Ampoule", "name: [Boost"),
    );
    events.wait_for("errors", &[product], &served);

    let theme_base =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html");
    let base = fs::read_to_string(theme_base).unwrap();
    assert!(base.contains("</body>"));
    site.write(
        "templates/base.html",
        &base.replace("</body>", "<p id=\"override\">From the site</p></body>"),
    );
    // Still broken: this rebuild fails too.
    events.wait_for("errors", &[product], &served);

    site.write(product, &good);
    events.wait_for("reload", &["generation"], &served);
    assert!(
        served
            .page("/products/boost-ampoule/")
            .contains("From the site")
    );
    assert_settles_on_clean_build(&site, &served);
}

#[test]
fn picture_edits_settle_on_a_clean_build() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let mut events = served.events();
    let product = "content/products/daily-serum.yaml";
    site.write_bytes("content/products/daily.png", &picture(500, 400, "png", 1));
    let text = site.read(product);
    site.write(
        product,
        &text.replacen(
            "summary:",
            "image: {src: daily.png, alt: A bottle}\nsummary:",
            1,
        ),
    );
    events.wait_for("reload", &["generation"], &served);
    let page = served.page("/products/daily-serum/");
    let src = page
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no picture on the page:\n{page}"))
        .replace("&#x2F;", "/");
    let variant = served.get(&src);
    assert_eq!(variant.status, 200, "GET {src}");
    assert_eq!(variant.header("content-type"), Some("image/png"));

    // A picture saved over, as an editor does, and one saved broken.
    let repainted = picture(500, 400, "png", 2);
    let temp = site.root().join("content/products/.daily.png.tmp");
    fs::write(&temp, &repainted).unwrap();
    fs::rename(&temp, site.root().join("content/products/daily.png")).unwrap();
    assert_settles_on_clean_build(&site, &served);
    site.write("content/products/daily.png", "not a picture");
    events.wait_for("errors", &[product], &served);
    site.write_bytes("content/products/daily.png", &picture(500, 400, "png", 3));
    events.wait_for("reload", &["generation"], &served);
    assert!(!served.page("/products/daily-serum/").contains(&src));
    assert_settles_on_clean_build(&site, &served);
}

#[cfg(unix)]
#[test]
fn hidden_files_of_the_output_are_not_served_through_symlinks() {
    use std::os::unix::fs::symlink;
    const SECRET: &str = "hidden-secret-3f9c";
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let output = site.output();
    fs::write(output.join(".hidden-secret"), SECRET).unwrap();
    fs::create_dir(output.join(".hidden-folder")).unwrap();
    fs::write(output.join(".hidden-folder/index.html"), SECRET).unwrap();
    fs::write(output.join(".hidden-folder/notes.txt"), SECRET).unwrap();
    symlink(".hidden-secret", output.join("to-hidden.txt")).unwrap();
    symlink(".hidden-folder", output.join("to-hidden-folder")).unwrap();
    symlink(".hidden-folder/notes.txt", output.join("deep.txt")).unwrap();
    symlink("../.hidden-folder", output.join("products/up-to-hidden")).unwrap();
    for path in [
        "/to-hidden.txt",
        "/to-hidden-folder",
        "/to-hidden-folder/",
        "/to-hidden-folder/notes.txt",
        "/deep.txt",
        "/products/up-to-hidden/",
    ] {
        let response = served.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(
            !response.body.contains(SECRET),
            "{path} leaked a hidden file"
        );
    }
    // The not-found page is refused the same way.
    fs::remove_file(output.join("404.html")).unwrap();
    symlink(".hidden-secret", output.join("404.html")).unwrap();
    let missing = served.get("/no-such-page");
    assert_eq!(missing.status, 404);
    assert!(
        !missing.body.contains(SECRET),
        "404.html led to a hidden file"
    );
}

#[test]
fn editor_leftovers_trigger_no_rebuild() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let leftovers = [
        "#boost-ampoule.yaml#",
        ".#boost-ampoule.yaml",
        "boost-ampoule.yaml___jb_tmp___",
        "boost-ampoule.yaml___jb_old___",
        ".boost-ampoule.yaml.swp",
        "boost-ampoule.yaml~",
        ".boost-ampoule.yaml.kate-swp",
        "4913",
    ];
    for name in leftovers {
        site.write(&format!("content/products/{name}"), "leftover\n");
    }
    // Events arrive in order: once this edit's rebuild is reported, every
    // leftover has been seen and, if it counted, reported before it.
    edit(
        &site,
        "content/products/daily-serum.yaml",
        "An everyday hydrating serum.",
        "Edited after the leftovers.",
    );
    served.wait_until("the rebuild of the edit", || {
        served
            .log()
            .contains("rebuilt content/products/daily-serum.yaml:")
    });
    let log = served.log();
    for name in leftovers {
        assert!(!log.contains(name), "{name} was taken for a source:\n{log}");
    }
}

#[test]
fn a_save_written_in_two_chunks_never_shows_an_error() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let mut events = served.events();
    events.wait_for("hello", &["generation"], &served);
    let path = "content/products/boost-ampoule.yaml";
    let good = site.read(path);
    for round in 0..3 {
        let marker = format!("Saved in two chunks, round {round}.");
        let text = good.replace("A five-day vitamin C course.", &marker);
        // The first chunk stops inside a flow sequence: it cannot parse.
        let cut = text.find("[dullness]").unwrap() + "[dull".len();
        let (head, tail) = text.as_bytes().split_at(cut);
        let mut file = fs::File::create(site.root().join(path)).unwrap();
        file.write_all(head).unwrap();
        thread::sleep(Duration::from_millis(20));
        file.write_all(tail).unwrap();
        drop(file);
        events.wait_for("reload", &["generation"], &served);
        served.wait_until("the whole save to show", || {
            served.page("/products/boost-ampoule/").contains(&marker)
        });
    }
    // Once the last rebuild is in the log, so is anything printed before it.
    served.wait_until("every rebuild in the log", || {
        served.log().matches("\nrebuilt ").count() >= 3
    });
    let log = served.log();
    assert!(
        !log.contains("error") && !log.contains("rebuild failed"),
        "the terminal showed a half-written save:\n{log}"
    );
    assert!(
        !events.transcript.contains("event: errors"),
        "the pages showed a half-written save:\n{}",
        events.transcript
    );
}

/// A connection that has sent part of a request header and nothing more.
fn half_request(port: u16) -> std::io::Result<TcpStream> {
    let mut stream = TcpStream::connect_timeout(&local(port), Duration::from_secs(2))?;
    // The server may already have closed it to make room; that is its right.
    let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ");
    Ok(stream)
}

#[test]
fn a_half_sent_request_is_closed_in_time() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let mut stream = half_request(served.port).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut answer = Vec::new();
    if let Err(e) = stream.read_to_end(&mut answer) {
        // Reset is a close too; a timeout means the server still holds it.
        assert!(
            !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "a half-sent request was still open after {PATIENCE:?}"
        );
    }
}

/// The test opens more sockets than a soft limit of 1024 allows.
#[cfg(unix)]
fn raise_own_descriptor_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: two system calls on a struct owned here.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

#[cfg(unix)]
#[test]
fn half_sent_requests_cannot_starve_the_preview() {
    const LIMIT: u32 = 256;
    let site = TestSite::fixture("basic");
    let served = Served::start_with_descriptor_limit(&site, LIMIT);
    let mut pages: Vec<EventStream> = (0..40).map(|_| served.events()).collect();
    for page in &mut pages {
        page.wait_for("hello", &["generation"], &served);
    }

    raise_own_descriptor_limit();
    let mut flood = Vec::new();
    for _ in 0..1000 {
        match half_request(served.port) {
            Ok(stream) => flood.push(stream),
            Err(_) => break,
        }
    }
    served.wait_until("an answer during the flood", || {
        served.try_get("/").is_ok_and(|r| r.status == 200)
    });
    edit(
        &site,
        "content/products/boost-ampoule.yaml",
        "A five-day vitamin C course.",
        "Rebuilt during the flood.",
    );
    served.wait_until("a rebuild during the flood", || {
        served
            .try_get("/products/boost-ampoule/")
            .is_ok_and(|r| r.body.contains("Rebuilt during the flood."))
    });
    // The open pages kept their live-reload streams.
    for page in &mut pages {
        page.wait_for("reload", &["generation"], &served);
    }
    assert!(
        flood.len() > 2 * LIMIT as usize,
        "only {} connections opened",
        flood.len()
    );
    assert!(
        !served.log().contains("Too many open files"),
        "{}",
        served.log()
    );
}

#[cfg(unix)]
#[test]
fn more_event_streams_than_the_cap_close_the_oldest_and_the_preview_answers() {
    let site = TestSite::fixture("basic");
    // Under 256 descriptors the cap is 96 connections.
    let served = Served::start_with_descriptor_limit(&site, 256);
    let mut pages: Vec<EventStream> = (0..150).map(|_| served.events()).collect();
    let newest = pages.last_mut().unwrap();
    newest.wait_for("hello", &["generation"], &served);
    served.wait_until("an answer with every connection streaming", || {
        served.try_get("/").is_ok_and(|r| r.status == 200)
    });
    edit(
        &site,
        "content/products/daily-serum.yaml",
        "An everyday hydrating serum.",
        "Heard by the newest page.",
    );
    newest.wait_for("reload", &["generation"], &served);
    assert!(
        !served.log().contains("Too many open files"),
        "{}",
        served.log()
    );
}

#[test]
fn a_hundred_open_pages_all_hear_the_reload() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site);
    let mut pages: Vec<EventStream> = (0..100).map(|_| served.events()).collect();
    for page in &mut pages {
        page.wait_for("hello", &["generation"], &served);
    }
    assert_eq!(served.get("/").status, 200);
    edit(
        &site,
        "content/products/daily-serum.yaml",
        "An everyday hydrating serum.",
        "Heard by a hundred pages.",
    );
    for page in &mut pages {
        page.wait_for("reload", &["generation"], &served);
    }
}

/// The hostile and careless inputs of tests/bounds.rs, saved one after the
/// other while `vial serve --force` runs: the server stays up, shows each
/// error, keeps serving the last good site, deletes nothing of the sources,
/// and recovers when the file is put back.
#[test]
fn the_preview_survives_every_hostile_input_and_shows_its_error() {
    let site = TestSite::fixture("basic");
    site.write("i18n/en.yaml", "site:\n  search: Find\n");
    let served = Served::start_with(&site, &["--force"]);
    let mut events = served.events();
    events.wait_for("hello", &["generation"], &served);
    let product = "content/products/meso-ampoule.yaml";
    let good = site.read(product);
    let config = site.read("site.yaml");
    let with_image =
        |file: &str| format!("{}\nimage: {{src: {file}, alt: A vial}}\n", good.trim_end());
    let half_jpeg = {
        let whole = picture(300, 200, "jpg", 7);
        whole[..whole.len() / 2].to_vec()
    };
    site.write_bytes("content/products/bomb.png", &png_claiming(100_000, 100_000));
    site.write_bytes("content/products/half.jpg", &half_jpeg);
    let long_term = good.replace("[Dullness]", &format!("[{}]", "Dull ".repeat(60)));
    let huge = format!("{good}description: {}\n", "word ".repeat(2_200_000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            product,
            with_image("bomb.png").into(),
            "16383 pixels on a side",
        ),
        (product, with_image("half.jpg").into(), "cut off"),
        (product, long_term.into(), "vial allows 120"),
        (product, huge.into(), "more than the 10 MB"),
        (product, b"name: Caf\xe9\n".to_vec(), "not UTF-8 text"),
        (
            "site.yaml",
            config
                .replace("https://example.org", "https://notes.test/#frag")
                .into(),
            "cannot be the site's address",
        ),
        (
            "site.yaml",
            format!("{config}output: i18n\n").into(),
            "is `i18n/`",
        ),
    ];
    for (path, text, expected) in cases {
        let restore = site.read(path);
        fs::write(site.root().join(path), text).unwrap();
        events.wait_for("errors", &[expected], &served);
        assert!(
            served
                .page("/products/meso-ampoule/")
                .contains("Lastlight Ampoule")
        );
        site.write(path, &restore);
        events.wait_for("reload", &["generation"], &served);
    }
    assert_eq!(site.read("i18n/en.yaml"), "site:\n  search: Find\n");
    // Put back, the site is what a clean build makes, search index and all.
    fs::remove_file(site.root().join("content/products/bomb.png")).unwrap();
    fs::remove_file(site.root().join("content/products/half.jpg")).unwrap();
    assert_settles_on_clean_build(&site, &served);
}
