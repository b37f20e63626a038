//! Showing trilingual content: the text in the chosen language, or a visible fallback;
//! and the one shape of a form field's error message (`field_error`).

use crate::i18n::{Lang, Msg, Text};
use crate::state::AppState;
use jiyn_core::I18nText;
use leptos::prelude::*;

/// `text` in `lang`; when that translation is missing, another language's text with
/// its own `lang` attribute and a small "not translated" mark.
pub fn localized(text: &I18nText, lang: Lang) -> impl IntoView + use<> {
    let (shown, used) = text.get(lang);
    let shown = shown.to_string();
    let mark = (used != lang).then(|| view! { <small class="fallback">{format!(" ({})", Msg::NoTranslation.text(lang))}</small> });
    view! {
        <span lang=used.code()>{shown}</span>
        {mark}
    }
}

/// The id of the message element that belongs to the field `field_id`.
pub fn error_id(field_id: &str) -> String {
    format!("{field_id}-error")
}

/// `aria-invalid="true"` while `bad`, no attribute otherwise.
pub fn invalid_attr(bad: bool) -> Option<&'static str> {
    bad.then_some("true")
}

/// The message under a field, in the page's language: `<p id="{field_id}-error">`, which
/// the field names in `aria-describedby` (with `aria-invalid="true"` while there is a
/// message). Always present, empty (and not shown) while the field is fine, so the
/// reference never dangles. `testid` keeps a test id an older test already uses.
pub fn field_error<M, F>(
    field_id: &str,
    testid: Option<&'static str>,
    message: F,
) -> impl IntoView + use<M, F>
where
    M: Text + Send + Sync + 'static,
    F: Fn() -> Option<M> + Send + Sync + 'static,
{
    let state = AppState::expect();
    let id = error_id(field_id);
    let testid = testid.map(str::to_string).unwrap_or_else(|| id.clone());
    view! {
        <p class="error field-error" id=id data-testid=testid data-field=field_id.to_string()>
            {move || message().map(|m| state.t(m))}
        </p>
    }
}

/// After a refused submit: once the messages have rendered, moves focus to the first
/// field marked invalid inside `scope` (a CSS selector of the form), so keyboard and
/// screen-reader users land on what to fix and hear its message.
pub fn focus_first_invalid(scope: &'static str) {
    leptos::task::spawn_local(async move {
        crate::browser::yield_to_browser().await;
        crate::browser::focus_selector(&format!("{scope} [aria-invalid=\"true\"]"));
    });
}
