//! The preview's HTTP/1 connections: accepts them, serves each with hyper
//! and the router of `server`, and ends them.
//!
//! Each request header must arrive within `HEADER_TIMEOUT`, the first one
//! and each one after a kept-alive pause alike: a client that connects and
//! sends nothing, or half a header, cannot hold the connection. With each
//! new connection, `connections` makes room under its cap, closing an idle
//! connection (or else an event stream) if it must; the new one is spared
//! until its client has sent something or `FIRST_BYTES` has passed. One
//! closed while a request on it is being answered (the request came just as
//! it was picked) finishes that answer first. Once stopping starts, nothing
//! more is accepted, idle connections close at once, and the others finish
//! their request (event streams end on the same signal) and close.

use std::convert::Infallible;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, header};
use hyper::body::{Body as HttpBody, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::Service;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::connections::{Busy, Connections, Slot};

/// How long a client gets to send a whole request header. A browser on the
/// same machine sends it at once; idle keep-alive connections also close
/// after this, and the browser opens a new one when it needs one.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a new connection is spared from making room for others while
/// its client has sent nothing: a browser sends its request at once.
const FIRST_BYTES: Duration = Duration::from_secs(1);
/// The pause after an accept failure that is not the client's doing (out of
/// descriptors, most likely), so that the loop does not spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(250);

/// Accepts and serves connections until `stopped` turns true.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    connections: Arc<Connections>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => return,
            accepted = admit(&listener, &connections) => accepted,
        };
        match accepted {
            Ok(stream) => {
                let slot = connections.open();
                tokio::spawn(serve_connection(stream, app.clone(), slot, stopped.clone()));
            }
            Err(e) if is_client_gone(&e) => {}
            Err(e) => {
                eprintln!("warning: cannot accept a connection: {e}");
                tokio::time::sleep(ACCEPT_PAUSE).await;
            }
        }
    }
}

/// Waits for a client, then for room for it under the cap.
async fn admit(listener: &TcpListener, connections: &Connections) -> io::Result<TcpStream> {
    let (stream, _) = listener.accept().await?;
    connections.room().await;
    Ok(stream)
}

/// A client that gave up before it was accepted.
fn is_client_gone(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
    )
}

/// Serves one connection until the client closes it, it times out, the
/// table closes it to make room, or the server stops.
async fn serve_connection(
    stream: TcpStream,
    app: Router,
    slot: Arc<Slot>,
    mut stopped: watch::Receiver<bool>,
) {
    // What the client sends at once shows whether it is asking for anything;
    // the table spares the connection until then, or until FIRST_BYTES.
    let _ = tokio::time::timeout(FIRST_BYTES, stream.readable()).await;
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), TrackedRouter::new(app, &slot));
    tokio::pin!(connection);
    if poll_once(connection.as_mut()).await.is_some() {
        return;
    }
    slot.read();
    let finish = tokio::select! {
        // A reset, a timeout or a malformed request end the connection
        // alone; nothing to report.
        _ = connection.as_mut() => return,
        // The room is needed now, but a request already being answered
        // (it may have arrived just as this one was picked) is finished.
        () = slot.closed() => slot.is_answering(),
        // An event stream ends by itself on this signal.
        _ = stopped.wait_for(|stop| *stop) => !slot.is_idle(),
    };
    // Otherwise dropping the connection closes its socket at once.
    if finish {
        connection.as_mut().graceful_shutdown();
        let _ = connection.await;
    }
}

/// Polls `future` once: its output if it was ready.
async fn poll_once<F: Future>(mut future: Pin<&mut F>) -> Option<F::Output> {
    std::future::poll_fn(|cx| match future.as_mut().poll(cx) {
        Poll::Ready(output) => Poll::Ready(Some(output)),
        Poll::Pending => Poll::Ready(None),
    })
    .await
}

/// The router, telling the table while a request is being answered and
/// whether the answer is an event stream.
struct TrackedRouter {
    router: TowerToHyperService<Router>,
    slot: Arc<Slot>,
}

impl TrackedRouter {
    fn new(app: Router, slot: &Arc<Slot>) -> Self {
        Self {
            router: TowerToHyperService::new(app),
            slot: slot.clone(),
        }
    }
}

type Answer = Pin<Box<dyn Future<Output = Result<Response<Tracked<Body>>, Infallible>> + Send>>;

impl Service<Request<Incoming>> for TrackedRouter {
    type Response = Response<Tracked<Body>>;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, request: Request<Incoming>) -> Answer {
        let busy = self.slot.answering();
        let answer = self.router.call(request);
        Box::pin(async move {
            let response = answer.await?;
            if is_event_stream(&response) {
                busy.streaming();
            }
            Ok(response.map(|body| Tracked { body, _busy: busy }))
        })
    }
}

fn is_event_stream<B>(response: &Response<B>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/event-stream"))
}

/// A response body that keeps its connection marked busy until hyper has
/// sent it or dropped it.
struct Tracked<B> {
    body: B,
    _busy: Busy,
}

impl<B: HttpBody + Unpin> HttpBody for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
