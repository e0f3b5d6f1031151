//! Entry point: swap the static shell of index.html for the live app.

mod api;
mod app;
mod checkout;
mod components;
mod dom;
mod fetched;
mod hearing;
mod i18n;
mod pages;
mod panic_page;
mod restore;
mod routes;
mod storage;
mod wizard;

fn main() {
    panic_page::install();
    dom::remove_static_shell();
    leptos::mount::mount_to_body(app::App);
}
