//! Settings: how safe the data is on this device (persistence, space), backup to a
//! file, and restore from one.

use super::text::localized;
use crate::browser;
use crate::commands::{self, RestoreError, RestorePhase};
use crate::i18n::{backup_error_msg, bytes, repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::MergeReport;
use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::JsCast;

#[component]
pub fn Settings() -> impl IntoView {
    let state = AppState::expect();
    let device = state.writer().borrow().clock().device().to_string();
    view! {
        <section class="page settings">
            <h1>{move || state.t(Msg::Settings)}</h1>
            <super::sync::SyncSection />
            <super::sync::ExchangeSection />
            <StorageSection />
            <BackupSection />
            <RestoreSection />
            <p class="muted">{move || state.t(Msg::DeviceId)} ": " <code>{device}</code></p>
        </section>
    }
}

/// Whether the browser keeps the data, and how much space it takes.
#[component]
fn StorageSection() -> impl IntoView {
    let state = AppState::expect();
    let refresh = RwSignal::new(0u32);
    let status = LocalResource::new(move || {
        refresh.track();
        state.revision.track();
        commands::storage_status()
    });
    let ask = Action::new_local(move |_: &()| async move {
        let granted = commands::ask_persistence().await;
        refresh.update(|r| *r += 1);
        granted
    });
    let refused = move || matches!(ask.value().get(), Some(Ok(false)) | Some(Err(_)));
    view! {
        <section class="panel" aria-labelledby="storage-h">
            <h2 id="storage-h">{move || state.t(Msg::StorageHeading)}</h2>
            <Transition fallback=move || view! { <p>{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    status
                        .get()
                        .map(|s| {
                            let s = s.ok();
                            let persisted = s.as_ref().is_some_and(|s| s.persisted);
                            let used = s.as_ref().and_then(|s| s.usage_bytes);
                            let free = s.as_ref().and_then(|s| Some(s.quota_bytes? - s.usage_bytes.unwrap_or(0.0)));
                            let show = move |n: Option<f64>| match n {
                                Some(n) => bytes(state.lang.get(), n),
                                None => state.t(Msg::Unknown).to_string(),
                            };
                            view! {
                                <p class=if persisted { "ok" } else { "warn-text" } data-testid="storage-persisted" data-persisted=persisted.to_string()>
                                    {move || state.t(if persisted { Msg::StoragePersisted } else { Msg::StorageNotPersisted })}
                                </p>
                                <dl class="pairs">
                                    <dt>{move || state.t(Msg::StorageUsed)}</dt>
                                    <dd>{move || show(used)}</dd>
                                    <dt>{move || state.t(Msg::StorageFree)}</dt>
                                    <dd>{move || show(free)}</dd>
                                </dl>
                                {(!persisted).then(|| view! {
                                    <button type="button" class="secondary" on:click=move |_| { ask.dispatch(()); }>
                                        {move || state.t(Msg::AskPersistence)}
                                    </button>
                                })}
                            }
                        })
                }}
            </Transition>
            <p class="warn-text" role="status" hidden=move || !refused()>{move || state.t(Msg::PersistenceRefused)}</p>
        </section>
    }
}

/// Download the whole database, or one forum, as one file.
#[component]
fn BackupSection() -> impl IntoView {
    let state = AppState::expect();
    let forums = LocalResource::new(move || {
        state.revision.track();
        commands::forums(state)
    });
    let scope = RwSignal::new(String::new());
    let export = Action::new_local(move |forum: &Option<Uuid>| {
        let forum = *forum;
        async move {
            let (name, text, count) = commands::export_backup(state, forum).await?;
            browser::download_text(&name, "application/json", &text)
                .map_err(jiyn_core::RepoError::Backend)?;
            Ok::<usize, jiyn_core::RepoError>(count)
        }
    });
    view! {
        <section class="panel" aria-labelledby="backup-h">
            <h2 id="backup-h">{move || state.t(Msg::BackupHeading)}</h2>
            <p>{move || state.t(Msg::BackupHint)}</p>
            <label class="field">
                <span>{move || state.t(Msg::BackupScope)}</span>
                <select data-testid="backup-scope" on:change=move |ev| scope.set(event_target_value(&ev)) prop:value=move || scope.get()>
                    <option value="">{move || state.t(Msg::BackupAll)}</option>
                    {move || {
                        forums
                            .get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|f| {
                                let title = f.title.clone();
                                view! { <option value=f.meta.id.to_string()>{move || localized(&title, state.lang.get())}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <button
                type="button"
                class="primary"
                data-testid="backup-download"
                disabled=move || export.pending().get()
                on:click=move |_| {
                    let forum = scope.get_untracked().parse::<Uuid>().ok();
                    export.dispatch(forum);
                }
            >
                {move || state.t(Msg::BackupDownload)}
            </button>
            <p role="status" data-testid="backup-result">
                {move || match export.value().get() {
                    Some(Ok(n)) => format!("{}: {n}", state.t(Msg::BackupSaved)),
                    Some(Err(e)) => state.t(repo_error_msg(&e)).to_string(),
                    None => String::new(),
                }}
            </p>
        </section>
    }
}

/// Pick a backup file and merge it in, with progress and a clear result.
#[component]
fn RestoreSection() -> impl IntoView {
    let state = AppState::expect();
    let phase = RwSignal::new(None::<RestorePhase>);
    let result = RwSignal::new(None::<Result<MergeReport, RestoreError>>);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        result.set(None);
        leptos::task::spawn_local(async move {
            let outcome = commands::restore_backup(state, file, move |p| phase.set(Some(p))).await;
            phase.set(None);
            result.set(Some(outcome));
        });
    };
    let step = move || match phase.get() {
        Some(RestorePhase::Reading) => Some((1, Msg::RestoreReading)),
        Some(RestorePhase::Checking) => Some((2, Msg::RestoreChecking)),
        Some(RestorePhase::Writing) => Some((3, Msg::RestoreWriting)),
        None => None,
    };
    view! {
        <section class="panel" aria-labelledby="restore-h">
            <h2 id="restore-h">{move || state.t(Msg::RestoreHeading)}</h2>
            <p>{move || state.t(Msg::RestoreHint)}</p>
            <label class="file-button">
                <span>{move || state.t(Msg::RestoreChoose)}</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    data-testid="restore-file"
                    aria-invalid=move || refused_attr(result, "true")
                    aria-describedby=move || refused_attr(result, "restore-error")
                    disabled=move || phase.get().is_some()
                    on:change=on_file
                />
            </label>
            {move || step().map(|(n, msg)| view! {
                <div role="status" class="progress-line">
                    <progress max="3" value=n></progress>
                    <span>{move || state.t(msg)}</span>
                </div>
            })}
            {move || result.get().map(|r| view! {
                <MergeResult result=r ok_id="restore-result" error_id="restore-error" />
            })}
        </section>
    }
}

/// What merging a file did (a restore, or another device's changes), or why it was
/// refused; `ok_id` and `error_id` are the two outcomes' test ids (`error_id` is also
/// the refusal's element id, which the file field names in `aria-describedby`).
#[component]
pub(super) fn MergeResult(
    result: Result<MergeReport, RestoreError>,
    ok_id: &'static str,
    error_id: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    match result {
        Ok(report) => view! {
            <p role="status" class="ok" data-testid=ok_id
                data-added=report.added data-updated=report.updated>
                {move || format!(
                    "{}: {} {}, {} {}, {} {}.",
                    state.t(Msg::RestoreDone),
                    report.added, state.t(Msg::RestoreAdded),
                    report.updated, state.t(Msg::RestoreUpdated),
                    report.unchanged, state.t(Msg::RestoreUnchanged),
                )}
            </p>
        }
        .into_any(),
        Err(e) => {
            let why = move || match &e {
                RestoreError::File(b) => state.t(backup_error_msg(b)),
                RestoreError::Read(_) => state.t(Msg::BackupNotJson),
                RestoreError::Store(s) => state.t(repo_error_msg(s)),
            };
            view! {
                <p role="alert" class="error" id=error_id data-testid=error_id>
                    {move || state.t(Msg::RestoreRefused)} " " {why}
                </p>
            }
            .into_any()
        }
    }
}

/// `value` while the last file chosen was refused (an attribute of the file field).
pub(super) fn refused_attr(
    result: RwSignal<Option<Result<MergeReport, RestoreError>>>,
    value: &'static str,
) -> Option<&'static str> {
    result
        .with(|r| matches!(r, Some(Err(RestoreError::File(_) | RestoreError::Read(_)))))
        .then_some(value)
}

/// The element an event came from, as the type the handler expects.
fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("event has a target").unchecked_into()
}
