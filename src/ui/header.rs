//! The top bar: the app's name (home link) and the language switch.

use crate::i18n::{Lang, Msg};
use crate::state::{save_lang, AppState};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-name">{move || state.t(Msg::AppName)}</span>
            </a>
            <a class="nav-link" href="/settings" data-testid="nav-settings">
                {move || state.t(Msg::Settings)}
            </a>
            <div class="langs" role="group" aria-label=move || state.t(Msg::LanguageLabel)>
                {Lang::ALL.into_iter().map(|lang| view! { <LangButton lang=lang /> }).collect_view()}
            </div>
        </header>
    }
}

/// One language button; pressed when it is the current language.
#[component]
fn LangButton(lang: Lang) -> impl IntoView {
    let state = AppState::expect();
    let label = match lang {
        Lang::Kk => "Қаз",
        Lang::Ru => "Рус",
        Lang::En => "Eng",
    };
    let full = match lang {
        Lang::Kk => "Қазақша",
        Lang::Ru => "Русский",
        Lang::En => "English",
    };
    view! {
        <button
            type="button"
            class="lang"
            lang=lang.code()
            // The full name as a description only: an aria-label that does not
            // contain the visible short name breaks speech input (WCAG 2.5.3).
            title=full
            data-testid=format!("lang-{}", lang.code())
            aria-pressed=move || (state.lang.get() == lang).to_string()
            on:click=move |_| {
                save_lang(lang);
                state.lang.set(lang);
            }
        >
            {label}
        </button>
    }
}
