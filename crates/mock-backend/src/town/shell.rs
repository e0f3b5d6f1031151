//! The static shell: index.html with the town's name and colours before the wasm arrives (the
//! colours in an inline `<style>`, allowed by the CSP by its hash, computed from the filled
//! shell). The backend fills it from the profile when it serves it; for a static host
//! `mock-backend --render-shell dist` writes it (scripts/render-shell.sh, docs/deploy.md).

use domain::i18n::Lang;
use domain::town::{darker, lighter, parse_hex_colour, relative_luminance, TownProfile};

/// Placeholders in index.html and their values.
pub fn placeholders(p: &TownProfile) -> Vec<(&'static str, String)> {
    vec![
        ("{{town.full_name}}", p.full_name(Lang::De)),
        ("{{town.name}}", p.name.clone()),
        ("{{town.office}}", p.contact.office.de.clone()),
        ("{{town.phone}}", p.contact.phone.clone()),
        ("{{town.brand_colour}}", p.brand_colour.clone()),
    ]
}

/// The placeholder inside `<script type="application/json" id="town-profile">`: the whole
/// profile, so the app has the town at its first render without another request.
pub const PROFILE_JSON: &str = "{{town.profile_json}}";

/// The placeholder inside the shell header's actions: [`header_sizers`].
pub const HEADER_SIZERS: &str = "{{town.header_sizers}}";

/// The app header's actions as invisible stand-ins, for what the town offers: the account entry
/// (`src/account/nav.rs`: both of its sizers) and the language switch (`src/app.rs`), with the
/// German texts of src/i18n/de.rs. The shell's header is then as tall as the app's, also where
/// the actions wrap to a second row (a phone), and the page does not move at the swap.
pub fn header_sizers(p: &TownProfile) -> String {
    let mut out = String::new();
    if p.features.account {
        out.push_str(r#"<div class="account-slot"><span class="account-sizer">Anmelden</span><span class="account-sizer"><span>Mein Konto</span> <span class="account-badge">99+</span></span></div>"#);
    }
    if p.languages.len() > 1 {
        out.push_str(r#"<span class="lang-switch lang-switch-sizer">English</span>"#);
    }
    out
}

/// The placeholder inside the shell's `<style>`: the town's colours ([`css`]).
pub const TOWN_CSS: &str = "{{town.css}}";

/// What the static shell says before the app starts: the title, heading and lead of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteShell {
    pub title: String,
    pub heading: String,
    pub lead: String,
}

/// The routes whose shell differs from the catalogue's: the letters' QR landing pages
/// (`routes::HEARING` and `routes::NOTICE` in the app) and the pages below them, with the
/// heading and the first sentence of the sign-in page's intro (src/i18n/de.rs). A citizen
/// from the QR code sees at once that the letter's page is coming, not the catalogue.
/// public/early.js carries the same texts for static hosts (a test keeps them equal).
pub const LANDING_SHELLS: [(&str, &str, &str); 2] = [
    (
        "/anhoerung",
        "Online-Anhörung",
        "Sie haben einen Anhörungsbogen erhalten.",
    ),
    (
        "/zahlen",
        "Bescheid bezahlen",
        "Sie haben einen Bescheid oder eine Zahlungsaufforderung erhalten.",
    ),
];

/// The QR landing route a request path is or lies below, if any: its entry in [`LANDING_SHELLS`].
pub fn landing(path: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    LANDING_SHELLS.iter().find(|(prefix, _, _)| {
        path == *prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The shell for a request path (German, as the whole shell).
pub fn route_shell(path: &str, p: &TownProfile) -> RouteShell {
    let site = format!("Serviceportal {}", p.name);
    match landing(path) {
        Some((_, heading, lead)) => RouteShell {
            title: format!("{heading} – {site}"),
            heading: heading.to_string(),
            lead: lead.to_string(),
        },
        None => RouteShell {
            title: site,
            heading: format!("Online-Dienste der {}", p.full_name(Lang::De)),
            lead: "Erledigen Sie Ihre Anliegen online – rund um die Uhr, ohne Termin im Rathaus."
                .into(),
        },
    }
}

/// index.html with every placeholder replaced by the HTML-escaped value, and the profile as
/// JSON in its data block; the catalogue's heading (the one for a static host).
pub fn fill(html: &str, p: &TownProfile) -> String {
    fill_for(html, p, "/")
}

/// [`fill`] with the heading of the page at `path`.
pub fn fill_for(html: &str, p: &TownProfile, path: &str) -> String {
    let route = route_shell(path, p);
    placeholders(p)
        .into_iter()
        .chain([
            ("{{route.title}}", route.title),
            ("{{route.heading}}", route.heading),
            ("{{route.lead}}", route.lead),
        ])
        .fold(html.to_owned(), |acc, (token, value)| {
            acc.replace(token, &escape(&value))
        })
        .replace(PROFILE_JSON, &json_for_script(p))
        .replace(TOWN_CSS, &css_for_style(p))
        .replace(HEADER_SIZERS, &header_sizers(p))
}

/// [`css`] that cannot end its `<style>` element (a style's text is not HTML-decoded): a `<`,
/// which no colour has, is written as the CSS escape `\3c `.
fn css_for_style(p: &TownProfile) -> String {
    css(p).replace('<', "\\3c ")
}

/// The profile as JSON that cannot end its `<script>` element: every `<` is written as the JSON
/// escape `\u003c` (a script's text is not HTML-decoded, so entities would not do).
pub fn json_for_script(p: &TownProfile) -> String {
    serde_json::to_string(p)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

/// Whether `html` still has placeholders (a template rather than a rendered shell).
pub fn is_template(html: &str) -> bool {
    html.contains("{{town.") || html.contains("{{route.")
}

/// The town's colours as custom properties, after style/main.css (whose defaults they override).
pub fn css(p: &TownProfile) -> String {
    let brand = parse_hex_colour(&p.brand_colour).unwrap_or([11, 79, 108]);
    let text = parse_hex_colour(&p.brand_text_colour).unwrap_or([255, 255, 255]);
    format!(
        "/* The town's colours, from its profile (town.toml). */\n:root {{\n  --brand: {};\n  --brand-dark: {};\n  --brand-text: {};\n}}\n",
        p.brand_colour,
        second_shade(brand, text),
        p.brand_text_colour
    )
}

/// The shade for borders and hover backgrounds: further from the text colour than the brand
/// colour itself, so text on it keeps at least the brand colour's contrast.
fn second_shade(brand: [u8; 3], text: [u8; 3]) -> String {
    if relative_luminance(text) > relative_luminance(brand) {
        darker(brand)
    } else {
        lighter(brand)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder_escaped() {
        let mut p = crate::town::Town::demo().profile;
        p.contact.phone = "0 <1> & \"2\"".into();
        let html = "<title>Serviceportal {{town.name}}</title><p>{{town.full_name}} {{town.office}} {{town.phone}}</p><meta content=\"{{town.brand_colour}}\">";
        let out = fill(html, &p);
        assert_eq!(out, "<title>Serviceportal Musterstadt</title><p>Stadt Musterstadt Bürgerbüro 0 &lt;1&gt; &amp; &quot;2&quot;</p><meta content=\"#0b4f6c\">");
        assert!(is_template(html) && !is_template(&out));
        assert!(
            css(&p).contains("--brand: #0b4f6c;") && css(&p).contains("--brand-dark: #073346;")
        );
    }

    #[test]
    fn the_repository_index_html_is_a_template_of_known_placeholders() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../index.html");
        let html = std::fs::read_to_string(path).unwrap_or_default();
        assert!(is_template(&html));
        let out = fill(&html, &crate::town::Town::demo().profile);
        assert!(!out.contains("{{"), "an unknown placeholder is left");
        assert!(out.contains("<title>Serviceportal Musterstadt</title>"));
        let (_, data) = out
            .split_once(r#"<script type="application/json" id="town-profile">"#)
            .unwrap_or_default();
        let (json, _) = data.split_once("</script>").unwrap_or_default();
        let served: TownProfile = serde_json::from_str(json).expect("the profile as JSON");
        assert_eq!(served, crate::town::Town::demo().profile);
    }

    #[test]
    fn the_header_stand_ins_follow_what_the_town_offers() {
        let mut p = crate::town::Town::demo().profile;
        let both = fill("<div>{{town.header_sizers}}</div>", &p);
        assert!(
            both.contains(r#"<span class="account-sizer">Anmelden</span>"#),
            "{both}"
        );
        assert!(both.contains("lang-switch-sizer"), "{both}");
        p.features.account = false;
        p.languages.truncate(1);
        assert_eq!(fill("<div>{{town.header_sizers}}</div>", &p), "<div></div>");
    }

    #[test]
    fn the_qr_landing_pages_get_their_own_heading() {
        let p = crate::town::Town::demo().profile;
        let html = "<title>{{route.title}}</title><h1>{{route.heading}}</h1><p>{{route.lead}}</p>";
        let hearing = fill_for(html, &p, "/anhoerung");
        assert_eq!(hearing, "<title>Online-Anhörung – Serviceportal Musterstadt</title><h1>Online-Anhörung</h1><p>Sie haben einen Anhörungsbogen erhalten.</p>");
        assert_eq!(fill_for(html, &p, "/anhoerung/fall"), hearing);
        assert!(fill_for(html, &p, "/zahlen").contains("<h1>Bescheid bezahlen</h1>"));
        for other in ["/", "/zahlenx", "/termin", "/leistungen/anhoerung"] {
            assert_eq!(fill_for(html, &p, other), fill(html, &p), "{other}");
        }
        assert!(fill(html, &p).contains("<h1>Online-Dienste der Stadt Musterstadt</h1>"));
    }

    #[test]
    fn the_early_script_sets_the_same_headings_on_a_static_host() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/early.js");
        let js = std::fs::read_to_string(path).unwrap_or_default();
        for (prefix, heading, lead) in LANDING_SHELLS {
            let at = js.find(&format!("'{prefix}': {{")).expect(prefix);
            let entry = &js[at..at + js[at..].find("},").expect("end of entry")];
            assert!(entry.contains(&format!("heading: '{heading}'")), "{prefix}");
            assert!(entry.contains(&format!("lead: '{lead}'")), "{prefix}");
        }
    }

    #[test]
    fn profile_json_cannot_close_its_script_element() {
        let mut p = crate::town::Town::demo().profile;
        p.contact.street = "</script><script>alert(1)</script><!--".into();
        let json = json_for_script(&p);
        assert!(!json.contains('<'));
        let back: TownProfile = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back.contact.street, p.contact.street);
    }
}
