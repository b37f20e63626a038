//! `/forum/:id/projects`: the forum's social projects, plan vs done for every target
//! (the seed's or paper report's count plus the logged activities), overdue targets
//! marked in words as well as colour, each project's activity log (latest first, with
//! delete and undo) and a form to log an activity. Everything is local, so it works
//! offline; the rules are `jiyn_core::projects`.
//!
//! The page reads once per revision; project cards are keyed by project id and keep
//! their own form state, so a save (or another tab's write) refreshes the figures
//! without losing what is being typed in another card, or the keyboard focus.

use crate::browser;
use crate::commands::{self, SaveError};
use crate::i18n::desk::DeskMsg;
use crate::i18n::projects::{activity_error_text, done_of_planned, number, ProjMsg};
use crate::i18n::{date_long, date_range, repo_error_msg, Lang, Msg};
use crate::state::AppState;
use chrono::NaiveDate;
use jiyn_core::projects::{
    overview, parse_activity, ActivityError, ActivityField, ActivityInput, ProjectView,
    TargetProgress,
};
use jiyn_core::{Activity, Forum, I18nText, RepoError};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// How many log entries a card shows before "show all".
const LOG_PREVIEW: usize = 5;

/// What the page shows: the forum, its local date, and its projects with their figures.
#[derive(Clone, Debug, PartialEq)]
struct PageData {
    forum: Forum,
    today: NaiveDate,
    projects: Vec<ProjectView>,
}

async fn load(state: AppState, id: Uuid) -> Result<Option<PageData>, RepoError> {
    let Some((forum, projects, activities)) = commands::project_records(state, id).await? else {
        return Ok(None);
    };
    let today = super::programme::forum_today(&forum);
    Ok(Some(PageData {
        projects: overview(&projects, &activities, today),
        today,
        forum,
    }))
}

/// Where the page stands; changes only when the kind of content changes, so the list
/// below is not rebuilt on every refresh.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    Loading,
    Missing,
    Failed(Msg),
    Ready,
}

fn text_of(text: &I18nText, lang: Lang) -> String {
    text.get(lang).0.to_string()
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let data = LocalResource::new(move || {
        state.revision.track();
        let id = id.get();
        async move {
            match id {
                Some(id) => load(state, id).await,
                None => Ok(None),
            }
        }
    });
    let status = Memo::new(move |_| match data.get() {
        None => Status::Loading,
        Some(Ok(None)) => Status::Missing,
        Some(Err(e)) => Status::Failed(repo_error_msg(&e)),
        Some(Ok(Some(_))) => Status::Ready,
    });
    let page = Memo::new(move |_| data.get().and_then(|r| r.ok().flatten()));

    view! {
        <section class="page projects-page" data-testid="projects-page">
            {move || id.get().map(|id| view! { <a class="back" href=format!("/forum/{id}")>{move || state.t(DeskMsg::BackToForum)}</a> })}
            <h1>{move || state.t(ProjMsg::Heading)}</h1>
            {move || page.with(|p| p.as_ref().map(|p| {
                let title = text_of(&p.forum.title, state.lang.get());
                view! { <p class="muted" data-testid="projects-forum">{title}</p> }
            }))}
            <p class="muted">{move || state.t(ProjMsg::Intro)}</p>
            {move || match status.get() {
                Status::Loading => view! { <p class="loading" role="status">{move || state.t(Msg::Loading)}</p> }.into_any(),
                Status::Missing => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                Status::Failed(m) => view! { <p class="error" role="alert">{move || state.t(m)}</p> }.into_any(),
                Status::Ready => view! { <ProjectList page=page /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ProjectList(page: Memo<Option<PageData>>) -> impl IntoView {
    let state = AppState::expect();
    let ids = Memo::new(move |_| {
        page.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.projects
                        .iter()
                        .map(|v| v.project.meta.id)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let totals = Memo::new(move |_| {
        page.with(|p| {
            p.as_ref().map_or((0, 0, 0, 0), |p| {
                p.projects.iter().fold((0, 0, 0, 0), |acc, v| {
                    (
                        acc.0 + 1,
                        acc.1 + v.summary.met,
                        acc.2 + v.summary.targets,
                        acc.3 + v.summary.overdue,
                    )
                })
            })
        })
    });
    view! {
        {move || (ids.with(|ids| ids.is_empty())).then(|| view! {
            <p class="empty" data-testid="projects-empty">{move || state.t(ProjMsg::NoProjects)}</p>
        })}
        {move || (!ids.with(|ids| ids.is_empty())).then(|| {
            let (projects, met, targets, overdue) = totals.get();
            view! {
                <dl class="stats pj-totals" data-testid="projects-totals">
                    <div class="stat"><dt>{move || state.t(ProjMsg::Projects)}</dt><dd>{projects}</dd></div>
                    <div class="stat"><dt>{move || state.t(ProjMsg::TargetsMet)}</dt><dd>{format!("{met} / {targets}")}</dd></div>
                    <div class="stat" class:pj-stat-overdue={overdue > 0}><dt>{move || state.t(ProjMsg::OverdueCount)}</dt><dd>{overdue}</dd></div>
                </dl>
            }
        })}
        <ol class="pj-list">
            <For each=move || ids.get() key=|id| *id
                children=move |id| view! { <li><ProjectCard id=id page=page /></li> } />
        </ol>
    }
}

/// A log entry just deleted (for undo), or the outcome of the last action of a card.
#[derive(Clone, Debug, PartialEq)]
enum Notice {
    Saved(String),
    Deleted(Box<Activity>),
    Restored,
    Failed,
}

#[component]
fn ProjectCard(id: Uuid, page: Memo<Option<PageData>>) -> impl IntoView {
    let state = AppState::expect();
    let project = Memo::new(move |_| {
        page.with(|p| {
            p.as_ref()
                .and_then(|p| p.projects.iter().find(|v| v.project.meta.id == id).cloned())
        })
    });
    let today = Memo::new(move |_| page.with(|p| p.as_ref().map(|p| p.today)));
    let log_notice = RwSignal::new(None::<Notice>);
    let form_notice = RwSignal::new(None::<Notice>);
    let heading = format!("pj-{id}-h");
    let heading_for_label = heading.clone();

    let header = move || {
        project.with(|v| {
            v.as_ref().map(|v| {
                let lang = state.lang.get();
                let p = &v.project;
                let s = v.summary;
                view! {
                    <h2 id=heading.clone()>{text_of(&p.title, lang)}</h2>
                    <p class="pj-org">{text_of(&p.organisation, lang)}</p>
                    <p class="muted">{format!("{}: {}", state.t(ProjMsg::Period), date_range(lang, p.period_start, p.period_end))}</p>
                    <p class="pj-summary" data-testid="project-summary" data-met=s.met data-targets=s.targets data-overdue=s.overdue>
                        <span class:pj-all-met=s.all_met()>{format!("{}: {} / {}", state.t(ProjMsg::TargetsMet), s.met, s.targets)}</span>
                        {(s.overdue > 0).then(|| view! { <span class="pj-overdue-count">{format!("{}: {}", state.t(ProjMsg::OverdueCount), s.overdue)}</span> })}
                    </p>
                }
            })
        })
    };

    let targets = move || {
        project.with(|v| {
            v.as_ref().map(|v| {
                let lang = state.lang.get();
                v.progress
                    .iter()
                    .map(|t| target_row(id, t, lang))
                    .collect_view()
            })
        })
    };

    view! {
        <article class="pj-card" data-testid="project" data-project-id=id.to_string() aria-labelledby=heading_for_label>
            {header}
            <h3 class="pj-sub">{move || state.t(ProjMsg::Targets)}</h3>
            <ul class="pj-targets">{targets}</ul>
            <ActivityLog id=id project=project notice=log_notice />
            <ActivityForm id=id project=project today=today notice=form_notice />
        </article>
    }
}

/// One target: its name, a bar, "7 / 10 meetings", and met or overdue in words.
fn target_row(project: Uuid, t: &TargetProgress, lang: Lang) -> impl IntoView + use<> {
    let metric_id = format!("pj-{project}-t-{}", t.target.id);
    let unit = text_of(&t.target.unit, lang);
    let count = done_of_planned(lang, t.done, t.target.planned, &unit);
    let pct = t.percent();
    let met = t.met();
    let overdue = t.overdue;
    let deadline = t.target.deadline;
    let status = if met {
        Some(view! { <span class="pj-flag pj-flag-met" data-testid="target-met"><span aria-hidden="true">"✓ "</span>{ProjMsg::Met.text(lang)}</span> }.into_any())
    } else if overdue {
        deadline.map(|d| view! {
            <span class="pj-flag pj-flag-overdue" data-testid="target-overdue">
                <span aria-hidden="true">"⚠ "</span>
                {format!("{} — {}: {}", ProjMsg::Overdue.text(lang), ProjMsg::Deadline.text(lang), date_long(lang, d))}
            </span>
        }.into_any())
    } else {
        deadline.map(|d| view! {
            <span class="pj-due">{format!("{}: {}", ProjMsg::DueBy.text(lang), date_long(lang, d))}</span>
        }.into_any())
    };
    view! {
        <li class="pj-target" class:pj-met=met class:pj-overdue=overdue data-testid="target-progress"
            data-target-id=t.target.id.to_string() data-done=t.done data-planned=t.target.planned
            data-met=met.to_string() data-overdue=overdue.to_string()>
            <span class="pj-metric" id=metric_id.clone()>{text_of(&t.target.metric, lang)}</span>
            <div class="pj-bar" role="progressbar" aria-labelledby=metric_id aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=pct aria-valuetext=format!("{count} ({pct}%)")>
                <span class="pj-fill" style:width=format!("{pct}%")></span>
            </div>
            <span class="pj-count" data-testid="target-count">{count}<span class="pj-pct">{format!(" · {pct}%")}</span></span>
            {status}
        </li>
    }
}

#[component]
fn ActivityLog(
    id: Uuid,
    project: Memo<Option<ProjectView>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let state = AppState::expect();
    let show_all = RwSignal::new(false);
    let undo_id = format!("pj-{id}-undo");
    let delete = move |a: Activity| {
        leptos::task::spawn_local(async move {
            match commands::delete_record(state, &a).await {
                Ok(gone) => {
                    notice.set(Some(Notice::Deleted(Box::new(gone))));
                    // The button pressed is gone with its entry: keyboard focus goes to Undo.
                    browser::yield_to_browser().await;
                    browser::focus_selector(&format!("#pj-{id}-undo"));
                }
                Err(_) => notice.set(Some(Notice::Failed)),
            }
        });
    };
    let undo = move |_| {
        let Some(Notice::Deleted(gone)) = notice.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match commands::restore_record(state, gone.as_ref()).await {
                Ok(_) => notice.set(Some(Notice::Restored)),
                Err(_) => notice.set(Some(Notice::Failed)),
            }
        });
    };

    let entries = move || {
        project.with(|v| {
            let v = v.as_ref()?;
            let lang = state.lang.get();
            let total = v.log.len();
            let shown = if show_all.get() { total } else { total.min(LOG_PREVIEW) };
            let rows = v
                .log
                .iter()
                .take(shown)
                .map(|a| {
                    let target = v.target(a.target);
                    let metric = target.map_or_else(
                        || ProjMsg::RemovedTarget.text(lang).to_string(),
                        |t| text_of(&t.metric, lang),
                    );
                    let unit = target.map(|t| text_of(&t.unit, lang)).unwrap_or_default();
                    let when = date_long(lang, a.on);
                    let delete_label = format!("{}: {when}, {metric}", ProjMsg::Delete.text(lang));
                    let mut facts = vec![format!("+{} {unit}", number(lang, u64::from(a.count))).trim_end().to_string()];
                    if let Some(n) = a.attendees {
                        facts.push(format!("{} {}", number(lang, u64::from(n)), ProjMsg::Attendees.text(lang)));
                    }
                    let note = (!a.note.is_empty()).then(|| view! { <p class="pj-note">{a.note.clone()}</p> });
                    let record = a.clone();
                    view! {
                        <li class="pj-entry" data-testid="activity" data-activity-id=a.meta.id.to_string()
                            data-target-id=a.target.to_string() data-count=a.count>
                            <div class="pj-entry-main">
                                <p class="pj-entry-head"><time datetime=a.on.to_string()>{when}</time>" · "<span>{metric}</span></p>
                                <p class="pj-entry-facts">{facts.join(" · ")}</p>
                                {note}
                            </div>
                            <button type="button" class="secondary pj-delete" data-testid="activity-delete"
                                aria-label=delete_label on:click=move |_| delete(record.clone())>
                                {ProjMsg::Delete.text(lang)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let toggle = (total > LOG_PREVIEW).then(|| {
                let label = if show_all.get() {
                    ProjMsg::ShowFewer.text(lang).to_string()
                } else {
                    format!("{} ({total})", ProjMsg::ShowAll.text(lang))
                };
                view! {
                    <button type="button" class="link-button pj-more" aria-expanded=move || show_all.get().to_string()
                        on:click=move |_| show_all.update(|s| *s = !*s)>{label}</button>
                }
            });
            let empty = (total == 0).then(|| view! { <p class="muted" data-testid="activity-log-empty">{ProjMsg::LogEmpty.text(lang)}</p> });
            Some(view! {
                {empty}
                <ol class="pj-log" data-testid="activity-log">{rows}</ol>
                {toggle}
            })
        })
    };

    let notice_view = move || notice_line(notice.get(), undo_id.clone(), undo);

    view! {
        <h3 class="pj-sub">{move || state.t(ProjMsg::Log)}</h3>
        <div class="pj-notice" role="status" aria-live="polite" data-testid="activity-notice">{notice_view}</div>
        {entries}
    }
}

/// The outcome of a card's last action, in words; a deletion offers Undo.
fn notice_line(
    notice: Option<Notice>,
    undo_id: String,
    undo: impl Fn(leptos::ev::MouseEvent) + Send + Sync + 'static,
) -> Option<AnyView> {
    let state = AppState::expect();
    notice.map(|n| match n {
        Notice::Saved(text) => view! { <p class="ok" data-testid="activity-saved">{text}</p> }.into_any(),
        Notice::Deleted(_) => view! {
            <p class="pj-deleted">
                <span>{move || state.t(ProjMsg::Deleted)}</span> " "
                <button type="button" class="secondary" id=undo_id data-testid="activity-undo" on:click=undo>{move || state.t(ProjMsg::Undo)}</button>
            </p>
        }
        .into_any(),
        Notice::Restored => view! { <p class="ok">{move || state.t(ProjMsg::Restored)}</p> }.into_any(),
        Notice::Failed => view! { <p class="error">{move || state.t(ProjMsg::ErrStorage)}</p> }.into_any(),
    })
}

/// The typed values of a card's form (kept while the figures refresh, and on errors).
#[derive(Clone, Copy)]
struct Fields {
    target: RwSignal<String>,
    on: RwSignal<String>,
    count: RwSignal<String>,
    attendees: RwSignal<String>,
    note: RwSignal<String>,
}

#[component]
fn ActivityForm(
    id: Uuid,
    project: Memo<Option<ProjectView>>,
    today: Memo<Option<NaiveDate>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let state = AppState::expect();
    let only_target =
        project.with_untracked(|v| match v.as_ref().map(|v| v.project.targets.as_slice()) {
            Some([t]) => t.id.to_string(),
            _ => String::new(),
        });
    let fields = Fields {
        target: RwSignal::new(only_target),
        on: RwSignal::new(
            today
                .get_untracked()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ),
        count: RwSignal::new("1".to_string()),
        attendees: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
    };
    let errors = RwSignal::new(Vec::<ActivityError>::new());
    let saving = RwSignal::new(false);
    let field_id = move |f: ActivityField| {
        let name = match f {
            ActivityField::Project => "project",
            ActivityField::Target => "target",
            ActivityField::On => "date",
            ActivityField::Count => "count",
            ActivityField::Attendees => "attendees",
            ActivityField::Note => "note",
        };
        format!("pj-{id}-{name}")
    };
    let error_of = move |f: ActivityField| {
        move || {
            let lang = state.lang.get();
            errors.with(|es| {
                es.iter()
                    .find(|e| e.field() == f)
                    .map(|e| activity_error_text(lang, e))
                    .unwrap_or_default()
            })
        }
    };
    let invalid = move |f: ActivityField| {
        move || {
            errors
                .with(|es| es.iter().any(|e| e.field() == f))
                .to_string()
        }
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        notice.set(None);
        let (Some(v), Some(today)) = (project.get_untracked(), today.get_untracked()) else {
            return;
        };
        let (target, on, count, attendees, note) = (
            fields.target.get_untracked(),
            fields.on.get_untracked(),
            fields.count.get_untracked(),
            fields.attendees.get_untracked(),
            fields.note.get_untracked(),
        );
        let input = ActivityInput {
            target: &target,
            on: &on,
            count: &count,
            attendees: &attendees,
            note: &note,
        };
        let parsed = match parse_activity(&v.project, &input, today) {
            Ok(parsed) => parsed,
            Err(es) => {
                if let Some(first) = es.first() {
                    browser::focus_selector(&format!("#{}", field_id(first.field())));
                }
                errors.set(es);
                return;
            }
        };
        errors.set(Vec::new());
        saving.set(true);
        let lang = state.lang.get_untracked();
        let metric = v
            .target(parsed.target)
            .map(|t| text_of(&t.metric, lang))
            .unwrap_or_default();
        let added = parsed.count;
        let forum = v.project.meta.forum;
        // The meta is a placeholder: the writer replaces it with the new record's own.
        let draft = parsed.into_activity(v.project.meta.clone(), v.project.meta.id);
        leptos::task::spawn_local(async move {
            match commands::save_record(state, Some(forum), None, draft).await {
                Ok(saved) => {
                    // Target and date stay: several entries of one day are common.
                    fields.count.set("1".into());
                    fields.attendees.set(String::new());
                    fields.note.set(String::new());
                    notice.set(Some(Notice::Saved(format!(
                        "{}: {} · {}, +{}",
                        state.t(ProjMsg::Saved),
                        date_long(lang, saved.on),
                        metric,
                        number(lang, u64::from(added))
                    ))));
                }
                Err(SaveError::Invalid(e)) if e.field() == "count" => {
                    errors.set(vec![ActivityError::BadCount]);
                }
                Err(_) => notice.set(Some(Notice::Failed)),
            }
            saving.set(false);
        });
    };

    let options = move || {
        project.with(|v| {
            let lang = state.lang.get();
            v.as_ref().map(|v| {
                v.progress
                    .iter()
                    .map(|t| {
                        let value = t.target.id.to_string();
                        let selected = {
                            let value = value.clone();
                            move || fields.target.with(|s| *s == value)
                        };
                        let unit = text_of(&t.target.unit, lang);
                        let label = format!(
                            "{} ({})",
                            text_of(&t.target.metric, lang),
                            done_of_planned(lang, t.done, t.target.planned, &unit)
                        );
                        view! { <option value=value selected=selected>{label}</option> }
                    })
                    .collect_view()
            })
        })
    };
    let period = move || {
        project.with(|v| {
            v.as_ref().map(|v| {
                format!(
                    "{}: {}",
                    state.t(ProjMsg::DateHint),
                    date_range(
                        state.lang.get(),
                        v.project.period_start,
                        v.project.period_end
                    )
                )
            })
        })
    };
    let bound = move |end: bool| {
        move || {
            project.with(|v| {
                v.as_ref().map(|v| {
                    let d = if end {
                        v.project.period_end
                    } else {
                        v.project.period_start
                    };
                    d.format("%Y-%m-%d").to_string()
                })
            })
        }
    };

    let [target_id, date_id, count_id, att_id, note_id] = [
        ActivityField::Target,
        ActivityField::On,
        ActivityField::Count,
        ActivityField::Attendees,
        ActivityField::Note,
    ]
    .map(field_id);
    let err = |f: ActivityField| format!("{}-error", field_id(f));
    let hint = |name: &str| format!("pj-{id}-{name}-hint");

    view! {
        <details class="pj-form-box" data-testid="activity-form-box">
            <summary data-testid="activity-form-open">{move || state.t(ProjMsg::FormHeading)}</summary>
            <form class="pj-form" data-testid="activity-form" novalidate on:submit=save>
                <p class="error pj-form-error" role="alert" data-testid="activity-form-error">
                    {move || errors.with(|es| !es.is_empty()).then(|| state.t(ProjMsg::ErrFormHasErrors))}
                </p>
                <div class="field">
                    <label for=target_id.clone()>{move || state.t(ProjMsg::Target)}</label>
                    <select id=target_id data-testid="activity-target" aria-invalid=invalid(ActivityField::Target)
                        aria-describedby=err(ActivityField::Target)
                        on:change=move |ev| fields.target.set(event_target_value(&ev))>
                        <option value="" selected=move || fields.target.with(|s| s.is_empty())>{move || state.t(ProjMsg::ChooseTarget)}</option>
                        {options}
                    </select>
                    <p class="error field-error" id=err(ActivityField::Target) data-testid="activity-error-target">{error_of(ActivityField::Target)}</p>
                </div>
                <div class="pj-two">
                    <div class="field">
                        <label for=date_id.clone()>{move || state.t(ProjMsg::Date)}</label>
                        <input id=date_id type="date" data-testid="activity-date" min=bound(false) max=bound(true)
                            aria-invalid=invalid(ActivityField::On)
                            aria-describedby=format!("{} {}", err(ActivityField::On), hint("date"))
                            prop:value=move || fields.on.get() on:input=move |ev| fields.on.set(event_target_value(&ev)) />
                        <p class="field-hint pj-hint" id=hint("date")>{period}</p>
                        <p class="error field-error" id=err(ActivityField::On) data-testid="activity-error-date">{error_of(ActivityField::On)}</p>
                    </div>
                    <div class="field">
                        <label for=count_id.clone()>{move || state.t(ProjMsg::Count)}</label>
                        <input id=count_id type="text" inputmode="numeric" autocomplete="off" data-testid="activity-count"
                            aria-invalid=invalid(ActivityField::Count)
                            aria-describedby=format!("{} {}", err(ActivityField::Count), hint("count"))
                            prop:value=move || fields.count.get() on:input=move |ev| fields.count.set(event_target_value(&ev)) />
                        <p class="field-hint pj-hint" id=hint("count")>{move || state.t(ProjMsg::CountHint)}</p>
                        <p class="error field-error" id=err(ActivityField::Count) data-testid="activity-error-count">{error_of(ActivityField::Count)}</p>
                    </div>
                </div>
                <div class="field">
                    <label for=att_id.clone()>{move || state.t(ProjMsg::AttendeesLabel)}</label>
                    <input id=att_id type="text" inputmode="numeric" autocomplete="off" data-testid="activity-attendees"
                        aria-invalid=invalid(ActivityField::Attendees) aria-describedby=err(ActivityField::Attendees)
                        prop:value=move || fields.attendees.get() on:input=move |ev| fields.attendees.set(event_target_value(&ev)) />
                    <p class="error field-error" id=err(ActivityField::Attendees) data-testid="activity-error-attendees">{error_of(ActivityField::Attendees)}</p>
                </div>
                <div class="field">
                    <label for=note_id.clone()>{move || state.t(ProjMsg::Note)}</label>
                    <textarea id=note_id rows="3" data-testid="activity-note" aria-invalid=invalid(ActivityField::Note)
                        aria-describedby=format!("{} {}", err(ActivityField::Note), hint("note"))
                        prop:value=move || fields.note.get() on:input=move |ev| fields.note.set(event_target_value(&ev))></textarea>
                    <p class="field-hint pj-hint" id=hint("note")>{move || state.t(ProjMsg::NoteHint)}</p>
                    <p class="error field-error" id=err(ActivityField::Note) data-testid="activity-error-note">{error_of(ActivityField::Note)}</p>
                </div>
                <button type="submit" class="primary" data-testid="activity-save" disabled=move || saving.get()>
                    {move || state.t(if saving.get() { ProjMsg::Saving } else { ProjMsg::Save })}
                </button>
                <div class="pj-notice" role="status" aria-live="polite" data-testid="activity-form-notice">
                    {move || notice_line(notice.get(), String::new(), |_| {})}
                </div>
            </form>
        </details>
    }
}
