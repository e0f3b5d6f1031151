//! `/zahlen/bescheid`: the signed-in notice — what it is about, from which office, what is due
//! by when, what was paid, the charges with their reasons — and the choice of what to pay:
//! online through the checkout, or by transfer with a GiroCode of exactly that choice.

use super::session;
use super::text::instalment_wording;
use crate::api::{self, ApiError};
use crate::checkout::cart::{use_cart, CartItem};
use crate::components::codes::TextWithCodes;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::components::payment_qr::PaymentQr;
use crate::i18n::{fill, texts, use_i18n, Lang};
use crate::routes;
use domain::i18n::Text;
use domain::money::Cents;
use domain::notice::{preselect, InstalmentStatus, Notice};
use domain::payment::PaymentItemRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

/// The sum to pay for the chosen instalments (open amounts and charges).
pub fn chosen_total(notice: &Notice, chosen: &[String]) -> Cents {
    Cents(
        notice
            .instalments
            .iter()
            .filter(|i| chosen.contains(&i.id))
            .map(|i| i.to_pay().0)
            .sum(),
    )
}

/// The cart's label of a choice, in both languages.
pub fn cart_label(notice: &Notice, chosen: &[String]) -> Text {
    let label = |lang: Lang| {
        let t = texts(lang);
        let single = notice.instalments.len() == 1;
        let what = if single {
            t.notice_amount.to_string()
        } else {
            chosen
                .iter()
                .map(|id| fill(t.notice_instalment, &[("number", id)]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        fill(
            t.notice_cart_label,
            &[
                ("subject", &notice.subject.get(lang)),
                ("kz", &notice.kassenzeichen),
                ("what", &what),
            ],
        )
    };
    Text {
        de: label(Lang::De),
        en: label(Lang::En),
    }
}

#[component]
pub fn NoticePage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let Some(token) = session::load().map(|s| s.token) else {
        request_animation_frame(move || navigate(routes::NOTICE, replace()));
        return ().into_any();
    };
    let tok = token.clone();
    let notice = crate::fetched::Fetched::new(move || {
        let tok = tok.clone();
        async move {
            // Fetched by public/early.js with the sign-in from the QR link, if it was.
            if let Some(notice) = crate::early::current(crate::early::NOTICE, &tok).await {
                return notice;
            }
            api::notices::current(i18n.lang.get_untracked(), &tok).await
        }
    });
    let relogin = move |_| {
        session::clear();
        navigate(routes::NOTICE, Default::default());
    };
    // A 401: the session ended on the server.
    let session_ended = Callback::new(move |e: ApiError| {
        let ApiError::Status(401, p) = e else {
            return None;
        };
        let relogin = relogin.clone();
        Some(
            view! {
                <PageTitle text=move || i18n.t().hearing_session_ended_title.to_string()/>
                <h1>{move || i18n.t().hearing_session_ended_title}</h1>
                <p role="alert">{p.detail.unwrap_or(p.title)}</p>
                <button type="button" class="button" on:click=relogin>{move || i18n.t().hearing_login_again}</button>
            }
            .into_any(),
        )
    });
    view! {
        <Loaded fetched=notice catch=session_ended let:n>
            <NoticeView notice=n token=token.clone()/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn NoticeView(notice: Notice, token: String) -> impl IntoView {
    // Replaces public/early.js's paint of this page's first screen, in the same frame.
    crate::dom::remove_static_shell();
    let i18n = use_i18n();
    let cart = use_cart();
    let navigate = use_navigate();
    let chosen = RwSignal::new(preselect(&notice.instalments));
    let missing = RwSignal::new(false);
    let notice = StoredValue::new(notice);
    let total = Memo::new(move |_| notice.with_value(|n| chosen.with(|c| chosen_total(n, c))));
    let nav = navigate.clone();
    let logout = move |_| {
        let nav = nav.clone();
        let token = token.clone();
        spawn_local(async move {
            let _ = api::notices::logout(i18n.lang.get_untracked(), &token).await;
            session::clear();
            // Nothing of this notice stays in the tab for the next person.
            cart.items
                .update(|items| items.retain(|i| i.kassenzeichen().is_none()));
            nav(routes::NOTICE, replace());
        });
    };
    let pay = move |_| {
        let ids = chosen.get_untracked();
        if ids.is_empty() {
            missing.set(true);
            request_animation_frame(|| crate::dom::focus_id("notice-choice-error"));
            return;
        }
        missing.set(false);
        let item = notice.with_value(|n| CartItem {
            item: PaymentItemRequest::Notice {
                kassenzeichen: n.kassenzeichen.clone(),
                items: ids.clone(),
            },
            label: cart_label(n, &ids),
            amount: chosen_total(n, &ids),
        });
        cart.set(item);
        navigate(routes::CHECKOUT, Default::default());
    };
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        let n = notice.get_value();
        let single = n.instalments.len() == 1;
        let open = n.open_total > Cents::ZERO;
        let payee = n.payee.clone();
        let kz = n.kassenzeichen.clone();
        let subject = n.subject.get(lang).to_string();
        let choosable: Vec<_> = n
            .instalments
            .iter()
            .filter(|i| i.status != InstalmentStatus::Paid && !i.payment_pending)
            .cloned()
            .collect();
        view! {
            <PageTitle text=move || notice.with_value(|n| n.subject.get(i18n.lang()).to_string())/>
            <p class="step-progress"><span class="caption"><TextWithCodes text=fill(t.notice_caption, &[("kz", &kz)])/></span></p>
            <h1>{subject}</h1>
            <dl class="summary-list">
                <div class="summary-row"><dt>{t.notice_office}</dt><dd class="summary-value">{n.office.get(lang).to_string()}</dd></div>
                <div class="summary-row"><dt>{t.notice_issued_on}</dt><dd class="summary-value">{n.issued_on.format(lang)}</dd></div>
                <div class="summary-row"><dt>{t.notice_addressee}</dt><dd class="summary-value">{n.addressee.clone()}</dd></div>
            </dl>
            <h2>{t.notice_items_heading}</h2>
            <table class="fee-table notice-items">
                <caption class="visually-hidden">{t.notice_items_heading}</caption>
                <thead><tr><th scope="col">{t.fee_item}</th><th scope="col" class="num">{t.fee_amount}</th></tr></thead>
                <tbody>
                    {n.instalments.iter().map(|i| {
                        let w = instalment_wording(i, single, t, lang);
                        let shown = if i.status == InstalmentStatus::Paid { i.amount } else { i.open };
                        view! {
                            <tr>
                                <th scope="row">
                                    {w.what.clone()}" "<span class=w.class>{w.when.clone()}</span>
                                    {w.partly.clone().map(|p| view! { <p class="item-note">{p}</p> })}
                                    {i.payment_pending.then(|| view! { <p class="item-note">{t.notice_pending}</p> })}
                                </th>
                                <td class="num">{shown.format(lang)}</td>
                            </tr>
                            {w.charges.into_iter().map(|(reason, amount)| view! {
                                <tr class="charge-row"><td>{reason}</td><td class="num">{amount}</td></tr>
                            }).collect_view()}
                        }
                    }).collect_view()}
                </tbody>
                <tfoot><tr>
                    <th scope="row">{t.notice_open_total}</th>
                    <td class="num"><strong>{n.open_total.format(lang)}</strong></td>
                </tr></tfoot>
            </table>
            {(!open).then(|| view! { <p class="notice notice-success">{t.notice_all_paid}</p> })}
            {(open && !choosable.is_empty()).then(|| {
                let pay = pay.clone();
                view! {
                <fieldset class="field" aria-describedby="notice-choice-hint">
                    <legend><h2 class="legend-heading">{t.notice_choose_legend}</h2></legend>
                    <p class="hint" id="notice-choice-hint">{t.notice_choose_hint}</p>
                    {move || missing.get().then(|| view! {
                        <p class="error-message" id="notice-choice-error" tabindex="-1" role="alert">{i18n.t().notice_nothing_selected}</p>
                    })}
                    <div class="checkboxes">
                        {choosable.into_iter().map(|i| {
                            let w = instalment_wording(&i, single, t, lang);
                            let id = format!("notice-choice-{}", i.id);
                            let value = i.id.clone();
                            let v2 = value.clone();
                            let label = fill(t.notice_choice, &[("what", &w.what), ("when", &w.when), ("amount", &i.to_pay().format(lang))]);
                            view! {
                                <div class="checkbox">
                                    <input type="checkbox" id=id.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&value))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != v2);
                                                if on { c.push(v2.clone()); }
                                            });
                                            if on { missing.set(false); }
                                        }/>
                                    <label for=id>{label}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <p aria-live="polite"><strong>{move || fill(i18n.t().notice_selected_total, &[("amount", &total.get().format(i18n.lang()))])}</strong></p>
                <p><button type="button" class="button" on:click=pay>{t.pay_online}</button></p>
                <h2>{t.notice_transfer_heading}</h2>
                <p>{t.notice_transfer_intro}</p>
                {move || {
                    let amount = total.get();
                    (amount > Cents::ZERO).then(|| view! {
                        <PaymentQr
                            name=payee.name.clone()
                            iban=payee.iban.clone()
                            bic=Some(payee.bic.clone())
                            amount=amount
                            remittance=kz.clone()
                            file_stem=format!("GiroCode-{}", domain::application::normalise_code(&kz))
                        />
                    })
                }}
            }})}
            <h2>{t.hearing_end_heading}</h2>
            <button type="button" class="button button-secondary" on:click=logout.clone()>{t.hearing_logout}</button>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::date::Date;
    use domain::notice::{NoticeInstalment, NoticePayee};

    fn notice() -> Notice {
        let inst = |id: &str, open: i64, status| NoticeInstalment {
            id: id.into(),
            amount: Cents(18_750),
            paid: Cents(18_750 - open),
            open: Cents(open),
            due_on: Date::new(2027, 5, 15).unwrap(),
            deferred_until: None,
            status,
            due_now: false,
            days_overdue: 0,
            paid_on: None,
            charges: Vec::new(),
            payment_pending: false,
        };
        Notice {
            kassenzeichen: "6.0100.000202.4".into(),
            office: Text::new("Steueramt", "Tax office"),
            subject: Text::new("Grundsteuer B", "Property tax B"),
            addressee: "Max Mustermann".into(),
            issued_on: Date::new(2027, 1, 10).unwrap(),
            instalments: vec![
                inst("1", 0, InstalmentStatus::Paid),
                inst("2", 18_750, InstalmentStatus::Open),
                inst("3", 18_750, InstalmentStatus::Open),
            ],
            payee: NoticePayee {
                name: "Stadt Musterstadt".into(),
                iban: "DE09123456780001234567".into(),
                bic: "MUSTDEM1XXX".into(),
            },
            open_total: Cents(37_500),
            due_now_total: Cents::ZERO,
        }
    }

    #[test]
    fn the_choice_is_priced_and_labelled() {
        let n = notice();
        assert_eq!(chosen_total(&n, &["2".into(), "3".into()]), Cents(37_500));
        assert_eq!(
            chosen_total(&n, &["1".into()]),
            Cents::ZERO,
            "paid: nothing"
        );
        let label = cart_label(&n, &["2".into(), "3".into()]);
        assert_eq!(
            label.de,
            "Grundsteuer B, Kassenzeichen 6.0100.000202.4: Rate 2, Rate 3"
        );
        assert_eq!(
            label.en,
            "Property tax B, Kassenzeichen 6.0100.000202.4: Instalment 2, Instalment 3"
        );
    }
}
