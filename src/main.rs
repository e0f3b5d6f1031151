//! Entry point: swap the static shell of index.html for the live app.

mod api;
mod app;
mod checkout;
mod components;
mod dom;
mod hearing;
mod i18n;
mod pages;
mod storage;
mod wizard;

fn main() {
    console_error_panic_hook::set_once();
    dom::remove_static_shell();
    leptos::mount::mount_to_body(app::App);
}
