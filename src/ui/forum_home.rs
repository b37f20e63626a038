//! A forum's home page: what, where and when, its numbers, its programme by day (or its
//! itinerary, for a tour), and its social projects.

use super::programme::{download_calendar, plan_clashes, Plan, ProgrammeView, SessionItem, Wide};
use super::text::localized;
use crate::commands::{self, ForumOverview};
use crate::i18n::{date_long, date_range, format_msg, repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::agenda::{self, ProgrammeFilter, ProgrammeIndex};
use jiyn_core::{Forum, ForumCounts, ForumFormat, RepoError, Session, SocialProject};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;
use uuid::Uuid;

#[component]
pub fn ForumHome() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let overview = LocalResource::new(move || {
        state.revision.track();
        let id = id();
        async move {
            match id {
                Some(id) => commands::forum_overview(state, id).await,
                None => Ok(None),
            }
        }
    });
    // The figures load on their own, after the forum has shown: a resource read inside
    // the Transition would hold the whole page back, and the browser's database answers
    // one request at a time, so reading every participant first would delay the
    // programme. Each new overview (a write bumps the revision) refreshes them.
    let counts = RwSignal::new(None::<(Uuid, Result<ForumCounts, RepoError>)>);
    Effect::new(move || {
        let shown = overview.with(|o| match o {
            Some(Ok(Some(o))) => Some(o.forum.meta.id),
            _ => None,
        });
        let Some(id) = shown else { return };
        leptos::task::spawn_local(async move {
            let result = commands::forum_counts(state, id).await;
            counts.set(Some((id, result)));
        });
    });
    view! {
        <section class="page">
            <a class="back" href="/">{move || state.t(Msg::BackToForums)}</a>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    overview
                        .get()
                        .map(|result| match result {
                            Ok(Some(o)) => view! { <Overview o=o counts=counts /> }.into_any(),
                            Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Overview(
    o: ForumOverview,
    counts: RwSignal<Option<(Uuid, Result<ForumCounts, RepoError>)>>,
) -> impl IntoView {
    let state = AppState::expect();
    let ForumOverview {
        forum,
        sessions,
        projects,
    } = o;
    let plan = Plan::load(state, forum.meta.id);
    // Figures of this forum only (a late answer for another one is not shown).
    let forum_id = forum.meta.id;
    let mine = move || {
        counts
            .get()
            .filter(|(id, _)| *id == forum_id)
            .map(|(_, r)| r)
    };
    let figure = move |pick: fn(&ForumCounts) -> usize| {
        Signal::derive(move || match mine() {
            Some(Ok(c)) => Some(pick(&c)),
            _ => None,
        })
    };
    let title = forum.title.clone();
    let session_count = sessions.iter().filter(|s| !s.meta.deleted).count();
    let is_tour = forum.format == ForumFormat::Tour;
    let f = forum.clone();
    view! {
        <h1 data-testid="forum-title">{move || localized(&title, state.lang.get())}</h1>
        <p class="forum-meta">
            {move || {
                let lang = state.lang.get();
                format!(
                    "{} · {} · {} · {}: {}",
                    f.city.get(lang).0,
                    date_range(lang, f.starts_on, f.ends_on),
                    format_msg(f.format).text(lang),
                    Msg::TimeZone.text(lang),
                    f.time_zone,
                )
            }}
        </p>
        <dl class="stats">
            <Stat label=Msg::Participants value=figure(|c| c.participants) testid="stat-participants" />
            <Stat label=Msg::CheckedIn value=figure(|c| c.checked_in) />
            <Stat label=Msg::Sessions value=Signal::stored(Some(session_count)) />
            <Stat label=Msg::Delegations value=figure(|c| c.delegations) />
        </dl>
        {move || match mine() {
            Some(Err(e)) => Some(view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }),
            _ => None,
        }}
        <p class="plan-link">
            <a href=format!("/forum/{}/desk", forum_id) data-testid="desk-link">{move || state.t(crate::i18n::desk::DeskMsg::OpenDesk)}</a>
            <a href=format!("/forum/{}/review", forum_id) data-testid="review-link">{move || state.t(crate::i18n::sync::SyncMsg::ReviewLink)}</a>
            <a href=format!("/forum/{}/volunteers", forum_id) data-testid="volunteers-link">{move || state.t(crate::i18n::volunteers::VolMsg::Link)}</a>
            <a href=format!("/forum/{}/reports", forum_id) data-testid="reports-link">{move || state.t(Msg::Reports)}</a>
            <a href=format!("/forum/{}/plan", forum_id) data-testid="plan-link">
                {move || state.t(Msg::MyPlan)}
                {move || {
                    let n = plan.ids.with(|p| p.len());
                    (n > 0).then(|| format!(" ({n})"))
                }}
            </a>
            <a href=format!("/forum/{}/edit/session/new", forum_id) data-testid="add-session">{move || state.t(Msg::AddSession)}</a>
            <a href=format!("/forum/{}/edit", forum_id) data-testid="edit-forum">{move || state.t(Msg::EditForum)}</a>
        </p>
        {if is_tour {
            view! { <Itinerary forum=forum.clone() sessions=sessions.clone() plan=plan /> }.into_any()
        } else {
            let index = Arc::new(ProgrammeIndex::for_forum(&forum, &sessions));
            let location = use_location();
            let filter = Memo::new(move |_| ProgrammeFilter::from_query(&location.search.get()));
            let navigate = use_navigate();
            let set_filter = Callback::new(move |f: ProgrammeFilter| {
                let q = f.to_query();
                let url = if q.is_empty() { format!("/forum/{forum_id}") } else { format!("/forum/{forum_id}?{q}") };
                navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
            });
            let wide = use_context::<Wide>().map(|w| w.0).unwrap_or(Signal::stored(false));
            view! {
                <h2>{move || state.t(Msg::Programme)}</h2>
                <ProgrammeView forum=forum.clone() index=index filter=filter set_filter=set_filter plan=plan wide=wide />
            }
                .into_any()
        }}
        <Exports forum=forum.clone() sessions=sessions />
        {(!projects.is_empty()).then(|| view! { <Projects forum=forum_id projects=projects /> })}
    }
}

/// Downloads of the whole programme: calendar, schedule.json, the public agenda feed.
#[component]
fn Exports(forum: Forum, sessions: Vec<Session>) -> impl IntoView {
    let state = AppState::expect();
    let failed = RwSignal::new(None::<String>);
    let forum = StoredValue::new(forum);
    let sessions = StoredValue::new(sessions);
    let ics = move |_| {
        let lang = state.lang.get_untracked();
        let result = forum.with_value(|f| {
            sessions.with_value(|s| {
                let list: Vec<&Session> = s.iter().collect();
                let name = f.title.get(lang).0.to_string();
                download_calendar(f, &list, lang, &name)
            })
        });
        failed.set(result.err());
    };
    let feed = move |_| {
        let result = forum.with_value(|f| sessions.with_value(|s| commands::export_feed(f, s)));
        failed.set(result.err());
    };
    let schedule = move |_| {
        let lang = state.lang.get_untracked();
        let result =
            forum.with_value(|f| sessions.with_value(|s| commands::export_schedule(f, s, lang)));
        failed.set(result.err());
    };
    view! {
        <section class="panel exports">
            <h2>{move || state.t(Msg::ExportHeading)}</h2>
            <div class="buttons">
                <button type="button" class="secondary" data-testid="export-ics" on:click=ics>{move || state.t(Msg::ExportIcs)}</button>
                <button type="button" class="secondary" data-testid="export-schedule" on:click=schedule>{move || state.t(Msg::ExportSchedule)}</button>
                <button type="button" class="secondary" data-testid="export-feed" on:click=feed>{move || state.t(Msg::ExportFeed)}</button>
            </div>
            {move || failed.get().map(|e| view! { <p class="error" role="alert">{state.t(Msg::ExportFailed)} " " <small>{e}</small></p> })}
        </section>
    }
}

/// One figure with its label; "…" until it is known.
#[component]
fn Stat(
    label: Msg,
    value: Signal<Option<usize>>,
    /// `data-testid` of the figure, for tests and benchmarks.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <div class="stat">
            <dt>{move || state.t(label)}</dt>
            <dd data-testid=testid aria-busy=move || value.get().is_none().then_some("true")>
                {move || value.get().map_or_else(|| "…".to_string(), |v| v.to_string())}
            </dd>
        </div>
    }
}

/// A tour, day by day and stop by stop, each stop with its own programme.
#[component]
fn Itinerary(forum: Forum, sessions: Vec<Session>, plan: Plan) -> impl IntoView {
    let state = AppState::expect();
    let days = agenda::itinerary(&forum, &sessions);
    let forum = Arc::new(forum);
    let index = Arc::new(ProgrammeIndex::new(&sessions));
    let clashes = plan_clashes(index, plan);
    let days_view = days
        .into_iter()
        .map(|(day, stops)| {
            let stops_view = stops
                .into_iter()
                .map(|(stop, list)| {
                    let stop = stop.and_then(|id| forum.stops.iter().find(|s| s.id == id)).cloned();
                    let heading = stop.map(|stop| {
                        let district = stop.district.clone();
                        let place = stop.place.clone();
                        let address = stop.address.clone();
                        view! {
                            <h4>{move || localized(&district, state.lang.get())}</h4>
                            <p class="muted">
                                {move || localized(&place, state.lang.get())}
                                {(!address.is_empty()).then(|| format!(" · {address}"))}
                            </p>
                        }
                    });
                    let items = list
                        .into_iter()
                        .map(|s| {
                            view! {
                                <SessionItem forum=forum.clone() session=s.clone() hidden=false plan=plan clashes=clashes style=String::new() />
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="stop">
                            {heading}
                            <ol class="sessions">{items}</ol>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 class="day">{move || date_long(state.lang.get(), day)}</h3>
                <ol class="stops">{stops_view}</ol>
            }
        })
        .collect_view();
    view! {
        <h2>{move || state.t(Msg::Itinerary)}</h2>
        <div data-testid="programme">{days_view}</div>
    }
}

/// The forum's social projects, with a link to their plan vs done and activity log.
#[component]
fn Projects(forum: Uuid, projects: Vec<SocialProject>) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <h2>{move || state.t(Msg::Projects)}</h2>
        <ul class="projects">
            {projects
                .into_iter()
                .map(|p| {
                    let title = p.title.clone();
                    let org = p.organisation.clone();
                    view! {
                        <li class="project">
                            <h3>{move || localized(&title, state.lang.get())}</h3>
                            <p class="muted">{move || localized(&org, state.lang.get())}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p><a href=format!("/forum/{forum}/projects") data-testid="projects-link">{move || state.t(Msg::OpenProjects)}</a></p>
    }
}
