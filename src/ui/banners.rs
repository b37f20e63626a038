//! Messages that concern the whole app: a new version is ready, or another tab
//! upgraded the database and this one must reload.

use crate::browser;
use crate::i18n::Msg;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Banners() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <Show when=move || state.reload_needed.get()>
            <div class="banner warn" role="alert" data-testid="reload-needed">
                <p>{move || state.t(Msg::ReloadNeeded)}</p>
                <button type="button" class="primary" on:click=move |_| browser::reload()>
                    {move || state.t(Msg::UpdateReload)}
                </button>
            </div>
        </Show>
        <Show when=move || state.update_ready.get() && !state.reload_needed.get()>
            <div class="banner" role="status" data-testid="update-ready">
                <p>{move || state.t(Msg::UpdateReady)}</p>
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| leptos::task::spawn_local(async {
                        if browser::apply_update().await.is_err() {
                            browser::reload();
                        }
                    })
                >
                    {move || state.t(Msg::UpdateReload)}
                </button>
            </div>
        </Show>
    }
}
