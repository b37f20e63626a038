//! Badges to print: name, role, delegation and the QR code of the opaque badge code,
//! several to an A4 sheet or one per page, through the print stylesheet.
//!
//! `/forum/:id/badges` takes `?p=<participant id>` (one badge, e.g. after a walk-in) or
//! `?delegation=<name>`; with neither it offers every badge of the forum.

use crate::commands;
use crate::i18n::desk::{role_msg, DeskMsg};
use crate::i18n::{repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::{Forum, Participant};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

/// More badges than this at once are not laid out (the page would take seconds);
/// the organizer chooses a delegation instead.
const MAX_AT_ONCE: usize = 600;

#[component]
pub fn BadgesPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => commands::desk_data(state, id).await,
                None => Ok(None),
            }
        }
    });
    let one = move || query.read().get("p").and_then(|s| s.parse::<Uuid>().ok());
    let delegation = move || query.read().get("delegation");
    view! {
        <section class="page badges-page">
            {move || id().map(|id| view! { <a class="back no-print" href=format!("/forum/{id}/desk")>{move || state.t(DeskMsg::BackToDesk)}</a> })}
            <Suspense fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(Some(d)) => {
                        let chosen: Vec<Participant> = match (one(), delegation()) {
                            (Some(p), _) => d.people.iter().filter(|x| x.meta.id == p).cloned().collect(),
                            (None, Some(name)) => d.people.iter().filter(|x| x.delegation.as_deref() == Some(name.as_str())).cloned().collect(),
                            (None, None) => d.people.clone(),
                        };
                        let title = delegation();
                        view! { <Sheet forum=d.forum.clone() people=chosen title=title /> }.into_any()
                    }
                    Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Sheet(forum: Forum, people: Vec<Participant>, title: Option<String>) -> impl IntoView {
    let state = AppState::expect();
    let single = RwSignal::new(people.len() == 1);
    let total = people.len();
    let too_many = total > MAX_AT_ONCE;
    let forum_name = forum.title.clone();
    let badges = people
        .into_iter()
        .take(MAX_AT_ONCE)
        .map(|p| {
            let svg = jiyn_core::qr::encode_badge(&p.badge_code)
                .map(|m| m.svg(2))
                .unwrap_or_default();
            let role = p.role;
            let head = p.head_of_delegation;
            let name = forum_name.clone();
            view! {
                <article class="badge" data-testid="badge">
                    <p class="badge-forum">{move || name.get(state.lang.get()).0.to_string()}</p>
                    <p class="badge-name" data-testid="badge-name">{p.full_name.clone()}</p>
                    <p class="badge-role">{move || state.t(role_msg(role))} {head.then(|| view! { " · " {move || state.t(DeskMsg::Head)} })}</p>
                    <p class="badge-delegation">{p.delegation.clone().unwrap_or_default()}</p>
                    // The SVG is made by jiyn_core::qr from the badge code alone: no user text.
                    <div class="badge-qr" aria-hidden="true" inner_html=svg></div>
                    <p class="badge-code" data-testid="badge-code">{p.badge_code.clone()}</p>
                </article>
            }
        })
        .collect_view();
    view! {
        <div class="no-print badge-tools">
            <h1>{move || state.t(DeskMsg::Badges)} {title.map(|t| format!(" — {t}"))}</h1>
            <p>{move || format!("{total} {}", state.t(DeskMsg::BadgesCount))}</p>
            {too_many.then(|| view! { <p class="warn-text">{move || state.t(DeskMsg::TooManyBadges)}</p> })}
            <div class="row-actions" role="group" aria-label=move || state.t(DeskMsg::Layout)>
                <button type="button" aria-pressed=move || (!single.get()).to_string() on:click=move |_| single.set(false)>{move || state.t(DeskMsg::SeveralPerA4)}</button>
                <button type="button" aria-pressed=move || single.get().to_string() on:click=move |_| single.set(true)>{move || state.t(DeskMsg::OnePerPage)}</button>
                <button type="button" class="primary" data-testid="print" on:click=move |_| crate::browser::print()>{move || state.t(DeskMsg::Print)}</button>
            </div>
        </div>
        <div class="badge-sheet" class:single=move || single.get() data-testid="badge-sheet">{badges}</div>
    }
}
