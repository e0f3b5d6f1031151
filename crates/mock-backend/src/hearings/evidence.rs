//! Generated evidence "photos": simple SVG scenes drawn here (no real photos in the demo), with
//! the case's number plate and the camera's data bar, so the app's evidence view has real
//! images with real alt texts.

use domain::hearing::Offence;
use domain::i18n::Text;
use std::fmt::Write;

pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 400;

/// What an evidence image shows (`{"scene": "speed_camera", "limit": 30, "measured": 53}` in
/// the town's demo/hearings.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "scene", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scene {
    /// A parked car next to a no-stopping sign.
    NoStopping,
    /// A parked car next to a parking meter.
    ParkingMeter,
    /// A car photographed from the front by a speed camera, with the measurement.
    SpeedCamera { limit: u32, measured: u32 },
    /// The number plate, enlarged.
    PlateCloseUp,
}

#[derive(Debug, Clone)]
pub struct EvidenceSpec {
    pub id: String,
    pub scene: Scene,
    pub alt: Text,
    pub width: u32,
    pub height: u32,
}

impl EvidenceSpec {
    pub fn new(id: String, scene: Scene, o: &Offence) -> EvidenceSpec {
        let reg = &o.vehicle_registration;
        let (date_de, date_en, time) = (
            o.date.format_de(),
            o.date.format(domain::i18n::Lang::En),
            &o.time,
        );
        let alt = match scene {
            Scene::NoStopping => Text {
                de: format!("Foto: Ein Pkw mit dem Kennzeichen {reg} parkt am Straßenrand neben einem Haltverbotsschild. Eingeblendet: {date_de}, {time} Uhr."),
                en: format!("Photo: a car with the registration {reg} parked at the kerb next to a no-stopping sign. Data bar: {date_en}, {time}."),
            },
            Scene::ParkingMeter => Text {
                de: format!("Foto: Ein Pkw mit dem Kennzeichen {reg} parkt neben einem Parkscheinautomaten; hinter der Windschutzscheibe liegt nichts aus. Eingeblendet: {date_de}, {time} Uhr."),
                en: format!("Photo: a car with the registration {reg} parked next to a parking meter; nothing is displayed behind the windscreen. Data bar: {date_en}, {time}."),
            },
            Scene::SpeedCamera { limit, measured } => Text {
                de: format!("Messfoto von vorn: Pkw mit dem Kennzeichen {reg}, eine Person am Steuer. Eingeblendet: {date_de}, {time} Uhr, gemessen {measured} km/h, zulässig {limit} km/h."),
                en: format!("Speed camera photo from the front: a car with the registration {reg}, one person at the wheel. Data bar: {date_en}, {time}, measured {measured} km/h, limit {limit} km/h."),
            },
            Scene::PlateCloseUp => Text {
                de: format!("Vergrößerung des Kennzeichens: {reg}."),
                en: format!("Enlarged number plate: {reg}."),
            },
        };
        EvidenceSpec {
            id,
            scene,
            alt,
            width: WIDTH,
            height: HEIGHT,
        }
    }
}

/// Escapes text for SVG content and attribute values.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The SVG document of one evidence image.
pub fn svg(spec: &EvidenceSpec, offence: &Offence, case_number: &str) -> String {
    let (w, h) = (spec.width, spec.height);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"##,
        esc(&spec.alt.de)
    );
    let _ = write!(s, "<title>{}</title>", esc(&spec.alt.de));
    match spec.scene {
        Scene::NoStopping => {
            street(&mut s);
            car_side(&mut s, 190, "#6b7c93");
            no_stopping_sign(&mut s, 520, 120);
            plate(&mut s, 268, 262, 1.0, &offence.vehicle_registration);
        }
        Scene::ParkingMeter => {
            street(&mut s);
            car_side(&mut s, 150, "#8e3b46");
            parking_meter(&mut s, 520, 170);
            plate(&mut s, 228, 262, 1.0, &offence.vehicle_registration);
        }
        Scene::SpeedCamera { limit, measured } => {
            s.push_str(r##"<rect width="640" height="400" fill="#1f2933"/><rect y="230" width="640" height="170" fill="#3b4450"/>"##);
            s.push_str(r##"<path d="M320 230 L300 400 M320 230 L340 400" stroke="#e4e7eb" stroke-width="4" stroke-dasharray="18 14"/>"##);
            car_front(&mut s);
            plate(&mut s, 262, 292, 1.0, &offence.vehicle_registration);
            let _ = write!(
                s,
                r##"<rect x="470" y="20" width="150" height="44" fill="#000" opacity="0.7"/><text x="545" y="49" font-family="monospace" font-size="20" fill="#ffd54f" text-anchor="middle">{measured} km/h</text><circle cx="60" cy="60" r="34" fill="#fff" stroke="#c62828" stroke-width="9"/><text x="60" y="70" font-family="sans-serif" font-weight="bold" font-size="28" text-anchor="middle">{limit}</text>"##
            );
        }
        Scene::PlateCloseUp => {
            s.push_str(r##"<rect width="640" height="400" fill="#2e3640"/><rect x="40" y="90" width="560" height="200" rx="18" fill="#4a5563"/>"##);
            plate(&mut s, 110, 140, 3.9, &offence.vehicle_registration);
        }
    }
    data_bar(&mut s, w, h, offence, case_number);
    s.push_str("</svg>");
    s
}

fn street(s: &mut String) {
    s.push_str(concat!(
        r##"<rect width="640" height="400" fill="#cfe3f3"/>"##,
        r##"<rect x="0" y="40" width="150" height="170" fill="#d8c3a5"/><rect x="160" y="70" width="190" height="140" fill="#e6d5b8"/><rect x="360" y="30" width="140" height="180" fill="#c9b79c"/>"##,
        r##"<g fill="#7d98b3"><rect x="20" y="70" width="30" height="40"/><rect x="90" y="70" width="30" height="40"/><rect x="190" y="100" width="30" height="40"/><rect x="290" y="100" width="30" height="40"/><rect x="390" y="60" width="30" height="40"/><rect x="450" y="60" width="30" height="40"/></g>"##,
        r##"<rect x="0" y="210" width="640" height="40" fill="#b0b7bf"/><rect x="0" y="250" width="640" height="150" fill="#5f6870"/>"##,
        r##"<path d="M0 350 H640" stroke="#f5f5f5" stroke-width="5" stroke-dasharray="40 30"/>"##,
    ));
}

fn car_side(s: &mut String, x: i32, colour: &str) {
    let _ = write!(
        s,
        r##"<g><path d="M{x0} 290 v-40 q0 -12 14 -14 l46 -8 l40 -34 h120 l44 34 l40 8 q14 3 14 16 v38 z" fill="{colour}"/><path d="M{x1} 228 l30 -26 h50 v26 z M{x2} 228 v-26 h52 l32 26 z" fill="#bcd3e6"/><circle cx="{c1}" cy="292" r="24" fill="#222"/><circle cx="{c2}" cy="292" r="24" fill="#222"/><circle cx="{c1}" cy="292" r="10" fill="#999"/><circle cx="{c2}" cy="292" r="10" fill="#999"/></g>"##,
        x0 = x,
        x1 = x + 70,
        x2 = x + 160,
        c1 = x + 60,
        c2 = x + 250,
    );
}

fn car_front(s: &mut String) {
    s.push_str(concat!(
        r##"<path d="M170 330 v-70 q0 -20 20 -28 l30 -60 q6 -12 22 -12 h156 q16 0 22 12 l30 60 q20 8 20 28 v70 z" fill="#e8ecef"/>"##,
        r##"<path d="M232 226 l22 -48 h132 l22 48 z" fill="#6f8aa3"/>"##,
        r##"<circle cx="290" cy="208" r="13" fill="#f1c9a5"/><rect x="276" y="221" width="28" height="5" fill="#333"/>"##,
        r##"<ellipse cx="205" cy="268" rx="22" ry="12" fill="#fff7c2"/><ellipse cx="435" cy="268" rx="22" ry="12" fill="#fff7c2"/>"##,
        r##"<rect x="170" y="330" width="34" height="26" fill="#222"/><rect x="436" y="330" width="34" height="26" fill="#222"/>"##,
    ));
}

fn no_stopping_sign(s: &mut String, x: i32, y: i32) {
    let _ = write!(
        s,
        r##"<rect x="{px}" y="{y}" width="6" height="{ph}" fill="#777"/><circle cx="{x}" cy="{y}" r="30" fill="#1565c0" stroke="#c62828" stroke-width="8"/><path d="M{a} {b} L{c} {d} M{a} {d} L{c} {b}" stroke="#c62828" stroke-width="8"/>"##,
        px = x - 3,
        ph = 250 - y,
        a = x - 19,
        b = y - 19,
        c = x + 19,
        d = y + 19,
    );
}

fn parking_meter(s: &mut String, x: i32, y: i32) {
    let _ = write!(
        s,
        r##"<rect x="{px}" y="{y}" width="8" height="{ph}" fill="#555"/><rect x="{bx}" y="{by}" width="44" height="60" rx="6" fill="#2b6cb0"/><rect x="{dx}" y="{dy}" width="28" height="14" fill="#c7e0f4"/><text x="{x}" y="{ty}" font-family="sans-serif" font-weight="bold" font-size="16" fill="#fff" text-anchor="middle">P</text>"##,
        px = x - 4,
        ph = 250 - y,
        bx = x - 22,
        by = y - 60,
        dx = x - 14,
        dy = y - 50,
        ty = y - 12,
    );
}

/// A German number plate at (x, y), 104 × 22 units scaled by `k`.
fn plate(s: &mut String, x: i32, y: i32, k: f32, registration: &str) {
    let _ = write!(
        s,
        r##"<g transform="translate({x} {y}) scale({k})"><rect width="104" height="22" rx="2" fill="#fff" stroke="#111" stroke-width="1.2"/><rect width="10" height="22" rx="1.5" fill="#1a3d9c"/><text x="5" y="18" font-family="sans-serif" font-size="6" fill="#fff" text-anchor="middle">D</text><text x="57" y="16.5" font-family="monospace" font-weight="bold" font-size="13" fill="#111" text-anchor="middle">{}</text></g>"##,
        esc(registration)
    );
}

fn data_bar(s: &mut String, w: u32, h: u32, o: &Offence, case_number: &str) {
    let text = format!(
        "{} {} · {} · {}",
        o.date.format_de(),
        o.time,
        o.place,
        case_number
    );
    // Monospace at 13 px is about 7.8 px per character; squeeze long lines into the bar.
    let room = w.saturating_sub(24);
    let fit = if text.chars().count() as f32 * 7.8 > room as f32 {
        format!(r#" textLength="{room}" lengthAdjust="spacingAndGlyphs""#)
    } else {
        String::new()
    };
    let _ = write!(
        s,
        r##"<rect x="0" y="{y}" width="{w}" height="34" fill="#000"/><text x="12" y="{ty}" font-family="monospace" font-size="13" fill="#fff"{fit}>{}</text>"##,
        esc(&text),
        y = h - 34,
        ty = h - 12,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::date::Date;

    fn offence(reg: &str) -> Offence {
        Offence {
            date: Date::new(2026, 11, 16).unwrap(),
            time: "08:14".into(),
            place: "Bahnhofstraße 14 <Musterstadt>".into(),
            vehicle_registration: reg.into(),
            tbnr: "112402".into(),
            tbnr_text: Text::new("x", "x"),
            legal_basis: String::new(),
        }
    }

    #[test]
    fn every_scene_shows_the_plate_and_escapes_text() {
        let o = offence("MU-SK 482");
        for scene in [
            Scene::NoStopping,
            Scene::ParkingMeter,
            Scene::SpeedCamera {
                limit: 30,
                measured: 53,
            },
            Scene::PlateCloseUp,
        ] {
            let spec = EvidenceSpec::new("ev".into(), scene, &o);
            let svg = svg(&spec, &o, "OWI-2026-000101");
            assert!(svg.starts_with(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\""
            ));
            assert!(svg.contains(">MU-SK 482</text>"), "{scene:?}");
            assert!(svg.contains("16.11.2026 08:14"));
            assert!(svg.contains("&lt;Musterstadt&gt;") && !svg.contains("<Musterstadt>"));
            assert!(spec.alt.de.contains("MU-SK 482") && spec.alt.en.contains("MU-SK 482"));
            assert!(svg.ends_with("</svg>"));
            assert!(
                !svg.contains("textLength"),
                "a short data bar keeps its spacing"
            );
        }
        let mut long = offence("MU-TS 77");
        long.place =
            "Landstraße L 123, km 4,2, Gemarkung Musterstadt, Fahrtrichtung Beispielhausen".into();
        let spec = EvidenceSpec::new("ev".into(), Scene::NoStopping, &long);
        assert!(
            svg(&spec, &long, "OWI-2026-000103").contains(r#"textLength="616""#),
            "a long data bar is fitted"
        );
    }
}
