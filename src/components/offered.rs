//! A part of the portal a town may switch off (`features` in its profile).

use crate::components::page_title::PageTitle;
use crate::i18n::{fill, use_i18n, Texts};
use crate::town::{use_town, with_town};
use domain::town::Features;
use leptos::prelude::*;
use leptos_router::components::A;

/// A part of the portal the town may switch off `children` when
/// it is on, otherwise a page that says the town does not offer it.
#[component]
pub fn Offered(
    feature: fn(&Features) -> bool,
    title: fn(&Texts) -> &'static str,
    not_offered: fn(&Texts) -> &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let town = use_town();
    let on = Memo::new(move |_| town.get().map(|p| feature(&p.features)));
    move || match on.get() {
        Some(true) => children().into_any(),
        Some(false) => {
            // A letter's QR link may carry a code in the fragment: it must not linger here either.
            let _ = crate::dom::take_fragment_params();
            view! {
            <PageTitle text=move || title(i18n.t()).to_string()/>
            <h1>{move || title(i18n.t())}</h1>
            {with_town(move |p, lang| view! {
                <p>{fill(not_offered(i18n.t()), &[("town", &p.full_name(lang))])}</p>
            })}
            <p><A href=crate::routes::HOME>{move || i18n.t().back_to_start}</A></p>
            }
            .into_any()
        }
        None => with_town(|_, _| ()).into_any(),
    }
}
