//! Entry point: swap the static shell of index.html for the live app.

// A panic kills a wasm app: nothing from the network, storage or the URL is unwrapped.
// (clippy.toml allows these in tests.)
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![deny(clippy::todo, clippy::unimplemented, clippy::unreachable)]

mod account;
mod api;
mod app;
mod appointments;
mod checkout;
mod chunk;
mod components;
mod dom;
mod early;
mod fetched;
mod hearing;
mod i18n;
mod lazy;
mod notice;
mod pages;
mod panic_page;
mod restore;
mod routes;
mod storage;
mod town;
mod wizard;

fn main() {
    panic_page::install();
    dom::take_over_static_shell();
    leptos::mount::mount_to_body(app::App);
}
