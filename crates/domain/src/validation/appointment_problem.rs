//! Problems of an appointment booking (visit, date, time) and their wording.

use crate::i18n::Lang;

/// What is wrong with a booking's visit, date or time (422, per field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppointmentProblem {
    UnknownLocation,
    NoConcern,
    UnknownConcern,
    RepeatedConcern,
    Count {
        max: u8,
    },
    NotHere,
    TooLong {
        minutes: u32,
        max: u16,
    },
    /// The date is not bookable (past, too far ahead, closed).
    DateNotOffered,
    /// The time is not a start time of that day (closed, off the grid, too late for the visit).
    TimeNotOffered,
}

impl AppointmentProblem {
    pub fn message(&self, lang: Lang) -> String {
        use AppointmentProblem as P;
        match (self, lang) {
            (P::UnknownLocation, Lang::De) => "Bitte wählen Sie einen Standort aus der Liste.".into(),
            (P::UnknownLocation, Lang::En) => "Choose a location from the list.".into(),
            (P::NoConcern, Lang::De) => "Bitte wählen Sie mindestens ein Anliegen.".into(),
            (P::NoConcern, Lang::En) => "Choose at least one concern.".into(),
            (P::UnknownConcern, Lang::De) => "Dieses Anliegen gibt es nicht. Bitte wählen Sie aus der Liste.".into(),
            (P::UnknownConcern, Lang::En) => "This concern does not exist. Choose one from the list.".into(),
            (P::RepeatedConcern, Lang::De) => "Ein Anliegen ist doppelt gewählt; geben Sie stattdessen die Zahl der Personen an.".into(),
            (P::RepeatedConcern, Lang::En) => "A concern is chosen twice; give the number of people instead.".into(),
            (P::Count { max }, Lang::De) => format!("Bitte geben Sie 1 bis {max} Personen an."),
            (P::Count { max }, Lang::En) => format!("Enter 1 to {max} people."),
            (P::NotHere, Lang::De) => "Dieses Anliegen wird an diesem Standort nicht bearbeitet. Bitte wählen Sie einen anderen Standort.".into(),
            (P::NotHere, Lang::En) => "This concern is not handled at this location. Choose another location.".into(),
            (P::TooLong { minutes, max }, Lang::De) => format!(
                "Ihr Besuch würde {} dauern; ein Termin darf höchstens {} lang sein. Bitte buchen Sie zwei Termine.",
                duration_text((*minutes).min(u32::from(u16::MAX)) as u16, Lang::De),
                duration_text(*max, Lang::De)
            ),
            (P::TooLong { minutes, max }, Lang::En) => format!(
                "Your visit would take {}; an appointment can be at most {}. Please book two appointments.",
                duration_text((*minutes).min(u32::from(u16::MAX)) as u16, Lang::En),
                duration_text(*max, Lang::En)
            ),
            (P::DateNotOffered, Lang::De) => "An diesem Tag können keine Termine gebucht werden. Bitte wählen Sie einen Tag aus der Liste.".into(),
            (P::DateNotOffered, Lang::En) => "Appointments cannot be booked on this day. Choose a day from the list.".into(),
            (P::TimeNotOffered, Lang::De) => "Zu dieser Uhrzeit beginnt kein Termin. Bitte wählen Sie eine Uhrzeit aus der Liste.".into(),
            (P::TimeNotOffered, Lang::En) => "No appointment starts at this time. Choose a time from the list.".into(),
        }
    }
}

/// A visit's length for people: "45 Minuten", "1 Stunde 30 Minuten".
pub fn duration_text(minutes: u16, lang: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = match (h, lang) {
        (0, _) => String::new(),
        (1, Lang::De) => "1 Stunde".into(),
        (1, Lang::En) => "1 hour".into(),
        (n, Lang::De) => format!("{n} Stunden"),
        (n, Lang::En) => format!("{n} hours"),
    };
    let mins = match (m, lang) {
        (0, _) => String::new(),
        (1, Lang::De) => "1 Minute".into(),
        (1, Lang::En) => "1 minute".into(),
        (n, Lang::De) => format!("{n} Minuten"),
        (n, Lang::En) => format!("{n} minutes"),
    };
    match (hours.is_empty(), mins.is_empty()) {
        (false, false) => format!("{hours} {mins}"),
        (true, _) => mins,
        (false, true) => hours,
    }
}
