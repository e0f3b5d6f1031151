//! The hearing's two guided steps as a form definition for the generic wizard: § 111 personal
//! data (mandatory) and, separately, what the person says on the matter (optional for the
//! person concerned, § 55 OWiG). The answers are then mapped to the API's `HearingResponse`.

use domain::form::{
    AddressAnswer, Answer, Answers, Choice, Condition, DateRule, FeeRule, Field, FieldKind,
    FormDefinition, Step,
};
use domain::hearing::{
    HearingChoice, HearingPerson, HearingResponse, HearingRole, MaritalStatus, PersonalData,
};
use domain::i18n::Text;

pub const FORM_ID: &str = "anhoerung";

fn t(de: &str, en: &str) -> Text {
    Text::new(de, en)
}

fn field(id: &str, kind: FieldKind, label: Text, required: bool) -> Field {
    Field {
        id: id.into(),
        kind,
        label,
        hint: None,
        required,
        condition: None,
        prefill: None,
    }
}

fn short(max: u32, autocomplete: &str) -> FieldKind {
    FieldKind::ShortText {
        max_len: max,
        autocomplete: (!autocomplete.is_empty()).then(|| autocomplete.to_string()),
    }
}

fn choice(value: &str, label: Text, hint: Option<Text>) -> Choice {
    Choice {
        value: value.into(),
        label,
        hint,
    }
}

fn when(field: &str, values: &[&str]) -> Option<Condition> {
    Some(Condition::OneOf {
        field: field.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    })
}

/// `on`: a day near today (the offence date); birth date examples are decades before it.
pub fn definition(role: HearingRole, on: domain::date::Date) -> FormDefinition {
    let birth_example = domain::form::years_ago(on, 40);
    let marital = MaritalStatus::ALL
        .iter()
        .map(|m| {
            choice(
                &serde_value(*m),
                t(
                    m.label(domain::i18n::Lang::De),
                    m.label(domain::i18n::Lang::En),
                ),
                None,
            )
        })
        .collect();
    let mut birth_name = field(
        "birth_name",
        short(100, "off"),
        t(
            "Geburtsname (falls abweichend)",
            "Birth name (if different)",
        ),
        false,
    );
    birth_name.hint = Some(t(
        "Nur wenn er sich von Ihrem Familiennamen unterscheidet.",
        "Only if it differs from your family name.",
    ));
    let personal = Step {
        id: crate::routes::HEARING_PERSONAL.into(),
        title: t("Angaben zur Person", "Personal details"),
        intro: Some(t(
            "Diese Angaben zur Person müssen Sie machen (§ 111 OWiG). Zum Vorwurf selbst müssen Sie nichts sagen (§ 55 OWiG) – das fragen wir im nächsten Schritt getrennt.",
            "You must give these personal details (§ 111 OWiG). You do not have to say anything about the accusation (§ 55 OWiG) – we ask about that separately in the next step.",
        )),
        fields: vec![
            field("family_name", short(100, "family-name"), t("Familienname", "Family name"), true),
            birth_name,
            field("given_names", short(100, "given-name"), t("Vornamen", "Given names"), true),
            field("date_of_birth", FieldKind::Date { rules: vec![DateRule::InPast], example: Some(birth_example) }, t("Geburtsdatum", "Date of birth"), true),
            field("place_of_birth", short(100, "off"), t("Geburtsort", "Place of birth"), true),
            field("address", FieldKind::Address, t("Anschrift", "Address"), true),
            field("nationality", short(100, "off"), t("Staatsangehörigkeit", "Nationality"), true),
            field("occupation", short(100, "organization-title"), t("Beruf", "Occupation"), true),
            field("marital_status", FieldKind::OneOf { options: marital }, t("Familienstand", "Marital status"), true),
        ],
        condition: None,
    };
    let options = match role {
        HearingRole::PersonConcerned => vec![
            choice("admit", t("Ich räume den Verstoß ein", "I admit the offence"), None),
            choice("contest", t("Ich bestreite den Verstoß", "I contest the offence"), Some(t("Bitte begründen Sie, warum.", "Please explain why."))),
            choice("silent", t("Ich äußere mich nicht zur Sache", "I will not comment on the matter"), Some(t("Das ist Ihr Recht (§ 55 OWiG).", "This is your right (§ 55 OWiG)."))),
        ],
        HearingRole::KeeperWitness => vec![
            choice(
                "name_driver",
                t("Ich bin nicht gefahren und nenne die Person, die gefahren ist", "I did not drive and name the person who drove"),
                Some(t(
                    "Achtung: Wer wissentlich eine falsche Person benennt, macht sich strafbar (falsche Verdächtigung, § 164 StGB).",
                    "Warning: knowingly naming the wrong person is a crime (false accusation, § 164 StGB).",
                )),
            ),
            choice(
                "refuse",
                t("Ich verweigere die Aussage, weil ich mit der Person, die gefahren ist, verwandt bin", "I refuse to testify because I am related to the person who drove"),
                Some(t("Sie müssen nicht sagen, in welchem Verhältnis Sie zu der Person stehen.", "You do not have to say how you are related.")),
            ),
            choice("statement", t("Ich möchte etwas anderes mitteilen", "I want to say something else"), Some(t("Zum Beispiel, dass Sie selbst gefahren sind.", "For example that you drove yourself."))),
        ],
    };
    let mut text = field(
        "text",
        FieldKind::LongText { max_len: 2000 },
        t("Ihre Stellungnahme", "Your statement"),
        false,
    );
    text.condition = when("choice", &["admit", "contest", "statement"]);
    text.hint = Some(t("Höchstens 2.000 Zeichen.", "At most 2,000 characters."));
    let mut attachment = field(
        "attachment",
        FieldKind::FileUpload,
        t("Anhang (freiwillig)", "Attachment (optional)"),
        false,
    );
    attachment.condition = when("choice", &["admit", "contest", "statement"]);
    attachment.hint = Some(t(
        "Zum Beispiel ein Foto oder ein Kaufvertrag.",
        "For example a photo or a purchase contract.",
    ));
    let driver = |id: &str, kind: FieldKind, label: Text| {
        let mut f = field(id, kind, label, true);
        f.condition = when("choice", &["name_driver"]);
        f
    };
    let matter = Step {
        id: crate::routes::HEARING_MATTER.into(),
        title: match role {
            HearingRole::PersonConcerned => t("Ihre Äußerung zum Vorwurf", "What you say about the accusation"),
            HearingRole::KeeperWitness => t("Wer ist gefahren?", "Who was driving?"),
        },
        intro: Some(match role {
            HearingRole::PersonConcerned => t(
                "Niemand muss sich zum Vorwurf äußern. Wenn Sie etwas sagen, berücksichtigen wir es.",
                "Nobody has to comment on the accusation. If you say something, we take it into account.",
            ),
            HearingRole::KeeperWitness => t(
                "Sie werden als Zeugin oder Zeuge befragt, weil das Fahrzeug auf Sie zugelassen ist.",
                "You are questioned as a witness because the vehicle is registered to you.",
            ),
        }),
        fields: vec![
            field("choice", FieldKind::OneOf { options }, t("Ihre Antwort", "Your answer"), true),
            text,
            attachment,
            driver("driver_family_name", short(100, "off"), t("Familienname der Person, die gefahren ist", "Family name of the driver")),
            driver("driver_given_names", short(100, "off"), t("Vornamen der Person, die gefahren ist", "Given names of the driver")),
            driver("driver_address", FieldKind::Address, t("Anschrift der Person, die gefahren ist", "Address of the driver")),
            driver("driver_date_of_birth", FieldKind::Date { rules: vec![DateRule::InPast], example: Some(birth_example) }, t("Geburtsdatum der Person, die gefahren ist", "Date of birth of the driver")),
        ],
        condition: None,
    };
    FormDefinition {
        id: FORM_ID.into(),
        version: 1,
        title: t("Anhörung", "Hearing"),
        intro: t("", ""),
        next_steps: t("", ""),
        steps: vec![personal, matter],
        fee: FeeRule::Free,
        sign_in: Default::default(),
        min_trust_level: None,
    }
}

fn serde_value(m: MaritalStatus) -> String {
    serde_json_value(&m)
}

fn serde_json_value<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Known data from the vehicle register, so nobody types it twice (WCAG 3.3.7).
pub fn prefill(answers: &mut Answers, p: &HearingPerson) {
    let mut set = |k: &str, v: &str| {
        if !v.is_empty() && !answers.contains_key(k) {
            answers.insert(k.into(), Answer::Text(v.into()));
        }
    };
    set("family_name", &p.family_name);
    set("given_names", &p.given_names);
    if !answers.contains_key("address") {
        answers.insert(
            "address".into(),
            Answer::Address(AddressAnswer {
                street: p.street.clone(),
                house_number: p.house_number.clone(),
                postal_code: p.postal_code.clone(),
                town: p.town.clone(),
            }),
        );
    }
}

fn text(a: &Answers, k: &str) -> String {
    a.get(k)
        .and_then(Answer::as_text)
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn address(a: &Answers, k: &str) -> AddressAnswer {
    match a.get(k) {
        Some(Answer::Address(x)) => x.clone(),
        _ => AddressAnswer {
            street: String::new(),
            house_number: String::new(),
            postal_code: String::new(),
            town: String::new(),
        },
    }
}

pub fn to_response(a: &Answers) -> HearingResponse {
    let addr = address(a, "address");
    let birth_name = text(a, "birth_name");
    let marital = MaritalStatus::ALL
        .into_iter()
        .find(|m| serde_value(*m) == text(a, "marital_status"));
    let personal_data = PersonalData {
        family_name: text(a, "family_name"),
        birth_name: (!birth_name.is_empty()).then_some(birth_name),
        given_names: text(a, "given_names"),
        date_of_birth: text(a, "date_of_birth"),
        place_of_birth: text(a, "place_of_birth"),
        street: addr.street,
        house_number: addr.house_number,
        postal_code: addr.postal_code,
        town: addr.town,
        nationality: text(a, "nationality"),
        occupation: text(a, "occupation"),
        marital_status: marital,
    };
    let attachments = match a.get("attachment") {
        Some(Answer::File(f)) => vec![f.id.clone()],
        _ => Vec::new(),
    };
    let choice = match text(a, "choice").as_str() {
        "admit" => HearingChoice::Statement {
            admits: true,
            text: text(a, "text"),
            attachments,
        },
        "contest" | "statement" => HearingChoice::Statement {
            admits: false,
            text: text(a, "text"),
            attachments,
        },
        "name_driver" => {
            let d = address(a, "driver_address");
            HearingChoice::NameDriver {
                family_name: text(a, "driver_family_name"),
                given_names: text(a, "driver_given_names"),
                street: d.street,
                house_number: d.house_number,
                postal_code: d.postal_code,
                town: d.town,
                date_of_birth: text(a, "driver_date_of_birth"),
            }
        }
        "refuse" => HearingChoice::RefuseAsRelative,
        _ => HearingChoice::NoStatement,
    };
    HearingResponse {
        personal_data,
        choice,
    }
}

/// The server's field ids → the ids of the fields on screen.
pub fn local_field(server: &str) -> String {
    let address_part = |p: &str| ["street", "house_number", "postal_code", "town"].contains(&p);
    match server.split_once('.') {
        Some(("personal_data", p)) if address_part(p) => format!("address.{p}"),
        Some(("personal_data", p)) => p.to_string(),
        Some(("choice", "kind")) => "choice".into(),
        Some(("choice", "text")) => "text".into(),
        Some(("choice", "attachments")) => "attachment".into(),
        Some(("choice", p)) if address_part(p) => format!("driver_address.{p}"),
        Some(("choice", p)) => format!("driver_{p}"),
        _ => server.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::date::Date;
    use domain::form::FileAnswer;

    fn addr(street: &str, no: &str, postal: &str, town: &str) -> Answer {
        Answer::Address(AddressAnswer {
            street: street.into(),
            house_number: no.into(),
            postal_code: postal.into(),
            town: town.into(),
        })
    }

    fn answers(pairs: Vec<(&str, Answer)>) -> Answers {
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    fn text(v: &str) -> Answer {
        Answer::Text(v.into())
    }

    fn personal() -> Vec<(&'static str, Answer)> {
        vec![
            ("family_name", text("  Mustermann ")),
            ("birth_name", text("   ")),
            ("given_names", text("Erika")),
            ("date_of_birth", text("1980-04-12")),
            ("place_of_birth", text("Musterstadt")),
            ("address", addr("Lindenweg", "3", "12345", "Musterstadt")),
            ("nationality", text("deutsch")),
            ("occupation", text("Ingenieurin")),
            ("marital_status", text("civil_partnership")),
        ]
    }

    #[test]
    fn personal_data_is_trimmed_and_a_blank_birth_name_left_out() {
        let r = to_response(&answers(personal()));
        let p = r.personal_data;
        assert_eq!(p.family_name, "Mustermann");
        assert_eq!(p.birth_name, None);
        assert_eq!(
            (
                p.street.as_str(),
                p.house_number.as_str(),
                p.postal_code.as_str(),
                p.town.as_str()
            ),
            ("Lindenweg", "3", "12345", "Musterstadt")
        );
        assert_eq!(p.marital_status, Some(MaritalStatus::CivilPartnership));
        assert_eq!(p.date_of_birth, "1980-04-12");
        // Nothing answered: empty strings, no marital status, no statement.
        let empty = to_response(&Answers::new());
        assert_eq!(empty.personal_data.family_name, "");
        assert_eq!(empty.personal_data.street, "");
        assert_eq!(empty.personal_data.marital_status, None);
        assert_eq!(empty.choice, HearingChoice::NoStatement);
    }

    #[test]
    fn each_choice_becomes_its_api_answer() {
        let with = |extra: Vec<(&'static str, Answer)>| {
            let mut all = personal();
            all.extend(extra);
            to_response(&answers(all)).choice
        };
        let file = Answer::File(FileAnswer {
            id: "up-1".into(),
            name: "foto.jpg".into(),
            size: 10,
        });
        assert_eq!(
            with(vec![
                ("choice", text("admit")),
                ("text", text(" Ja. ")),
                ("attachment", file)
            ]),
            HearingChoice::Statement {
                admits: true,
                text: "Ja.".into(),
                attachments: vec!["up-1".into()]
            }
        );
        for kind in ["contest", "statement"] {
            assert_eq!(
                with(vec![("choice", text(kind)), ("text", text("Nein."))]),
                HearingChoice::Statement {
                    admits: false,
                    text: "Nein.".into(),
                    attachments: vec![]
                },
                "{kind}"
            );
        }
        assert_eq!(
            with(vec![
                ("choice", text("name_driver")),
                ("driver_family_name", text("Beispiel")),
                ("driver_given_names", text("Erika")),
                (
                    "driver_address",
                    addr("Am Markt", "3", "12345", "Musterstadt")
                ),
                ("driver_date_of_birth", text("1990-06-05")),
            ]),
            HearingChoice::NameDriver {
                family_name: "Beispiel".into(),
                given_names: "Erika".into(),
                street: "Am Markt".into(),
                house_number: "3".into(),
                postal_code: "12345".into(),
                town: "Musterstadt".into(),
                date_of_birth: "1990-06-05".into(),
            }
        );
        assert_eq!(
            with(vec![("choice", text("refuse"))]),
            HearingChoice::RefuseAsRelative
        );
        assert_eq!(
            with(vec![("choice", text("silent"))]),
            HearingChoice::NoStatement
        );
        assert_eq!(
            with(vec![("choice", text("other"))]),
            HearingChoice::NoStatement
        );
    }

    #[test]
    fn server_field_ids_map_to_the_fields_on_screen() {
        for (server, local) in [
            ("personal_data.family_name", "family_name"),
            ("personal_data.street", "address.street"),
            ("personal_data.postal_code", "address.postal_code"),
            ("personal_data.marital_status", "marital_status"),
            ("choice.kind", "choice"),
            ("choice.text", "text"),
            ("choice.attachments", "attachment"),
            ("choice.town", "driver_address.town"),
            ("choice.house_number", "driver_address.house_number"),
            ("choice.family_name", "driver_family_name"),
            ("choice.date_of_birth", "driver_date_of_birth"),
            ("form_version", "form_version"),
        ] {
            assert_eq!(local_field(server), local, "{server}");
        }
    }

    #[test]
    fn every_error_the_server_finds_lands_on_a_step() {
        let today = Date::new(2026, 12, 1).unwrap();
        let mut bad_driver = to_response(&answers(vec![("choice", text("name_driver"))]));
        bad_driver.personal_data.date_of_birth = "2099-01-01".into();
        let cases = [
            (HearingRole::PersonConcerned, to_response(&Answers::new())),
            (HearingRole::KeeperWitness, to_response(&Answers::new())),
            (HearingRole::KeeperWitness, bad_driver),
        ];
        for (role, body) in cases {
            let form = definition(role, today);
            let errors = body.validate(role, today).expect_err("incomplete");
            let keys: Vec<String> = errors
                .messages(domain::i18n::Lang::De)
                .into_keys()
                .collect();
            assert!(!keys.is_empty());
            for key in keys {
                let local = local_field(&key);
                assert!(
                    form.step_of_field(&local).is_some(),
                    "{key} → {local} is on no step ({role:?})"
                );
            }
        }
    }
}
