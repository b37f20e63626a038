//! The start page: every forum on this device, or, on an empty database, the offer to
//! load the demo.

use super::text::localized;
use crate::commands::{self, ImportError, ScheduleImport};
use crate::i18n::{date_range, format_msg, repo_error_msg, schedule_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::Forum;
use leptos::prelude::*;

#[component]
pub fn ForumList() -> impl IntoView {
    let state = AppState::expect();
    let forums = LocalResource::new(move || {
        state.revision.track();
        commands::forums(state)
    });
    view! {
        <section class="page">
            <h1>{move || state.t(Msg::ForumsHeading)}</h1>
            <p><a href="/forum/new" class="button-link" data-testid="new-forum">{move || state.t(Msg::AddForum)}</a>
                " "
                <a href="/reports" data-testid="all-reports-link">{move || state.t(Msg::AllReports)}</a></p>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    forums
                        .get()
                        .map(|result| match result {
                            Ok(list) if list.is_empty() => view! { <EmptyStart /> }.into_any(),
                            Ok(list) => {
                                view! {
                                    <ul class="cards" data-testid="forum-list">
                                        {list.into_iter().map(|f| view! { <ForumCard forum=f /> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                        })
                }}
            </Transition>
            // Outside the Transition: an import re-reads the list, and its result must stay.
            <ImportSchedule />
        </section>
    }
}

/// One forum in the list: a link to its home page.
#[component]
fn ForumCard(forum: Forum) -> impl IntoView {
    let state = AppState::expect();
    let href = format!("/forum/{}", forum.meta.id);
    view! {
        <li>
            <a class="card" href=href data-testid="forum-card">
                <span class="card-title">{move || localized(&forum.title, state.lang.get())}</span>
                <span class="card-meta">
                    {move || {
                        let lang = state.lang.get();
                        format!(
                            "{} · {} · {}",
                            forum.city.get(lang).0,
                            date_range(lang, forum.starts_on, forum.ends_on),
                            format_msg(forum.format).text(lang),
                        )
                    }}
                </span>
            </a>
        </li>
    }
}

/// First start: explain, and offer the demo data.
#[component]
fn EmptyStart() -> impl IntoView {
    let state = AppState::expect();
    let load = Action::new_local(move |_: &()| commands::load_demo(state));
    let failed = move || matches!(load.value().get(), Some(Err(_)));
    view! {
        <div class="empty">
            <h2>{move || state.t(Msg::EmptyTitle)}</h2>
            <p>{move || state.t(Msg::EmptyHint)}</p>
            <button
                type="button"
                class="primary big"
                data-testid="load-demo"
                disabled=move || load.pending().get()
                on:click=move |_| {
                    load.dispatch(());
                }
            >
                {move || if load.pending().get() { state.t(Msg::LoadingDemo) } else { state.t(Msg::LoadDemo) }}
            </button>
            <p class="error" role="alert" hidden=move || !failed()>
                {move || state.t(Msg::DemoFailed)}
                " "
                {move || match load.value().get() {
                    Some(Err(e)) => state.t(repo_error_msg(&e)),
                    _ => "",
                }}
            </p>
        </div>
    }
}

/// Import a programme published by another tool (frab, pretalx: `schedule.json`) as a
/// new forum, all or nothing.
#[component]
fn ImportSchedule() -> impl IntoView {
    let state = AppState::expect();
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<ScheduleImport, ImportError>>);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        result.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = commands::import_schedule(state, file).await;
            busy.set(false);
            result.set(Some(outcome));
        });
    };
    view! {
        <section class="panel" aria-labelledby="import-h">
            <h2 id="import-h">{move || state.t(Msg::ImportHeading)}</h2>
            <p>{move || state.t(Msg::ImportHint)}</p>
            <label class="file-button">
                <span>{move || state.t(Msg::ImportChoose)}</span>
                <input type="file" accept=".json,application/json" data-testid="import-schedule" disabled=move || busy.get() on:change=on_file />
            </label>
            <div role="status" data-testid="import-result">
                {move || busy.get().then(|| view! { <p>{state.t(Msg::Loading)}</p> })}
                {move || result.get().map(|r| match r {
                    Ok(done) => {
                        let href = format!("/forum/{}", done.forum);
                        let warned = done.warnings.len();
                        view! {
                            <p class="ok">
                                {format!("{}: {} — ", state.t(Msg::ImportDone), done.sessions)}
                                {state.t(Msg::Sessions).to_lowercase()}
                                ". "
                                <a href=href>{state.t(Msg::ImportOpen)}</a>
                            </p>
                            {(warned > 0).then(|| view! { <p class="warn-text">{format!("{} {}", state.t(Msg::ImportWarnings), warned)}</p> })}
                        }
                            .into_any()
                    }
                    Err(e) => {
                        let (msg, detail) = match &e {
                            ImportError::Read(d) => (Msg::ImportUnreadable, d.clone()),
                            ImportError::File(e) => (schedule_error_msg(e), e.to_string()),
                            ImportError::Store(e) => (repo_error_msg(e), e.to_string()),
                        };
                        view! {
                            <p class="error" role="alert" data-testid="import-error">
                                {state.t(Msg::ImportRefused)} " " {state.t(msg)}
                                <small class="muted">" (" {detail} ")"</small>
                            </p>
                        }
                            .into_any()
                    }
                })}
            </div>
        </section>
    }
}
