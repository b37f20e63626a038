//! The full-screen message shown when the database cannot be opened.

use crate::i18n::{Lang, Msg};
use jiyn_core::RepoError;
use leptos::prelude::*;

#[component]
pub fn DbError(
    /// The interface language.
    lang: RwSignal<Lang>,
    /// Why opening failed.
    error: RepoError,
    /// Try to open the database again.
    retry: Callback<()>,
) -> impl IntoView {
    let t = move |m: Msg| m.text(lang.get());
    view! {
        <div class="fullscreen-error" role="alert" data-testid="db-error">
            <h1>{move || t(Msg::DbErrorTitle)}</h1>
            <p>{move || t(Msg::DbErrorWhat)}</p>
            <p>{move || t(Msg::DbErrorTodo)}</p>
            <details>
                <summary>{move || t(Msg::DbErrorDetail)}</summary>
                <code>{error.to_string()}</code>
            </details>
            <button type="button" class="primary" on:click=move |_| retry.run(())>
                {move || t(Msg::Retry)}
            </button>
        </div>
    }
}
