//! `/forum/:id/review`: the review after sync. Possibly the same person registered at
//! two desks (with a merge that keeps both histories), and people checked in at two
//! desks (both times shown; nothing hidden).

use crate::commands::{self, ReviewData};
use crate::i18n::desk::DeskMsg;
use crate::i18n::sync::{duplicate_reason_msg, SyncMsg};
use crate::i18n::{repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::{CheckIn, Participant};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let data = LocalResource::new(move || {
        state.revision.track();
        let id = id.get();
        async move {
            match id {
                Some(id) => commands::review_data(state, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let merged = RwSignal::new(false);
    view! {
        <section class="page review-page">
            {move || id.get().map(|id| view! { <a class="back" href=format!("/forum/{id}")>{move || state.t(DeskMsg::BackToForum)}</a> })}
            <h1>{move || state.t(SyncMsg::ReviewHeading)}</h1>
            <p class="muted">{move || state.t(SyncMsg::ReviewIntro)}</p>
            <p role="status" class="ok" data-testid="review-merged" hidden=move || !merged.get()>
                {move || state.t(SyncMsg::ReviewMerged)}
            </p>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(Some(d)) => view! { <Review data=d merged=merged /> }.into_any(),
                    Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Review(data: ReviewData, merged: RwSignal<bool>) -> impl IntoView {
    let state = AppState::expect();
    let failed = RwSignal::new(false);
    let people = data.people.clone();
    let events = data.events.clone();
    let dupes = data
        .duplicates
        .iter()
        .filter_map(|d| {
            let a = people.get(&d.first)?.clone();
            let b = people.get(&d.second)?.clone();
            Some((a, b, d.reason))
        })
        .map(|(a, b, reason)| {
            let events = events.clone();
            let count =
                |p: &Participant| events.iter().filter(|e| e.participant == p.meta.id).count();
            let (na, nb) = (count(&a), count(&b));
            let merge = {
                let (a, b, events) = (a.clone(), b.clone(), events.clone());
                move |_| {
                    let (a, b, events) = (a.clone(), b.clone(), events.clone());
                    leptos::task::spawn_local(async move {
                        let theirs: Vec<CheckIn> = events
                            .into_iter()
                            .filter(|e| e.participant == b.meta.id)
                            .collect();
                        match commands::merge_people(state, &a, &b, &theirs).await {
                            Ok(()) => merged.set(true),
                            Err(_) => failed.set(true),
                        }
                    });
                }
            };
            view! {
                <li class="review-pair" data-testid="review-pair">
                    <p class="why">{move || state.t(duplicate_reason_msg(reason))}</p>
                    <div class="pair">
                        <PersonCard person=a label=SyncMsg::ReviewKeep events=na />
                        <PersonCard person=b label=SyncMsg::ReviewFold events=nb />
                    </div>
                    <button type="button" class="primary" data-testid="review-merge" on:click=merge>
                        {move || state.t(SyncMsg::ReviewMerge)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let no_dupes = data.duplicates.is_empty();
    let doubles = data
        .doubles
        .iter()
        .map(|d| {
            let name = people
                .get(&d.participant)
                .map(|p| p.full_name.clone())
                .unwrap_or_else(|| d.participant.to_string());
            let times = d
                .events
                .iter()
                .map(|e| view! { <li>{crate::browser::local_hh_mm(e.at.timestamp_millis().max(0) as u64)} " · " {e.desk.clone()}</li> })
                .collect_view();
            view! {
                <li class="review-double" data-testid="review-double">
                    <strong>{name}</strong>
                    <ul class="times">{times}</ul>
                </li>
            }
        })
        .collect_view();
    let no_doubles = data.doubles.is_empty();
    view! {
        <p class="error" role="alert" hidden=move || !failed.get()>{move || state.t(SyncMsg::ErrStorage)}</p>
        <section class="panel" aria-labelledby="dupes-h">
            <h2 id="dupes-h">{move || state.t(SyncMsg::ReviewDupes)}</h2>
            {no_dupes.then(|| view! { <p class="muted" data-testid="review-no-dupes">{move || state.t(SyncMsg::ReviewDupesNone)}</p> })}
            <ul class="plain">{dupes}</ul>
        </section>
        <section class="panel" aria-labelledby="doubles-h">
            <h2 id="doubles-h">{move || state.t(SyncMsg::ReviewTwoDesks)}</h2>
            {if no_doubles {
                view! { <p class="muted" data-testid="review-no-doubles">{move || state.t(SyncMsg::ReviewTwoDesksNone)}</p> }.into_any()
            } else {
                view! { <p class="muted">{move || state.t(SyncMsg::ReviewTwoDesksHint)}</p> }.into_any()
            }}
            <ul class="plain">{doubles}</ul>
        </section>
    }
}

#[component]
fn PersonCard(person: Participant, label: SyncMsg, events: usize) -> impl IntoView {
    let state = AppState::expect();
    let details: Vec<String> = [
        person.phone.clone(),
        (!person.region.is_empty()).then(|| person.region.clone()),
        (!person.organisation.is_empty()).then(|| person.organisation.clone()),
        person.birth_year.map(|y| y.to_string()),
        Some(person.badge_code.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let device = person.meta.created.device.to_string();
    view! {
        <div class="person-card">
            <p class="muted">{move || state.t(label)}</p>
            <p><strong>{person.full_name.clone()}</strong></p>
            <p>{details.join(" · ")}</p>
            <p class="muted">{move || state.t(SyncMsg::RegisteredAt)} " " <code>{device.clone()}</code>
                " · " {move || state.t(DeskMsg::CheckedInOf)} ": " {events}</p>
        </div>
    }
}
