//! `mock-backend [--print-openapi]` — serves the API and the app on 127.0.0.1:$PORT (8080).

use mock_backend::{app, AppState};
use std::net::SocketAddr;

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--print-openapi") {
        println!("{}", mock_backend::openapi::json());
        return;
    }
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => match p.parse() {
            Ok(p) => p,
            Err(_) => {
                eprintln!("PORT must be a number between 1 and 65535, got {p:?}");
                std::process::exit(2);
            }
        },
        Err(_) => 8080,
    };
    let dist = std::env::var("DIST_DIR").unwrap_or_else(|_| "dist".into());
    if !std::path::Path::new(&dist).join("index.html").exists() {
        eprintln!("warning: {dist}/index.html not found; the API works but the app is not built (run `make run`)");
    }
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e} (set PORT to use another port)");
            std::process::exit(1);
        }
    };
    println!("Serviceportal läuft auf / is running at http://{addr}/");
    // The peer address feeds the per-client rate limit.
    let service = app(AppState::seeded(dist)).into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    if let Err(e) = server.await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
