//! `checkout-rules serve`: a local HTTP server imitating each provider's
//! create-session endpoint, for integration tests to point at.

mod mock;

use std::net::{IpAddr, SocketAddr};
use std::time::{Instant, SystemTime};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use checkout_rules::Dialect;

use crate::Outcome;

/// Serves `dialects` (all when empty) on `bind:port` until SIGINT or
/// SIGTERM. Prints the server's URL on standard output once it listens,
/// then one line per request on standard error.
pub fn run(bind: IpAddr, port: u16, dialects: &[Dialect]) -> Outcome {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("checkout-rules: cannot start the server: {e}");
            return Outcome::Failed;
        }
    };
    runtime.block_on(serve(SocketAddr::new(bind, port), dialects))
}

async fn serve(address: SocketAddr, dialects: &[Dialect]) -> Outcome {
    let mut dialects = if dialects.is_empty() {
        Dialect::ALL.to_vec()
    } else {
        dialects.to_vec()
    };
    dialects.sort();
    dialects.dedup();
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("checkout-rules: cannot listen on {address}: {e}");
            return Outcome::Failed;
        }
    };
    let bound = match listener.local_addr() {
        Ok(bound) => bound,
        Err(e) => {
            eprintln!("checkout-rules: cannot listen on {address}: {e}");
            return Outcome::Failed;
        }
    };
    // Checkout URLs name an address a client can reach: on every interface
    // the loopback one is.
    let mut reachable = bound;
    if bound.ip().is_unspecified() {
        reachable.set_ip(match bound.ip() {
            IpAddr::V4(_) => IpAddr::from([127, 0, 0, 1]),
            IpAddr::V6(_) => IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]),
        });
    }
    let base = format!("http://{reachable}");
    let app = mock::router(&dialects, base.clone()).layer(axum::middleware::from_fn(log));
    let stop = match stop() {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("checkout-rules: cannot handle signals: {e}");
            return Outcome::Failed;
        }
    };
    // The URL alone on standard output, for a test or script to read.
    println!("{base}");
    for &dialect in &dialects {
        eprintln!(
            "checkout-rules serve: {dialect}: POST {base}{}",
            mock::path(dialect)
        );
    }
    let served = axum::serve(listener, app).with_graceful_shutdown(stop);
    match served.await {
        Ok(()) => {
            eprintln!("checkout-rules serve: stopped");
            Outcome::AllValid
        }
        Err(e) => {
            eprintln!("checkout-rules: the server failed: {e}");
            Outcome::Failed
        }
    }
}

/// Ctrl-C (SIGINT) or SIGTERM: stop taking connections, finish the
/// requests under way, then exit. The handlers are installed before the
/// server says it listens, so a signal sent as soon as it does is caught.
#[cfg(unix)]
fn stop() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        eprintln!("checkout-rules serve: stopping");
    })
}

#[cfg(not(unix))]
fn stop() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        eprintln!("checkout-rules serve: stopping");
    })
}

/// One line per request on standard error: when it came, method, path,
/// status and the time taken.
async fn log(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let came = SystemTime::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let micros = start.elapsed().as_micros();
    eprintln!(
        "{} {method} {path} {} {}.{:03}ms",
        mock::timestamp(came),
        response.status().as_u16(),
        micros / 1000,
        micros % 1000
    );
    response
}
