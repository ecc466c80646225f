//! `vial serve`: a local preview that rebuilds on change and reloads the
//! browser. Outside the core pipeline; it drives it through
//! `incremental::Session`.
//!
//! 1. `watch` reports raw file-system events from the site's folders.
//! 2. `classify` keeps those that name a source, relative to the root.
//! 3. `rebuild` runs one rebuild per drained batch on its own thread, prints
//!    a line for it, and only then tells `live` what changed.
//! 4. `server` serves the output folder over HTTP, adds the live-reload
//!    script to HTML on the way out, and streams `live`'s notices to pages.
//! 5. `accept` holds the connections to it: a header timeout, and a cap
//!    from `connections` that keeps file descriptors free for rebuilds and
//!    closes idle connections first when a new one needs room.
//!
//! Like `main`, and unlike the core, this module prints: it is a long-running
//! command whose output is its progress report.

mod accept;
mod classify;
mod connections;
mod debounce;
mod live;
mod rebuild;
mod server;
mod watch;

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use tokio::sync::watch as signal_channel;

use classify::Scope;
use connections::Connections;
use rebuild::{Message, RebuildLoop, print_warnings};
use server::{Preview, SiteFolder};
use vial_build::session::Session;
use vial_build::{BuildOptions, read_config};
use watch::{Method, SourceWatcher};

pub use live::{EVENTS_PATH, SCRIPT_PATH};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;
/// Without `--port`, this many ports from `DEFAULT_PORT` are tried.
const PORTS_TRIED: u16 = 10;
/// The interval of `--poll` without a value, and of the automatic fallback.
pub const DEFAULT_POLL: Duration = Duration::from_millis(500);
/// How long open connections get to finish once Ctrl-C is pressed.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// What `vial serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// `None`: the first free port from `DEFAULT_PORT`. A given port that is
    /// taken is an error.
    pub port: Option<u16>,
    pub open: bool,
    /// Poll at this interval instead of using native file events.
    pub poll: Option<Duration>,
    /// Print each rebuild's stage timings.
    pub timings: bool,
}

#[derive(Debug)]
pub enum ServeError {
    Root {
        path: PathBuf,
        source: io::Error,
    },
    PortTaken {
        address: SocketAddr,
        tried: u16,
    },
    Bind {
        address: SocketAddr,
        source: io::Error,
    },
    Watch(notify::Error),
    Io(io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Root { path, source } => {
                write!(
                    f,
                    "cannot open the site folder {}: {source}",
                    path.display()
                )
            }
            ServeError::PortTaken { address, tried: 1 } => write!(
                f,
                "port {} on {} is already in use; pick another with --port",
                address.port(),
                address.ip()
            ),
            ServeError::PortTaken { address, tried } => write!(
                f,
                "ports {}-{} on {} are all in use; pick another with --port",
                address.port(),
                address.port() + (tried - 1),
                address.ip()
            ),
            ServeError::Bind { address, source } => {
                write!(f, "cannot listen on {address}: {source}")
            }
            ServeError::Watch(e) => write!(f, "cannot watch the site folder: {e}"),
            ServeError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// A preview server with its port bound, not yet serving.
pub struct Server {
    options: ServeOptions,
    listener: TcpListener,
    address: SocketAddr,
}

impl Server {
    /// Resolves the site folder and binds the port; builds nothing yet.
    pub fn bind(mut options: ServeOptions) -> Result<Server, ServeError> {
        let root = &options.build.root;
        options.build.root = std::fs::canonicalize(root).map_err(|source| ServeError::Root {
            path: root.clone(),
            source,
        })?;
        let listener = listen(options.bind, options.port)?;
        let address = listener.local_addr().map_err(ServeError::Io)?;
        listener.set_nonblocking(true).map_err(ServeError::Io)?;
        Ok(Server {
            options,
            listener,
            address,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL to open: an unspecified bind address (`0.0.0.0`) is reached
    /// through loopback.
    pub fn url(&self) -> String {
        let ip = match self.address.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}/", SocketAddr::new(ip, self.address.port()))
    }

    /// Builds, then serves and rebuilds on change until Ctrl-C. A failing
    /// build does not stop it: the errors show in the terminal and on the
    /// pages until a save fixes them.
    pub fn run(self) -> Result<(), ServeError> {
        let url = self.url();
        let Server {
            options, listener, ..
        } = self;
        // Before the first build: rebuilds and connections share the limit.
        let cap = connections::cap_for(connections::raise_descriptor_limit());
        let (folder, scope) = initial_folder(&options.build);
        let preview = Arc::new(Preview::new(folder));
        let rebuilding = start_rebuilding(&options, scope, preview.clone())?;
        if options.open {
            open_browser(&url);
        }
        let served = serve_until_stopped(listener, preview, cap);
        rebuilding.stop();
        served
    }
}

/// The rebuild loop's thread, and how to stop it.
struct Rebuilding {
    sender: mpsc::Sender<Message>,
    thread: std::thread::JoinHandle<()>,
}

impl Rebuilding {
    /// Lets a rebuild in progress finish, then ends the loop.
    fn stop(self) {
        let _ = self.sender.send(Message::Stop);
        let _ = self.thread.join();
    }
}

/// Builds once, starts watching, and runs the rebuild loop on its own
/// thread.
fn start_rebuilding(
    options: &ServeOptions,
    scope: Scope,
    preview: Arc<Preview>,
) -> Result<Rebuilding, ServeError> {
    let mut session = Session::new(options.build.clone());
    let built = first_build(&mut session, &preview);
    let (sender, messages) = mpsc::channel();
    let method = options.poll.map_or(Method::Native, Method::Poll);
    let root = &options.build.root;
    let watcher = SourceWatcher::start(root, method, DEFAULT_POLL, sender.clone(), Message::Events)
        .map_err(ServeError::Watch)?;
    report_watching(&watcher);
    let mut rebuild_loop = RebuildLoop {
        session,
        options: options.build.clone(),
        watcher,
        preview,
        scope,
        messages,
        configured: false,
        unbuilt: Default::default(),
        timings: options.timings,
    };
    if built {
        rebuild_loop.follow_config();
    }
    let thread = std::thread::Builder::new()
        .name("vial-rebuild".into())
        .spawn(move || rebuild_loop.run())
        .map_err(ServeError::Io)?;
    Ok(Rebuilding { sender, thread })
}

fn listen(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, ServeError> {
    let bind = |port| {
        let address = SocketAddr::new(ip, port);
        TcpListener::bind(address).map_err(|source| match source.kind() {
            io::ErrorKind::AddrInUse => ServeError::PortTaken { address, tried: 1 },
            _ => ServeError::Bind { address, source },
        })
    };
    if let Some(port) = port {
        return bind(port);
    }
    for port in DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED {
        match bind(port) {
            Err(ServeError::PortTaken { .. }) => continue,
            other => return other,
        }
    }
    Err(ServeError::PortTaken {
        address: SocketAddr::new(ip, DEFAULT_PORT),
        tried: PORTS_TRIED,
    })
}

/// Where the output is before the first build, and what to watch: from
/// site.yaml when it reads, else the defaults.
fn initial_folder(options: &BuildOptions) -> (SiteFolder, Scope) {
    let (output, base_path, theme) = match read_config(options) {
        Ok(config) => (config.output_dir, config.base_path, config.theme),
        Err(_) => (
            options
                .root
                .join(options.output.as_deref().unwrap_or("public".as_ref())),
            "/".to_string(),
            vial_site::default_theme::DEFAULT.to_string(),
        ),
    };
    let scope = Scope::new(&options.root, &output, &theme);
    (SiteFolder { output, base_path }, scope)
}

/// Builds everything once. A failure is reported, not fatal.
fn first_build(session: &mut Session, preview: &Preview) -> bool {
    let started = Instant::now();
    match session.build() {
        Ok(report) => {
            print_warnings(&report.warnings);
            println!(
                "built {} pages in {} ms",
                report.rendered,
                started.elapsed().as_millis()
            );
            true
        }
        Err(problems) => {
            eprint!("{problems}");
            let count = problems.error_count();
            eprintln!(
                "build failed: {count} error{}; serving what the output folder holds until a save fixes {}",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it" } else { "them" },
            );
            preview.live.failed(&problems);
            false
        }
    }
}

fn report_watching(watcher: &SourceWatcher) {
    if let Some(reason) = &watcher.fallback_reason {
        eprintln!("warning: native file events are not available here ({reason})");
    }
    if let Method::Poll(interval) = watcher.method {
        println!(
            "watching for changes by polling every {} ms",
            interval.as_millis()
        );
    }
}

/// Serves at most `cap` connections at once until Ctrl-C (or SIGTERM), then
/// lets open requests finish.
fn serve_until_stopped(
    listener: TcpListener,
    preview: Arc<Preview>,
    cap: usize,
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Io)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Io)?;
        let (stop, stopped) = signal_channel::channel(false);
        let app = server::router(preview, stopped.clone());
        let connections = Connections::new(cap);
        let accepting = tokio::spawn(accept::serve(listener, app, connections.clone(), stopped));
        stop_signal().await;
        println!("stopping");
        let _ = stop.send(true);
        let finished = async {
            let _ = accepting.await;
            connections.all_ended().await;
        };
        // A request still running after the grace period is dropped with
        // the runtime.
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, finished).await;
        Ok(())
    })
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            },
            Err(_) => ctrl_c.await,
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// Opens `url` in the desktop's browser; failing to is only a warning.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        // Reap it when it exits.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("warning: cannot run {program} to open a browser ({e}); open {url}"),
    }
}
