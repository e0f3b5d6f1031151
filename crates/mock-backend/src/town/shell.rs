//! The static shell: index.html with the town's name before the wasm arrives, and `town.css`
//! with its colours (a stylesheet, because the Content-Security-Policy allows no inline
//! styles). The backend fills both from the profile when it serves them; for a static host
//! `mock-backend --render-shell dist` writes them (scripts/render-shell.sh, docs/deploy.md).

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

/// index.html with every placeholder replaced by the HTML-escaped value, and the profile as
/// JSON in its data block.
pub fn fill(html: &str, p: &TownProfile) -> String {
    placeholders(p)
        .into_iter()
        .fold(html.to_owned(), |acc, (token, value)| {
            acc.replace(token, &escape(&value))
        })
        .replace(PROFILE_JSON, &json_for_script(p))
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
    html.contains("{{town.")
}

/// The town's colours as custom properties, loaded after style/main.css.
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
    fn profile_json_cannot_close_its_script_element() {
        let mut p = crate::town::Town::demo().profile;
        p.contact.street = "</script><script>alert(1)</script><!--".into();
        let json = json_for_script(&p);
        assert!(!json.contains('<'));
        let back: TownProfile = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back.contact.street, p.contact.street);
    }
}
