//! The badge scanner panel: the camera's picture, what it is doing in plain words, and
//! a field to type the code when there is no camera (or the QR code is torn).

use crate::camera::{self, Camera, CameraError};
use crate::i18n::desk::DeskMsg;
use crate::state::AppState;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Starting,
    Scanning,
    Failed(CameraError),
}

/// How long the same code is ignored after it was read (a badge stays in view).
const REPEAT_MS: f64 = 3_000.0;

#[component]
pub fn Scanner(on_code: Callback<String>, close: Callback<()>) -> impl IntoView {
    let state = AppState::expect();
    let video = NodeRef::<leptos::html::Video>::new();
    let status = RwSignal::new(Status::Starting);
    let manual = RwSignal::new(String::new());
    let alive = Arc::new(AtomicBool::new(true));
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(element) = video.get() else { return };
        if started.get_value() {
            return;
        }
        started.set_value(true);
        let alive = alive.clone();
        leptos::task::spawn_local(async move {
            let cam = match Camera::open(element).await {
                Ok(c) => c,
                Err(e) => {
                    if alive.load(Ordering::Relaxed) {
                        status.try_set(Status::Failed(e));
                    }
                    return;
                }
            };
            status.try_set(Status::Scanning);
            let mut last: Option<(String, f64)> = None;
            while alive.load(Ordering::Relaxed) {
                let began = js_sys::Date::now();
                if let Some(text) = cam.scan().await {
                    let now = js_sys::Date::now();
                    let repeat = last
                        .as_ref()
                        .is_some_and(|(t, at)| *t == text && now - at < REPEAT_MS);
                    if !repeat && alive.load(Ordering::Relaxed) {
                        last = Some((text.clone(), now));
                        on_code.run(text);
                    }
                }
                // Leave the phone time to breathe: at least 150 ms between frames, more
                // when decoding is slow.
                let spent = js_sys::Date::now() - began;
                camera::sleep((150.0f64).max(spent * 2.0) as i32).await;
            }
            cam.close();
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = manual.get_untracked();
        if !code.trim().is_empty() {
            on_code.run(code);
            manual.set(String::new());
        }
    };
    let status_text = move || {
        state.t(match status.get() {
            Status::Starting => DeskMsg::CameraStarting,
            Status::Scanning => DeskMsg::CameraScanning,
            Status::Failed(CameraError::Denied) => DeskMsg::CameraDenied,
            Status::Failed(CameraError::NoCamera) => DeskMsg::CameraMissing,
            Status::Failed(CameraError::NoApi) => DeskMsg::CameraNoApi,
        })
    };
    view! {
        <section class="panel scanner" aria-labelledby="scanner-h" data-testid="scanner"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                // Escape anywhere in the panel closes it, like its Close button.
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    close.run(());
                }
            }>
            <div class="scanner-head">
                <h2 id="scanner-h">{move || state.t(DeskMsg::ScanBadge)}</h2>
                <button type="button" class="link-button" on:click=move |_| close.run(())>{move || state.t(DeskMsg::Close)}</button>
            </div>
            <video node_ref=video class="scanner-video" muted=true playsinline=true
                hidden=move || matches!(status.get(), Status::Failed(_))></video>
            <p data-testid="scanner-status" class:error=move || matches!(status.get(), Status::Failed(_))>{status_text}</p>
            <form class="manual-code" on:submit=submit>
                <label for="manual-code">{move || state.t(DeskMsg::TypeCode)}</label>
                <input id="manual-code" data-testid="manual-code" type="text" autocomplete="off" autocapitalize="characters" inputmode="text"
                    prop:value=move || manual.get() on:input=move |ev| manual.set(event_target_value(&ev)) />
                <button type="submit" class="primary">{move || state.t(DeskMsg::CheckIn)}</button>
            </form>
        </section>
    }
}
