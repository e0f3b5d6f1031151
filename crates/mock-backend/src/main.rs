//! `mock-backend [--print-openapi | --check-town]` — serves the API and the app on
//! 127.0.0.1:$PORT (8080) for the town in $TOWN_DIR (towns/musterstadt). `--check-town` only
//! validates the town folder and exits.

use mock_backend::town::Town;
use mock_backend::{app, AppState};
use std::net::SocketAddr;

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--print-openapi") {
        println!("{}", mock_backend::openapi::json());
        return;
    }
    let town_dir =
        std::env::var("TOWN_DIR").unwrap_or_else(|_| mock_backend::town::DEFAULT_DIR.into());
    let town = match Town::load(std::path::Path::new(&town_dir)) {
        Ok(town) => town,
        Err(problems) => {
            eprintln!(
                "The town folder {town_dir} has {} problem(s); the portal does not start:",
                problems.len()
            );
            for p in &problems {
                eprintln!("  {town_dir}/{p}");
            }
            std::process::exit(3);
        }
    };
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--check-town") {
        println!("{town_dir}: ok ({})", town.official_name());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--render-shell") {
        let Some(dir) = args.get(i + 1) else {
            eprintln!("usage: mock-backend --render-shell <dist folder>");
            std::process::exit(2);
        };
        if let Err(e) = render_shell(std::path::Path::new(dir), &town) {
            eprintln!("{e}");
            std::process::exit(1);
        }
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
    let service =
        app(AppState::for_town(dist, town)).into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    if let Err(e) = server.await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}

/// For a static host: fills `<dir>/index.html` from the profile (the template is kept as
/// `index.template.html`, so the shell can be rendered again for another profile) and writes
/// the coat of arms.
fn render_shell(dir: &std::path::Path, town: &Town) -> Result<(), String> {
    use mock_backend::town::shell;
    let index = dir.join("index.html");
    let template_path = dir.join("index.template.html");
    let template = match std::fs::read_to_string(&template_path) {
        Ok(t) => t,
        Err(_) => {
            let t = std::fs::read_to_string(&index)
                .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
            if !shell::is_template(&t) {
                return Err(format!(
                    "{} has no town placeholders and there is no index.template.html: rebuild the app first",
                    index.display()
                ));
            }
            std::fs::write(&template_path, &t)
                .map_err(|e| format!("cannot write {}: {e}", template_path.display()))?;
            t
        }
    };
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("index.html", &shell::fill(&template, &town.profile))?;
    println!(
        "{}: index.html written for {}",
        dir.display(),
        town.official_name()
    );
    Ok(())
}
