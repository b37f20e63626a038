//! Showing trilingual content: the text in the chosen language, or a visible fallback.

use crate::i18n::{Lang, Msg};
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
