//! Start page: the town's services from the API, grouped by category, filtered as you type.

use crate::api;
use crate::components::loaded::{Failure, Loaded};
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, use_i18n, Lang};
use domain::catalogue::{group_by_category, ServiceSummary};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Catalogue() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    // Fetched once; the language only changes which text of the answer is shown.
    let services =
        crate::fetched::Fetched::new(move || api::services::list(i18n.lang.get_untracked()));
    let query = RwSignal::new(String::new());
    let town = crate::town::use_town();
    let title = move || {
        let name = crate::town::full_name(town.get().as_deref(), i18n.lang());
        crate::i18n::fill(t().catalogue_title, &[("town", &name)])
    };

    view! {
        <PageTitle text=title/>
        <h1>{title}</h1>
        <p class="lead">{move || t().catalogue_intro}</p>
        <div class="field search">
            <label for="search">{move || t().search_label}</label>
            <p class="hint" id="search-hint">{move || t().search_hint}</p>
            <input
                id="search"
                type="search"
                autocomplete="off"
                aria-describedby="search-hint"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
        <Loaded fetched=services failure=Failure::Section let:list>
            <ServiceList services=list query=query.into()/>
        </Loaded>
    }
}

#[component]
fn ServiceList(services: Vec<ServiceSummary>, query: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let matching = move || {
        let q = query.get();
        services
            .iter()
            .filter(|s| s.matches(&q))
            .cloned()
            .collect::<Vec<_>>()
    };
    let matching = Memo::new(move |_| matching());
    view! {
        <p role="status" class="result-count">
            {move || {
                let n = matching.with(Vec::len);
                let t = i18n.t();
                match n {
                    0 => t.no_results.to_string(),
                    1 => t.results_one.to_string(),
                    n => fill(t.results_many, &[("count", &n)]),
                }
            }}
        </p>
        {move || {
            let lang = i18n.lang();
            matching.with(|list| {
                let refs: Vec<&ServiceSummary> = list.iter().collect();
                group_by_category(&refs)
                    .into_iter()
                    .map(|(category, group)| {
                        let heading_id = format!("cat-{category:?}").to_lowercase();
                        let labelled_by = heading_id.clone();
                        view! {
                            <section class="category" aria-labelledby=labelled_by>
                                <h2 id=heading_id>{category.label(lang)}</h2>
                                <ul class="service-list">
                                    {group.into_iter().map(|s| view! { <ServiceCard service=s.clone() lang=lang/> }).collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()
            })
        }}
    }
}

#[component]
fn ServiceCard(service: ServiceSummary, lang: Lang) -> impl IntoView {
    let t = crate::i18n::texts(lang);
    // An entry for a letter leads to its page (the hearing, paying a notice), not to a form.
    let href = service.letter_page().map_or_else(
        || crate::routes::catalogue_entry(&service.id),
        str::to_string,
    );
    view! {
        <li class="service-card">
            <h3><A href=href>{service.name.get(lang).to_string()}</A></h3>
            <p>{service.summary.get(lang).to_string()}</p>
            <p class="fee"><span class="fee-label">{t.fee}": "</span>{service.fee.describe(lang)}</p>
        </li>
    }
}
