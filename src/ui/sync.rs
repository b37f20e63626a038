//! Sync on screen: the status line every page shows, the settings section (server,
//! token, test, on/off, sync now) and the file exchange for venues with no network.

use super::text::{error_id, field_error, focus_first_invalid, invalid_attr};
use crate::browser;
use crate::commands::{self, RestoreError};
use crate::i18n::repo_error_msg;
use crate::i18n::sync::{error_msg, SyncMsg};
use crate::state::AppState;
use crate::sync::engine::SyncHandle;
use crate::sync::{self as sync_mod, http, SyncConfig};
use jiyn_core::sync::TokenRole;
use jiyn_core::MergeReport;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One line under the header: what sync is doing, announced politely to screen
/// readers. Empty (but present, so later changes are announced) when sync is off.
#[component]
pub fn SyncLine() -> impl IntoView {
    let state = AppState::expect();
    let handle = SyncHandle::expect();
    let status = handle.status;
    let text = move || {
        let s = status.get();
        if !s.active {
            return String::new();
        }
        let mut parts: Vec<String> = Vec::new();
        if s.running {
            parts.push(state.t(SyncMsg::Running).to_string());
        } else if let Some(e) = s.error {
            parts.push(state.t(error_msg(e)).to_string());
        }
        if s.pending > 0 {
            parts.push(format!("{} {}", s.pending, state.t(SyncMsg::Pending)));
        } else if s.error.is_none() && !s.running {
            parts.push(state.t(SyncMsg::AllSent).to_string());
        }
        parts.push(match s.last_ok_ms {
            Some(ms) => format!("{} {}", state.t(SyncMsg::Last), browser::local_hh_mm(ms)),
            None => state.t(SyncMsg::Never).to_string(),
        });
        if s.rejected > 0 {
            parts.push(format!("{} {}", s.rejected, state.t(SyncMsg::Rejected)));
        }
        parts.join(" · ")
    };
    let class = move || {
        let s = status.get();
        match (s.active, s.error) {
            (false, _) => "sync-line off",
            (true, Some(_)) => "sync-line warn",
            (true, None) => "sync-line",
        }
    };
    view! {
        <div class=class data-testid="sync-line" data-pending=move || status.get().pending.to_string()
            data-error=move || status.get().error.map(|e| format!("{e:?}")).unwrap_or_default()
            data-running=move || status.get().running.to_string()>
            <p role="status" aria-live="polite">{text}</p>
            <Show when=move || status.get().active>
                <button type="button" class="link-button" data-testid="sync-now"
                    disabled=move || status.get().running
                    on:click=move |_| handle.sync_now()>
                    {move || state.t(SyncMsg::Now)}
                </button>
            </Show>
        </div>
    }
}

/// Settings: the endpoint and token, test connection, on and off.
#[component]
pub fn SyncSection() -> impl IntoView {
    let state = AppState::expect();
    let handle = SyncHandle::expect();
    let url = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let on = RwSignal::new(false);
    // Each field's problem: the server address and the token.
    let url_problem = RwSignal::new(None::<SyncMsg>);
    let token_problem = RwSignal::new(None::<SyncMsg>);
    let saved = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if let Ok(c) = sync_mod::load_config(state).await {
            url.set(c.url);
            token.set(c.token);
            on.set(c.on);
        }
    });
    let check_fields = move || -> Option<(String, String)> {
        let base = http::normalise_base(&url.get_untracked());
        url_problem.set(base.is_none().then_some(SyncMsg::BadUrl));
        let t = token.get_untracked().trim().to_string();
        token_problem.set(t.is_empty().then_some(SyncMsg::NeedToken));
        match base {
            Some(base) if !t.is_empty() => Some((base, t)),
            _ => {
                focus_first_invalid("[data-testid=sync-form]");
                None
            }
        }
    };
    let probe = Action::new_local(move |(base, t): &(String, String)| {
        let (base, t) = (base.clone(), t.clone());
        async move { sync_mod::probe(&base, &t).await }
    });
    let save = Action::new_local(move |config: &SyncConfig| {
        let config = config.clone();
        async move {
            let r = sync_mod::save_config(state, &config).await;
            if r.is_ok() {
                on.set(config.on);
                saved.set(true);
                // New settings: read them again and sync now.
                handle.sync_now();
            }
            r
        }
    });
    let probe_text = move || match probe.value().get() {
        None => String::new(),
        Some(Ok(p)) => format!(
            "{} {} ({}; {}).",
            state.t(SyncMsg::ProbeOk),
            p.forums,
            p.server,
            state.t(match p.role {
                TokenRole::Desk => SyncMsg::RoleDesk,
                TokenRole::Organizer => SyncMsg::RoleOrganizer,
            })
        ),
        Some(Err(e)) => state.t(error_msg((&e).into())).to_string(),
    };
    let probe_ok = move || matches!(probe.value().get(), Some(Ok(_)));
    let send_all = Action::new_local(move |_: &()| async move {
        let n = sync_mod::queue_everything(state).await;
        if n.is_ok() {
            state.bump();
            handle.sync_now();
        }
        n
    });
    view! {
        <section class="panel" aria-labelledby="sync-h" data-testid="sync-settings">
            <h2 id="sync-h">{move || state.t(SyncMsg::Heading)}</h2>
            <p>{move || state.t(SyncMsg::Hint)}</p>
            <p class=move || if on.get() { "ok" } else { "muted" } data-testid="sync-state">
                {move || state.t(if on.get() { SyncMsg::On } else { SyncMsg::Off })}
            </p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                saved.set(false);
                if let Some((base, t)) = check_fields() {
                    save.dispatch(SyncConfig { url: base, token: t, on: true });
                }
            } novalidate data-testid="sync-form">
                <div class="field">
                    <label for="sync-url">{move || state.t(SyncMsg::Url)}</label>
                    <input id="sync-url" type="url" inputmode="url" autocomplete="url" placeholder="https://"
                        data-testid="sync-url" prop:value=move || url.get()
                        aria-invalid=move || invalid_attr(url_problem.get().is_some())
                        aria-describedby=error_id("sync-url")
                        on:input=move |ev| url.set(event_target_value(&ev)) />
                    {field_error("sync-url", None, move || url_problem.get())}
                </div>
                <div class="field">
                    <label for="sync-token">{move || state.t(SyncMsg::Token)}</label>
                    <input id="sync-token" type="password" autocomplete="off" spellcheck="false"
                        data-testid="sync-token" prop:value=move || token.get()
                        aria-invalid=move || invalid_attr(token_problem.get().is_some())
                        aria-describedby=format!("{} sync-token-hint", error_id("sync-token"))
                        on:input=move |ev| token.set(event_target_value(&ev)) />
                    {field_error("sync-token", None, move || token_problem.get())}
                    <small class="muted" id="sync-token-hint">{move || state.t(SyncMsg::TokenHint)}</small>
                </div>
                <div class="actions">
                    <button type="button" class="secondary" data-testid="sync-test"
                        disabled=move || probe.pending().get()
                        on:click=move |_| {
                            if let Some(fields) = check_fields() {
                                probe.dispatch(fields);
                            }
                        }>
                        {move || state.t(if probe.pending().get() { SyncMsg::Testing } else { SyncMsg::Test })}
                    </button>
                    <button type="submit" class="primary" data-testid="sync-save">
                        {move || state.t(SyncMsg::SaveOn)}
                    </button>
                    <Show when=move || on.get()>
                        <button type="button" class="secondary" data-testid="sync-off"
                            on:click=move |_| {
                                saved.set(false);
                                save.dispatch(SyncConfig {
                                    url: url.get_untracked(),
                                    token: token.get_untracked(),
                                    on: false,
                                });
                            }>
                            {move || state.t(SyncMsg::TurnOff)}
                        </button>
                    </Show>
                </div>
            </form>
            <p role="status" data-testid="sync-probe" class=move || if probe_ok() { "ok" } else { "warn-text" }>
                {probe_text}
            </p>
            <p role="status" class="ok" hidden=move || !saved.get()>{move || state.t(SyncMsg::Saved)}</p>
            <Show when=move || on.get()>
                <p class="muted">{move || state.t(SyncMsg::SendAllHint)}</p>
                <button type="button" class="secondary" data-testid="sync-send-all"
                    disabled=move || send_all.pending().get()
                    on:click=move |_| { send_all.dispatch(()); }>
                    {move || state.t(SyncMsg::SendAll)}
                </button>
                <p role="status" data-testid="sync-send-all-result">
                    {move || match send_all.value().get() {
                        Some(Ok(n)) => format!("{} {n}", state.t(SyncMsg::SendAllQueued)),
                        Some(Err(e)) => state.t(error_msg((&e).into())).to_string(),
                        None => String::new(),
                    }}
                </p>
            </Show>
            <p role="status" class="error" hidden=move || !matches!(save.value().get(), Some(Err(_)))>
                {move || state.t(SyncMsg::ErrStorage)}
            </p>
        </section>
    }
}

/// Changes to and from a file, for a venue without any network.
#[component]
pub fn ExchangeSection() -> impl IntoView {
    let state = AppState::expect();
    let everything = RwSignal::new(false);
    let export = Action::new_local(move |all: &bool| {
        let all = *all;
        async move {
            let Some(file) = commands::export_changes(state, all).await? else {
                return Ok(None);
            };
            browser::download_text(&file.name, "application/json", &file.text)
                .map_err(jiyn_core::RepoError::Backend)?;
            commands::mark_exchanged(state, &file.ledger).await?;
            Ok::<Option<usize>, jiyn_core::RepoError>(Some(file.count))
        }
    });
    let result = RwSignal::new(None::<Result<MergeReport, RestoreError>>);
    let busy = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("target").unchecked_into();
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        result.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = commands::restore_backup(state, file, |_| {}).await;
            busy.set(false);
            result.set(Some(outcome));
        });
    };
    view! {
        <section class="panel" aria-labelledby="exchange-h" data-testid="exchange">
            <h2 id="exchange-h">{move || state.t(SyncMsg::ExchangeHeading)}</h2>
            <p>{move || state.t(SyncMsg::ExchangeHint)}</p>
            <label class="check">
                <input type="checkbox" data-testid="exchange-everything"
                    prop:checked=move || everything.get()
                    on:change=move |ev| everything.set(event_target_checked(&ev)) />
                <span>{move || state.t(SyncMsg::ExchangeEverything)}</span>
            </label>
            <button type="button" class="primary" data-testid="exchange-export"
                disabled=move || export.pending().get()
                on:click=move |_| { export.dispatch(everything.get_untracked()); }>
                {move || state.t(SyncMsg::ExchangeExport)}
            </button>
            <p role="status" data-testid="exchange-result">
                {move || match export.value().get() {
                    Some(Ok(Some(n))) => format!("{}: {n}", state.t(SyncMsg::ExchangeSaved)),
                    Some(Ok(None)) => state.t(SyncMsg::ExchangeNothing).to_string(),
                    Some(Err(e)) => state.t(repo_error_msg(&e)).to_string(),
                    None => String::new(),
                }}
            </p>
            <label class="file-button">
                <span>{move || state.t(SyncMsg::ExchangeImport)}</span>
                <input type="file" accept=".json,application/json" data-testid="exchange-file"
                    aria-invalid=move || super::settings::refused_attr(result, "true")
                    aria-describedby=move || super::settings::refused_attr(result, "exchange-import-error")
                    disabled=move || busy.get() on:change=on_file />
            </label>
            {move || result.get().map(|r| view! {
                <super::settings::MergeResult result=r ok_id="exchange-import-result" error_id="exchange-import-error" />
            })}
        </section>
    }
}
