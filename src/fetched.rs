//! A value loaded from the API: fetched when the page starts, again when a signal the fetcher
//! reads changes (a route parameter), and on `refetch` (a "try again" button).
//!
//! Leptos' `LocalResource` does this through its general async-derived signal, whose machinery
//! is instantiated for every value type; this is a signal, an effect and a boxed future.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;

type Fetcher<T> = Box<dyn Fn() -> Pin<Box<dyn Future<Output = T>>>>;

pub struct Fetched<T: 'static> {
    value: RwSignal<Option<T>, LocalStorage>,
    /// Bumped per fetch: an answer to an older fetch is dropped.
    generation: StoredValue<u64, LocalStorage>,
    fetcher: StoredValue<Fetcher<T>, LocalStorage>,
}

impl<T: 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Fetched<T> {}

impl<T: Clone + 'static> Fetched<T> {
    /// `fetch` is called in a tracking scope: what it reads before its future starts decides
    /// when to fetch again.
    pub fn new<Fut: Future<Output = T> + 'static>(fetch: impl Fn() -> Fut + 'static) -> Self {
        let fetcher: Fetcher<T> = Box::new(move || Box::pin(fetch()));
        let this = Fetched {
            value: RwSignal::new_local(None),
            generation: StoredValue::new_local(0),
            fetcher: StoredValue::new_local(fetcher),
        };
        Effect::new(move |_| this.start());
        this
    }

    fn start(self) {
        let Some(generation) = self.generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        let Some(future) = self.fetcher.try_with_value(|f| f()) else {
            return;
        };
        if self.value.try_with_untracked(Option::is_some) == Some(true) {
            self.value.set(None);
        }
        spawn_local(async move {
            let value = future.await;
            // The page may have gone meanwhile (then the stored values are disposed).
            if self.generation.try_get_value() == Some(generation) {
                self.value.try_set(Some(value));
            }
        });
    }

    /// Fetches again; until the answer arrives the value is `None` (the page shows "loading").
    pub fn refetch(&self) {
        untrack(|| self.start());
    }

    /// `None` while loading (tracked).
    pub fn get(&self) -> Option<T> {
        self.value.try_get().flatten()
    }

    pub fn get_untracked(&self) -> Option<T> {
        self.value.try_get_untracked().flatten()
    }

    pub fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> Option<R> {
        self.value.try_with(f)
    }
}
