//! Walking a form: which steps are visible for these answers, where "continue" and "back" go,
//! and whether a deep link to a step may be followed (earlier steps must be answered).

use super::answers::Answers;
use super::definition::{FormDefinition, Step};
use super::validate::{step_visible, validate_step};
use crate::date::Date;

/// The URL segment of the check-your-answers page.
pub const CHECK_PAGE: &str = "pruefen";

/// See [`Journey::land`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landing {
    Check,
    Step(Step),
    /// The step id to go to instead.
    Redirect(String),
    /// A form without visible steps.
    NotFound,
}

pub struct Journey<'a> {
    def: &'a FormDefinition,
    answers: &'a Answers,
    today: Date,
}

impl<'a> Journey<'a> {
    pub fn new(def: &'a FormDefinition, answers: &'a Answers, today: Date) -> Self {
        Journey {
            def,
            answers,
            today,
        }
    }

    pub fn visible_steps(&self) -> Vec<&'a Step> {
        self.def
            .steps
            .iter()
            .filter(|s| step_visible(s, self.answers))
            .collect()
    }

    /// 1-based position and count among the visible steps ("Schritt 2 von 5").
    pub fn position(&self, step_id: &str) -> Option<(usize, usize)> {
        let steps = self.visible_steps();
        steps
            .iter()
            .position(|s| s.id == step_id)
            .map(|i| (i + 1, steps.len()))
    }

    pub fn step_is_valid(&self, step: &Step) -> bool {
        validate_step(step, self.answers, self.today).is_empty()
    }

    /// The first visible step that still has errors; `None` when the form is complete.
    pub fn first_incomplete(&self) -> Option<&'a Step> {
        self.visible_steps()
            .into_iter()
            .find(|s| !self.step_is_valid(s))
    }

    pub fn is_complete(&self) -> bool {
        self.first_incomplete().is_none()
    }

    /// Where a request for `step_id` should land: the step itself when it is visible and every
    /// earlier visible step is answered, else the first unanswered step (or the first step).
    pub fn resolve(&self, step_id: &str) -> Option<&'a Step> {
        let steps = self.visible_steps();
        let Some(idx) = steps.iter().position(|s| s.id == step_id) else {
            return self.first_incomplete().or_else(|| steps.first().copied());
        };
        match steps[..idx].iter().find(|s| !self.step_is_valid(s)) {
            Some(earlier) => Some(*earlier),
            None => Some(steps[idx]),
        }
    }

    /// What a request for the wizard page `requested` shows: the check page only for a complete
    /// form, a step only where [`resolve`](Self::resolve) lands on it; otherwise where to go.
    pub fn land(&self, requested: &str) -> Landing {
        if requested == CHECK_PAGE {
            return match self.first_incomplete() {
                Some(step) => Landing::Redirect(step.id.clone()),
                None => Landing::Check,
            };
        }
        match self.resolve(requested) {
            Some(target) if target.id == requested => Landing::Step(target.clone()),
            Some(target) => Landing::Redirect(target.id.clone()),
            None => Landing::NotFound,
        }
    }

    /// Where "continue" on a valid step goes: the next visible step, or the check page after
    /// the last. Coming from the check page (`returning`), the first step still unanswered (a
    /// changed answer may reveal one), else back to the check page.
    pub fn continue_from(&self, step_id: &str, returning: bool) -> String {
        let target = if returning {
            self.first_incomplete()
        } else {
            self.next(step_id)
        };
        target.map_or_else(|| CHECK_PAGE.to_string(), |s| s.id.clone())
    }

    /// Where "back" on a step goes: the check page when the step was opened from there, else
    /// the previous visible step; `None` on the first step (the flow's start page).
    pub fn back_from(&self, step_id: &str, returning: bool) -> Option<String> {
        if returning {
            return Some(CHECK_PAGE.to_string());
        }
        self.previous(step_id).map(|s| s.id.clone())
    }

    pub fn next(&self, step_id: &str) -> Option<&'a Step> {
        let steps = self.visible_steps();
        let idx = steps.iter().position(|s| s.id == step_id)?;
        steps.get(idx + 1).copied()
    }

    pub fn previous(&self, step_id: &str) -> Option<&'a Step> {
        let steps = self.visible_steps();
        let idx = steps.iter().position(|s| s.id == step_id)?;
        idx.checked_sub(1).and_then(|i| steps.get(i).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{Answer, Condition, FeeRule, Field, FieldKind};
    use crate::i18n::Text;

    fn field(id: &str) -> Field {
        Field {
            id: id.into(),
            kind: FieldKind::ShortText {
                max_len: 50,
                autocomplete: None,
            },
            label: Text::new(id, id),
            hint: None,
            required: true,
            condition: None,
            prefill: None,
        }
    }

    fn def() -> FormDefinition {
        let step = |id: &str, cond: Option<Condition>| Step {
            id: id.into(),
            title: Text::new(id, id),
            intro: None,
            fields: vec![field(id)],
            condition: cond,
        };
        FormDefinition {
            id: "t".into(),
            version: 1,
            title: Text::new("T", "T"),
            intro: Text::new("", ""),
            next_steps: Text::new("", ""),
            steps: vec![
                step("a", None),
                step(
                    "b",
                    Some(Condition::Equals {
                        field: "a".into(),
                        value: "show".into(),
                    }),
                ),
                step("c", None),
            ],
            fee: FeeRule::Free,
            sign_in: Default::default(),
            min_trust_level: None,
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Answer::Text(v.to_string())))
            .collect()
    }

    #[test]
    fn conditional_steps_change_the_route_and_the_count() {
        let d = def();
        let today = Date::new(2026, 11, 21).unwrap();
        let a = answers(&[("a", "hide")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.next("a").map(|s| s.id.as_str()), Some("c"));
        assert_eq!(j.position("c"), Some((2, 2)));
        let a = answers(&[("a", "show")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.next("a").map(|s| s.id.as_str()), Some("b"));
        assert_eq!(j.previous("c").map(|s| s.id.as_str()), Some("b"));
        assert_eq!(j.position("c"), Some((3, 3)));
    }

    #[test]
    fn deep_links_land_on_the_first_unanswered_step() {
        let d = def();
        let today = Date::new(2026, 11, 21).unwrap();
        let empty = Answers::new();
        let j = Journey::new(&d, &empty, today);
        assert_eq!(j.resolve("c").map(|s| s.id.as_str()), Some("a"));
        assert_eq!(j.resolve("nonsense").map(|s| s.id.as_str()), Some("a"));
        let a = answers(&[("a", "show")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.resolve("c").map(|s| s.id.as_str()), Some("b"));
        let a = answers(&[("a", "hide"), ("c", "x")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.resolve("c").map(|s| s.id.as_str()), Some("c"));
        assert!(j.is_complete());
        assert_eq!(
            j.resolve("b").map(|s| s.id.as_str()),
            Some("a"),
            "a hidden step on a complete form sends to the first step"
        );
    }

    #[test]
    fn continue_and_back_follow_the_visible_steps_or_return_to_the_check_page() {
        let d = def();
        let today = Date::new(2026, 11, 21).unwrap();
        let a = answers(&[("a", "hide")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.continue_from("a", false), "c", "b is hidden");
        assert_eq!(
            j.continue_from("c", false),
            CHECK_PAGE,
            "after the last step"
        );
        assert_eq!(j.back_from("c", false).as_deref(), Some("a"));
        assert_eq!(
            j.back_from("a", false),
            None,
            "the first step goes to the start"
        );
        assert_eq!(j.back_from("c", true).as_deref(), Some(CHECK_PAGE));
        // From the check page: a changed answer that reveals an unanswered step leads there...
        let a = answers(&[("a", "show"), ("c", "x")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.continue_from("a", true), "b");
        assert_eq!(j.continue_from("a", false), "b");
        // ...otherwise straight back, even from the first step.
        let a = answers(&[("a", "hide"), ("c", "x")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.continue_from("a", true), CHECK_PAGE);
        assert_eq!(j.continue_from("a", false), "c");
    }

    #[test]
    fn the_check_page_and_steps_are_shown_only_where_the_route_allows() {
        let d = def();
        let today = Date::new(2026, 11, 21).unwrap();
        let empty = Answers::new();
        let j = Journey::new(&d, &empty, today);
        assert_eq!(j.land(CHECK_PAGE), Landing::Redirect("a".into()));
        assert_eq!(j.land("c"), Landing::Redirect("a".into()));
        assert!(matches!(j.land("a"), Landing::Step(ref s) if s.id == "a"));
        let a = answers(&[("a", "hide"), ("c", "x")]);
        let j = Journey::new(&d, &a, today);
        assert_eq!(j.land(CHECK_PAGE), Landing::Check);
        assert!(matches!(j.land("c"), Landing::Step(ref s) if s.id == "c"));
        assert_eq!(j.land("b"), Landing::Redirect("a".into()), "a hidden step");
        let none = FormDefinition {
            steps: vec![],
            ..d.clone()
        };
        let j = Journey::new(&none, &empty, today);
        assert_eq!(j.land("a"), Landing::NotFound);
    }
}
