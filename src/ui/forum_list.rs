//! The start page: every forum on this device, or, on an empty database, the offer to
//! load the demo.

use super::text::localized;
use crate::commands;
use crate::i18n::{date_range, format_msg, repo_error_msg, Msg};
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
