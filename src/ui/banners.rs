//! Messages that concern the whole app: a new version is ready, another tab upgraded
//! the database and this one must reload, or damaged records were set aside.

use crate::browser;
use crate::i18n::Msg;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Banners() -> impl IntoView {
    let state = AppState::expect();
    // Reads leave out rows that cannot be read back and say so with an event; here
    // they are moved to the quarantine and the user is told how many.
    let set_aside = RwSignal::new(0usize);
    if let Some(w) = web_sys::window() {
        use wasm_bindgen::{closure::Closure, JsCast};
        let on_found = Closure::<dyn FnMut()>::new(move || {
            leptos::task::spawn_local(async move {
                if let Ok(n) = crate::commands::quarantine_pending(state).await {
                    if n > 0 {
                        set_aside.update(|c| *c += n);
                    }
                }
            });
        });
        let _ = w.add_event_listener_with_callback(
            crate::store::QUARANTINE_EVENT,
            on_found.as_ref().unchecked_ref(),
        );
        on_found.forget();
    }
    view! {
        <Show when=move || { set_aside.get() > 0 }>
            <div class="banner warn" role="alert" data-testid="quarantined">
                <p>{move || format!("{} {}", state.t(Msg::Quarantined), set_aside.get())}</p>
            </div>
        </Show>
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
