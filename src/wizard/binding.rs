//! How a field reads and writes its answer: at the top level of the answers, or inside an item
//! of a repeatable group. The renderer does not need to know which.

use domain::form::{Answer, Answers};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
pub struct Binding {
    get: Arc<dyn Fn() -> Option<Answer> + Send + Sync>,
    set: Arc<dyn Fn(Option<Answer>) + Send + Sync>,
    /// The answers a condition of this field is evaluated against (item first, then the form).
    scopes: Arc<dyn Fn() -> Vec<Answers> + Send + Sync>,
}

impl Binding {
    pub fn top(answers: RwSignal<Answers>, id: String) -> Binding {
        let (get_id, set_id) = (id.clone(), id);
        Binding {
            get: Arc::new(move || answers.with(|a| a.get(&get_id).cloned())),
            set: Arc::new(move |v| {
                answers.update(|a| match v {
                    Some(v) => {
                        a.insert(set_id.clone(), v);
                    }
                    None => {
                        a.remove(&set_id);
                    }
                })
            }),
            scopes: Arc::new(move || vec![answers.get()]),
        }
    }

    pub fn item(answers: RwSignal<Answers>, group: String, index: usize, id: String) -> Binding {
        let (g1, g2, g3) = (group.clone(), group.clone(), group);
        let (id1, id2) = (id.clone(), id);
        let item_of = move |a: &Answers, g: &str| match a.get(g) {
            Some(Answer::Group(items)) => items.get(index).cloned(),
            _ => None,
        };
        Binding {
            get: Arc::new(move || {
                answers.with(|a| item_of(a, &g1).and_then(|item| item.get(&id1).cloned()))
            }),
            set: Arc::new(move |v| {
                answers.update(|a| {
                    if let Some(Answer::Group(items)) = a.get_mut(&g2) {
                        if let Some(item) = items.get_mut(index) {
                            match v {
                                Some(v) => {
                                    item.insert(id2.clone(), v);
                                }
                                None => {
                                    item.remove(&id2);
                                }
                            }
                        }
                    }
                })
            }),
            scopes: Arc::new(move || {
                answers.with(|a| {
                    let mut s = Vec::with_capacity(2);
                    if let Some(item) = item_of(a, &g3) {
                        s.push(item);
                    }
                    s.push(a.clone());
                    s
                })
            }),
        }
    }

    pub fn get(&self) -> Option<Answer> {
        (self.get)()
    }

    pub fn text(&self) -> String {
        match self.get() {
            Some(Answer::Text(t)) => t,
            _ => String::new(),
        }
    }

    /// The text without subscribing (an initial value in a component body).
    pub fn text_untracked(&self) -> String {
        untrack(|| self.text())
    }

    pub fn set(&self, v: Option<Answer>) {
        (self.set)(v)
    }

    pub fn set_text(&self, t: String) {
        self.set(if t.is_empty() {
            None
        } else {
            Some(Answer::Text(t))
        })
    }

    pub fn scopes(&self) -> Vec<Answers> {
        (self.scopes)()
    }
}
