//! `jiyn-embed`: the wasm behind Jiyn's embeddable agenda widget `<jiyn-agenda>`
//! (`public/embed/agenda.js`). It reads a forum's public agenda feed with
//! `jiyn_core::feed::decode` and answers the widget's few questions (what to draw, what
//! is on now, which sessions a filter keeps); the widget builds the DOM itself.
//!
//! The boundary is deliberately thin, so the bundle stays small: text in, JSON text or
//! numbers out, one exported class. See docs/embedding.md.

pub mod reader;
#[cfg(not(target_arch = "wasm32"))]
pub mod sample;
pub mod view;

use chrono::DateTime;
use jiyn_core::Lang;
use view::{Agenda as Inner, Filter};
use wasm_bindgen::prelude::*;

/// A decoded agenda feed, kept on the wasm side between calls.
#[wasm_bindgen(js_name = Agenda)]
pub struct Agenda(Inner);

fn lang_of(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or(Lang::Kk)
}

fn index(i: i32) -> Option<usize> {
    usize::try_from(i).ok()
}

#[wasm_bindgen(js_class = Agenda)]
impl Agenda {
    /// Reads the feed text; throws a string code (`not_json`, `truncated`, `foreign`,
    /// `newer`, `malformed`, `too_large`) when it is not a feed this version reads.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<Agenda, JsValue> {
        Inner::parse(text)
            .map(Agenda)
            .map_err(|r| JsValue::from_str(r.code()))
    }

    /// The forum's id.
    #[wasm_bindgen(getter, js_name = forumId)]
    pub fn forum_id(&self) -> String {
        let mut buf = [0u8; 36];
        self.0
            .feed()
            .forum
            .id
            .hyphenated()
            .encode_lower(&mut buf)
            .to_string()
    }

    /// How many sessions the programme has.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.len()
    }

    /// The view model in a language (`kk`, `ru`, `en`), as JSON text.
    pub fn view(&self, lang: &str) -> String {
        self.0.view_json(lang_of(lang))
    }

    /// What is on now and next at `now_ms` (Unix milliseconds) by the forum's clock, as
    /// JSON text `{"time","date","today","now":[…],"next":[…]}`.
    #[wasm_bindgen(js_name = nowNext)]
    pub fn now_next(&self, now_ms: f64) -> String {
        let t = DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default();
        self.0.now_next_json(t)
    }

    /// Indices of the sessions a filter keeps, in programme order. `day`, `venue`,
    /// `room`: an index of the view's lists, or -1 for any; `kinds`: a bit per kind
    /// index (0 for any); `lang`: `kk`, `ru`, `en` or empty for any; `query`: search text.
    pub fn filter(
        &self,
        day: i32,
        kinds: u32,
        venue: i32,
        room: i32,
        lang: &str,
        query: &str,
    ) -> Vec<u32> {
        self.0.filter(&Filter {
            day: index(day),
            kinds,
            venue: index(venue),
            room: index(room),
            lang: Lang::from_code(lang),
            query: query.to_string(),
        })
    }
}
