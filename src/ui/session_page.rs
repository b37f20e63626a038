//! One session's page, and the personal plan of a forum.

use super::programme::{download_calendar, hh_mm, place_text, Plan, SessionItem, StarButton};
use super::text::localized;
use crate::commands::{self, ForumOverview};
use crate::i18n::{date_long, kind_msg, lang_name_msg, repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::agenda;
use jiyn_core::{Forum, Session};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeSet;
use std::sync::Arc;
use uuid::Uuid;

type OverviewResource = LocalResource<Result<Option<ForumOverview>, jiyn_core::RepoError>>;

/// The forum of the page's `:id`, with its programme.
fn overview_resource() -> (Memo<Option<Uuid>>, OverviewResource) {
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let overview = LocalResource::new(move || {
        state.revision.track();
        let id = id.get();
        async move {
            match id {
                Some(id) => commands::forum_overview(state, id).await,
                None => Ok(None),
            }
        }
    });
    (id, overview)
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let (id, overview) = overview_resource();
    let session_id = move || {
        params
            .read()
            .get("session")
            .and_then(|s| s.parse::<Uuid>().ok())
    };
    let back = move || {
        id.get()
            .map(|id| format!("/forum/{id}"))
            .unwrap_or_else(|| "/".into())
    };
    view! {
        <section class="page">
            <a class="back" href=back>{move || state.t(Msg::BackToProgramme)}</a>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    overview
                        .get()
                        .map(|result| match result {
                            Ok(Some(o)) => {
                                let found = session_id()
                                    .and_then(|sid| o.sessions.iter().find(|s| s.meta.id == sid && !s.meta.deleted).cloned());
                                match found {
                                    Some(s) => view! { <SessionDetail forum=o.forum session=s /> }.into_any(),
                                    None => view! { <p class="error">{move || state.t(Msg::SessionNotFound)}</p> }.into_any(),
                                }
                            }
                            Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn SessionDetail(forum: Forum, session: Session) -> impl IntoView {
    let state = AppState::expect();
    let plan = Plan::load(state, forum.meta.id);
    let title = session.title.clone();
    let description = session.description.clone();
    let when = {
        let s = session.clone();
        move || {
            let lang = state.lang.get();
            let end = if s.ends_at.date() == s.starts_at.date() {
                hh_mm(s.ends_at)
            } else {
                format!(
                    "{}, {}",
                    date_long(lang, s.ends_at.date()),
                    hh_mm(s.ends_at)
                )
            };
            format!(
                "{}, {}–{}",
                date_long(lang, s.starts_at.date()),
                hh_mm(s.starts_at),
                end
            )
        }
    };
    let zone = forum.time_zone.clone();
    let place = {
        let (f, s) = (forum.clone(), session.clone());
        move || place_text(&f, &s, state.lang.get())
    };
    let speakers = session.speakers.join(", ");
    let languages = session.languages.clone();
    let capacity = session.capacity;
    let kind = session.kind;
    let failed = RwSignal::new(None::<String>);
    let (f, s) = (
        StoredValue::new(forum.clone()),
        StoredValue::new(session.clone()),
    );
    let ics = move |_| {
        let lang = state.lang.get_untracked();
        let result = f.with_value(|f| {
            s.with_value(|s| {
                let name = s.title.get(lang).0.to_string();
                download_calendar(f, &[s], lang, &name)
            })
        });
        failed.set(result.err());
    };
    view! {
        <article class="session-page">
            <p class="kind">{move || state.t(kind_msg(kind))}</p>
            <h1 data-testid="session-title">{move || localized(&title, state.lang.get())}</h1>
            <dl class="pairs">
                <dt>{move || state.t(Msg::ForumTime)}</dt>
                <dd data-testid="session-when">{when} <small class="muted">{format!(" ({zone})")}</small></dd>
                <dt>{move || state.t(Msg::VenueLabel)}</dt>
                <dd>{place}</dd>
                {(!speakers.is_empty()).then(|| view! {
                    <dt>{move || state.t(Msg::Speakers)}</dt>
                    <dd>{speakers}</dd>
                })}
                {(!languages.is_empty()).then(|| view! {
                    <dt>{move || state.t(Msg::LanguageOfSession)}</dt>
                    <dd>{move || {
                        let lang = state.lang.get();
                        languages.iter().map(|l| lang_name_msg(*l).text(lang)).collect::<Vec<_>>().join(", ")
                    }}</dd>
                })}
                {capacity.map(|c| view! {
                    <dt>{move || state.t(Msg::Capacity)}</dt>
                    <dd>{c}</dd>
                })}
            </dl>
            {(!description.is_empty()).then(|| view! { <p class="description">{move || localized(&description, state.lang.get())}</p> })}
            <div class="buttons">
                <StarButton id=session.meta.id plan=plan />
                <button type="button" class="secondary" data-testid="session-ics" on:click=ics>{move || state.t(Msg::AddToCalendar)}</button>
                <a class="button-link" data-testid="edit-session" href=format!("/forum/{}/edit/session/{}", session.meta.forum, session.meta.id)>
                    {move || state.t(Msg::EditLink)}
                </a>
            </div>
            {move || failed.get().map(|e| view! { <p class="error" role="alert">{state.t(Msg::ExportFailed)} " " <small>{e}</small></p> })}
            {move || plan.failed.get().then(|| view! { <p class="error" role="alert">{state.t(Msg::PlanSaveFailed)}</p> })}
            {capacity.map(|_| view! { <SignUpPanel session=session.clone() /> })}
        </article>
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let state = AppState::expect();
    let (id, overview) = overview_resource();
    let back = move || {
        id.get()
            .map(|id| format!("/forum/{id}"))
            .unwrap_or_else(|| "/".into())
    };
    view! {
        <section class="page">
            <a class="back" href=back>{move || state.t(Msg::BackToProgramme)}</a>
            <h1>{move || state.t(Msg::MyPlan)}</h1>
            <p class="muted">{move || state.t(Msg::PlanHint)}</p>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    overview
                        .get()
                        .map(|result| match result {
                            Ok(Some(o)) => view! { <PlanList forum=o.forum sessions=o.sessions /> }.into_any(),
                            Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn PlanList(forum: Forum, sessions: Vec<Session>) -> impl IntoView {
    let state = AppState::expect();
    let plan = Plan::load(state, forum.meta.id);
    let forum = Arc::new(forum);
    let index = Arc::new(agenda::ProgrammeIndex::new(&sessions));
    let chosen = {
        let index = index.clone();
        Memo::new(move |_| {
            let ids = plan.ids.get();
            index
                .sessions()
                .iter()
                .filter(|s| ids.contains(&s.meta.id))
                .cloned()
                .collect::<Vec<Session>>()
        })
    };
    let pairs = Memo::new(move |_| {
        chosen.with(|list| {
            let refs: Vec<&Session> = list.iter().collect();
            agenda::overlaps(&refs)
        })
    });
    let clashes = Memo::new(move |_| {
        pairs.with(|p| {
            p.iter()
                .flat_map(|(a, b)| [*a, *b])
                .collect::<BTreeSet<Uuid>>()
        })
    });
    let failed = RwSignal::new(None::<String>);
    let ics = {
        let forum = forum.clone();
        move |_| {
            let lang = state.lang.get_untracked();
            let list = chosen.get_untracked();
            let refs: Vec<&Session> = list.iter().collect();
            let name = format!("{} — {}", forum.title.get(lang).0, Msg::MyPlan.text(lang));
            failed.set(download_calendar(&forum, &refs, lang, &name).err());
        }
    };
    let title_of = {
        let index = index.clone();
        move |id: Uuid, lang| {
            index
                .sessions()
                .iter()
                .find(|s| s.meta.id == id)
                .map(|s| format!("{} {}", hh_mm(s.starts_at), s.title.get(lang).0))
                .unwrap_or_default()
        }
    };
    let list = {
        let forum = forum.clone();
        move || {
            let items = chosen.get();
            if items.is_empty() {
                return view! { <p class="empty" data-testid="plan-empty">{state.t(Msg::PlanEmpty)}</p> }.into_any();
            }
            let lang = state.lang.get();
            let mut out = Vec::new();
            let mut day = None;
            for s in items {
                if day != Some(s.starts_at.date()) {
                    day = Some(s.starts_at.date());
                    out.push(view! { <li class="day-label"><h2 class="day">{date_long(lang, s.starts_at.date())}</h2></li> }.into_any());
                }
                out.push(view! { <SessionItem forum=forum.clone() session=s hidden=false plan=plan clashes=clashes style=String::new() /> }.into_any());
            }
            view! { <ol class="sessions" data-testid="plan-list">{out}</ol> }.into_any()
        }
    };
    view! {
        {move || {
            let p = pairs.get();
            let lang = state.lang.get();
            (!p.is_empty()).then(|| view! {
                <div class="warning" role="status" data-testid="plan-clashes">
                    <p><strong>{Msg::PlanClash.text(lang)}</strong></p>
                    <ul>
                        {p.into_iter().map(|(a, b)| view! { <li>{title_of(a, lang)} " ↔ " {title_of(b, lang)}</li> }).collect_view()}
                    </ul>
                </div>
            })
        }}
        {list}
        <div class="buttons">
            <button type="button" class="secondary" data-testid="plan-ics" on:click=ics disabled=move || chosen.with(|c| c.is_empty())>
                {move || state.t(Msg::PlanToCalendar)}
            </button>
        </div>
        {move || failed.get().map(|e| view! { <p class="error" role="alert">{state.t(Msg::ExportFailed)} " " <small>{e}</small></p> })}
        {move || plan.failed.get().then(|| view! { <p class="error" role="alert">{state.t(Msg::PlanSaveFailed)}</p> })}
    }
}

/// Sign-up for a session with a capacity: places left, the waitlist, this device's own
/// sign-ups with their place (and "not sent yet" while their change waits in the
/// outbox), and cancelling one.
#[component]
fn SignUpPanel(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let capacity = session.capacity;
    let session_id = session.meta.id;
    let loaded = LocalResource::new(move || {
        state.revision.track();
        commands::session_signups(state, session_id)
    });
    let device = commands::device_id(state);
    let name = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let failed = RwSignal::new(None::<Msg>);
    let session = StoredValue::new(session);
    let full = move || {
        loaded.with(|l| match l {
            Some(Ok((list, _))) => jiyn_core::signup::roster(capacity, list).is_full(),
            _ => false,
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if name.get_untracked().trim().is_empty() {
            return;
        }
        let (n, c) = (name.get_untracked(), contact.get_untracked());
        leptos::task::spawn_local(async move {
            let s = session.get_value();
            match commands::sign_up(state, &s, &n, &c).await {
                Ok(_) => {
                    name.set(String::new());
                    contact.set(String::new());
                    tried.set(false);
                    failed.set(None);
                }
                Err(commands::SaveError::Invalid(_)) => failed.set(Some(Msg::ErrNameRequired)),
                Err(commands::SaveError::Store(e)) => failed.set(Some(repo_error_msg(&e))),
            }
        });
    };
    let summary = move || {
        loaded.get().map(|r| match r {
            Ok((list, pending)) => {
                let lang = state.lang.get();
                let roster = jiyn_core::signup::roster(capacity, &list);
                let taken = roster.confirmed.len();
                let waiting = roster.waitlist.len();
                let mine: Vec<jiyn_core::SignUp> = list
                    .iter()
                    .filter(|s| s.meta.created.device.as_str() == device)
                    .cloned()
                    .collect();
                let rows = mine
                    .into_iter()
                    .map(|s| {
                        let place = jiyn_core::signup::place_of(&roster, s.meta.id);
                        let status = match place {
                            Some(jiyn_core::signup::Place::Confirmed) => Msg::PlaceConfirmed.text(lang).to_string(),
                            Some(jiyn_core::signup::Place::Waiting { position }) => {
                                format!("{} {position}", Msg::PlaceWaiting.text(lang))
                            }
                            None => Msg::SignUpCancelled.text(lang).to_string(),
                        };
                        let is_pending = pending.contains(&s.meta.id);
                        let cancellable = !s.cancelled;
                        let record = StoredValue::new(s.clone());
                        view! {
                            <li data-testid="my-signup">
                                <strong>{s.name.clone()}</strong> ": " <span data-testid="signup-place">{status}</span>
                                {is_pending.then(|| view! { <small class="pending" data-testid="signup-pending">{format!(" · {}", Msg::SignUpPending.text(lang))}</small> })}
                                {cancellable.then(|| view! {
                                    <button type="button" class="link-button" on:click=move |_| {
                                        let s = record.get_value();
                                        leptos::task::spawn_local(async move {
                                            if let Err(commands::SaveError::Store(e)) = commands::cancel_sign_up(state, &s).await {
                                                failed.set(Some(repo_error_msg(&e)));
                                            }
                                        });
                                    }>{Msg::CancelSignUp.text(lang)}</button>
                                })}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p data-testid="signup-summary">
                        {capacity.map(|c| format!("{taken} / {c} {}", Msg::PlacesTaken.text(lang)))}
                        {(waiting > 0).then(|| format!(" · {waiting} {}", Msg::WaitingCount.text(lang)))}
                    </p>
                    <h3>{Msg::SignUpsHere.text(lang)}</h3>
                    <ul class="my-signups">{rows}</ul>
                }
                    .into_any()
            }
            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
        })
    };
    view! {
        <section class="panel signup" aria-labelledby="signup-h">
            <h2 id="signup-h">{move || state.t(Msg::SignUpHeading)}</h2>
            <div role="status" aria-live="polite">{summary}</div>
            <p class="warn-text" hidden=move || !full()>{move || state.t(Msg::SessionFull)}</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="signup-name">{move || state.t(Msg::YourName)}</label>
                    <input id="signup-name" data-testid="signup-name" type="text" autocomplete="name" aria-describedby="signup-name-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                    <p class="error field-error" id="signup-name-error">
                        {move || (tried.get() && name.with(|n| n.trim().is_empty())).then(|| state.t(Msg::ErrNameRequired))}
                    </p>
                </div>
                <div class="field">
                    <label for="signup-contact">{move || state.t(Msg::ContactOptional)}</label>
                    <input id="signup-contact" type="text" autocomplete="tel" prop:value=move || contact.get() on:input=move |ev| contact.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="primary" data-testid="signup-submit">
                    {move || state.t(if full() { Msg::JoinWaitlist } else { Msg::SignUpButton })}
                </button>
            </form>
            {move || failed.get().map(|m| view! { <p class="error" role="alert">{state.t(m)}</p> })}
        </section>
    }
}
