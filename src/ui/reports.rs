//! `/forum/:id/reports`: a forum's report (registered against checked in by region,
//! district, age group, role and delegation; volunteer hours; social projects), and
//! `/reports`: the same across every forum on this device, with a line per forum.
//!
//! The figures come from `jiyn_core::report` (one pass over the forum's records, after
//! they are read). Every chart is followed by a table of its figures (for screen
//! readers and printing), and every table can be downloaded as a CSV file for Excel.

use super::chart::{Bar, BarChart, Legend};
use super::text::localized;
use crate::browser;
use crate::commands::{self, file_stem, ReportRecords};
use crate::i18n::desk::{role_msg, DeskMsg};
use crate::i18n::reports::{age_band_msg, hours_minutes, n_of, ReportMsg, STATUSES};
use crate::i18n::{date_long, repo_error_msg, Lang, Msg};
use crate::state::AppState;
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use jiyn_core::report::{
    self, percent, Dashboard, ForumLine, Group, PeriodHours, ProjectProgress, ReportInput, Tally,
};
use jiyn_core::{Forum, RepoError};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use uuid::Uuid;

/// Most bars a chart draws (its table lists every row).
const CHART_BARS: usize = 12;
/// Most volunteers the table lists (the CSV file has all).
const TABLE_VOLUNTEERS: usize = 25;

/// A forum's report as the page shows it.
struct ForumReport {
    forum: Forum,
    dashboard: Arc<Dashboard>,
    /// Forum-local today.
    today: NaiveDate,
}

/// Every forum's report and their sum.
struct AllReport {
    forums: Vec<(Forum, Dashboard)>,
    total: Arc<Dashboard>,
    today: NaiveDate,
}

fn now_utc() -> DateTime<Utc> {
    crate::commands::ms_to_utc(browser::now_ms())
}

/// A forum's report (ages counted in the forum's first year, days in its time zone).
fn forum_dashboard(r: &ReportRecords) -> (Dashboard, NaiveDate) {
    let forum = &r.forum;
    let today = super::programme::forum_today(forum);
    let dashboard = report::dashboard(&ReportInput {
        participants: &r.participants,
        checkins: &r.checkins,
        hours: &r.hours,
        projects: &r.projects,
        activities: &r.activities,
        zone: report::zone_or_utc(&forum.time_zone),
        year: forum.starts_on.year(),
        today,
    });
    (dashboard, today)
}

async fn load_forum(state: AppState, id: Uuid) -> Result<Option<Arc<ForumReport>>, RepoError> {
    let Some(records) = commands::report_records(state, id).await? else {
        return Ok(None);
    };
    let (dashboard, today) = forum_dashboard(&records);
    Ok(Some(Arc::new(ForumReport {
        forum: records.forum,
        dashboard: Arc::new(dashboard),
        today,
    })))
}

async fn load_all(state: AppState) -> Result<Arc<AllReport>, RepoError> {
    let mut forums = Vec::new();
    for forum in commands::forums(state).await? {
        if let Some(records) = commands::report_records(state, forum.meta.id).await? {
            let (d, _) = forum_dashboard(&records);
            forums.push((records.forum, d));
        }
    }
    let total = report::merge_dashboards(forums.iter().map(|(_, d)| d));
    // The device's own date: the forums may be in several zones.
    let offset = TimeDelta::minutes(browser::device_utc_offset_minutes());
    let today = (now_utc() + offset).date_naive();
    Ok(Arc::new(AllReport {
        forums,
        total: Arc::new(total),
        today,
    }))
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let data = LocalResource::new(move || {
        state.revision.track();
        let id = id.get();
        async move {
            match id {
                Some(id) => load_forum(state, id).await,
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="page reports-page">
            {move || id.get().map(|id| view! { <a class="back" href=format!("/forum/{id}")>{move || state.t(DeskMsg::BackToForum)}</a> })}
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(Some(r)) => view! { <ForumReportView report=r /> }.into_any(),
                    Ok(None) => view! {
                        <h1>{move || state.t(ReportMsg::Heading)}</h1>
                        <p class="error">{move || state.t(Msg::ForumNotFound)}</p>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ForumReportView(report: Arc<ForumReport>) -> impl IntoView {
    let state = AppState::expect();
    let failed = RwSignal::new(false);
    let title = report.forum.title.clone();
    let meta = report.clone();
    let body = report.clone();
    view! {
        <h1>
            {move || state.t(ReportMsg::Heading)}
            <span class="sub">{move || localized(&title, state.lang.get())}</span>
        </h1>
        <p class="muted">
            {move || {
                let lang = state.lang.get();
                format!(
                    "{}: {} · {}: {}",
                    ReportMsg::AsOf.text(lang),
                    date_long(lang, meta.today),
                    Msg::TimeZone.text(lang),
                    meta.forum.time_zone,
                )
            }}
        </p>
        <Toolbar all_link=true />
        <p class="error no-print" role="alert" hidden=move || !failed.get()>{move || state.t(ReportMsg::DownloadFailed)}</p>
        {move || {
            let lang = state.lang.get();
            let stem = file_stem(body.forum.title.get(lang).0);
            view! {
                {headline(&body.dashboard, lang)}
                {sections(body.dashboard.clone(), lang, &stem, failed)}
            }
        }}
    }
}

#[component]
pub fn AllReportsPage() -> impl IntoView {
    let state = AppState::expect();
    let data = LocalResource::new(move || {
        state.revision.track();
        async move { load_all(state).await }
    });
    view! {
        <section class="page reports-page">
            <a class="back" href="/">{move || state.t(Msg::BackToForums)}</a>
            <h1>{move || state.t(ReportMsg::AllHeading)}</h1>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(r) if r.forums.is_empty() => view! { <p class="muted">{move || state.t(ReportMsg::NoForums)}</p> }.into_any(),
                    Ok(r) => view! { <AllReportView report=r /> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AllReportView(report: Arc<AllReport>) -> impl IntoView {
    let state = AppState::expect();
    let failed = RwSignal::new(false);
    let today = report.today;
    view! {
        <p class="muted">
            {move || state.t(ReportMsg::AllIntro)} " "
            {move || format!("{}: {}", state.t(ReportMsg::AsOf), date_long(state.lang.get(), today))}
        </p>
        <Toolbar all_link=false />
        <p class="error no-print" role="alert" hidden=move || !failed.get()>{move || state.t(ReportMsg::DownloadFailed)}</p>
        {move || {
            let lang = state.lang.get();
            view! {
                {headline(&report.total, lang)}
                {forums_section(&report, lang, failed)}
                {sections(report.total.clone(), lang, "jiyn-reports", failed)}
            }
        }}
    }
}

/// Print, and the way to the other report.
#[component]
fn Toolbar(all_link: bool) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <div class="buttons no-print">
            <button type="button" data-testid="report-print" on:click=move |_| browser::print()>
                {move || state.t(ReportMsg::Print)}
            </button>
            {all_link.then(|| view! {
                <a class="button-link" href="/reports">{move || state.t(ReportMsg::AllLink)}</a>
            })}
        </div>
    }
}

// ---------------------------------------------------------------------------------
// Sections

/// The sections of a report after its headline, in `lang` (rebuilt when the language
/// changes).
fn sections(d: Arc<Dashboard>, lang: Lang, stem: &str, failed: RwSignal<bool>) -> impl IntoView {
    let t = |m: ReportMsg| m.text(lang);
    let not_given = t(ReportMsg::NotGiven);
    let named = |groups: &[Group]| -> Vec<(String, Tally)> {
        groups
            .iter()
            .map(|g| {
                let name = if g.name.is_empty() {
                    not_given
                } else {
                    &g.name
                };
                (name.to_string(), g.tally)
            })
            .collect()
    };
    let head = |first: ReportMsg| -> [&'static str; 4] {
        [
            t(first),
            t(ReportMsg::Registered),
            t(ReportMsg::CheckedIn),
            t(ReportMsg::CheckedInShare),
        ]
    };
    let group_csv = |first: ReportMsg, pick: fn(&Dashboard) -> &[Group]| {
        let d = d.clone();
        let header = head(first);
        move || report::groups_csv(header, pick(&d), not_given)
    };
    let is_empty = d.total.registered == 0;
    let people = if is_empty {
        view! { <p class="muted panel">{t(ReportMsg::NoPeople)}</p> }.into_any()
    } else {
        let ages: Vec<(String, Tally)> = d
            .by_age
            .iter()
            .map(|(b, t)| (age_band_msg(*b).text(lang).to_string(), *t))
            .collect();
        let roles: Vec<(String, Tally)> = d
            .by_role
            .iter()
            .map(|(r, t)| (role_msg(*r).text(lang).to_string(), *t))
            .collect();
        let age_csv = {
            let d = d.clone();
            let header = head(ReportMsg::AgeGroup);
            move || {
                report::keyed_csv(header, &d.by_age, |b| {
                    age_band_msg(b).text(lang).to_string()
                })
            }
        };
        let role_csv = {
            let d = d.clone();
            let header = head(ReportMsg::Role);
            move || report::keyed_csv(header, &d.by_role, |r| role_msg(r).text(lang).to_string())
        };
        view! {
            {tally_section(TallySection { id: "region", heading: t(ReportMsg::ByRegion), hint: None, first: t(ReportMsg::Region), rows: named(&d.by_region), lang, stem, key: "regions", failed }, group_csv(ReportMsg::Region, |d| &d.by_region))}
            {tally_section(TallySection { id: "district", heading: t(ReportMsg::ByDistrict), hint: None, first: t(ReportMsg::District), rows: named(&d.by_district), lang, stem, key: "districts", failed }, group_csv(ReportMsg::District, |d| &d.by_district))}
            {tally_section(TallySection { id: "age", heading: t(ReportMsg::ByAge), hint: Some(t(ReportMsg::AgeHint)), first: t(ReportMsg::AgeGroup), rows: ages, lang, stem, key: "age-groups", failed }, age_csv)}
            {tally_section(TallySection { id: "role", heading: t(ReportMsg::ByRole), hint: None, first: t(ReportMsg::Role), rows: roles, lang, stem, key: "roles", failed }, role_csv)}
            {tally_section(TallySection { id: "delegation", heading: t(ReportMsg::ByDelegation), hint: None, first: t(ReportMsg::Delegation), rows: named(&d.by_delegation), lang, stem, key: "delegations", failed }, group_csv(ReportMsg::Delegation, |d| &d.by_delegation))}
        }
        .into_any()
    };
    view! {
        {people}
        {hours_section(d.clone(), lang, stem, failed)}
        {projects_section(d, lang, stem, failed)}
    }
}

/// The headline figures.
fn headline(d: &Dashboard, lang: Lang) -> impl IntoView {
    let stat = |label: ReportMsg, value: String, testid: &'static str| {
        view! {
            <div class="stat">
                <dt>{label.text(lang)}</dt>
                <dd data-testid=testid>{value}</dd>
            </div>
        }
    };
    let t = d.total;
    view! {
        <dl class="stats report-stats">
            {stat(ReportMsg::Registered, t.registered.to_string(), "report-registered")}
            {stat(ReportMsg::CheckedIn, t.checked_in.to_string(), "report-checked-in")}
            {stat(ReportMsg::CheckedInShare, format!("{}%", percent(t.checked_in, t.registered)), "report-share")}
            {stat(ReportMsg::Youth, d.youth().registered.to_string(), "report-youth")}
            {stat(ReportMsg::ApprovedHoursTotal, hours_minutes(d.hours.approved.minutes), "report-hours")}
        </dl>
    }
}

/// Downloads a table as `<stem>-<key>.csv`; `failed` is set when the browser refuses.
fn csv_button(
    lang: Lang,
    stem: &str,
    key: &'static str,
    make: impl Fn() -> String + Send + Sync + 'static,
    failed: RwSignal<bool>,
) -> impl IntoView {
    let file = format!("{stem}-{key}.csv");
    let testid = format!("csv-{key}");
    view! {
        <div class="buttons no-print">
            <button
                type="button"
                data-testid=testid
                on:click=move |_| {
                    let ok = browser::download_text(&file, "text/csv;charset=utf-8", &make()).is_ok();
                    failed.set(!ok);
                }
            >
                {ReportMsg::DownloadCsv.text(lang)}
            </button>
        </div>
    }
}

/// The chart's note when it shows fewer rows than the table.
fn chart_note(lang: Lang, shown: usize, total: usize) -> Option<impl IntoView> {
    (shown < total).then(|| {
        view! { <p class="muted chart-note">{format!("{} {}", ReportMsg::ChartShows.text(lang), n_of(lang, shown, total))}</p> }
    })
}

/// How a table's scroll region is named for screen readers.
enum Named {
    /// By the section heading with this id.
    By(String),
    /// By this text.
    Label(String),
}

/// A column: its heading and whether it holds figures (right-aligned).
struct Col(&'static str, bool);

/// A row: the cell that heads it, the other cells (as many as the columns after the
/// first), and whether it is marked overdue.
struct Row {
    head: AnyView,
    cells: Vec<String>,
    overdue: bool,
}

impl Row {
    fn new(head: impl IntoView + 'static, cells: Vec<String>) -> Self {
        Row {
            head: head.into_any(),
            cells,
            overdue: false,
        }
    }
}

/// Every report table: scrollable on a phone, focusable, named, captioned, a heading
/// cell per row, and an optional total line.
fn data_table(
    named: Named,
    caption: String,
    cols: Vec<Col>,
    rows: Vec<Row>,
    total: Option<Row>,
) -> impl IntoView {
    let num: Vec<bool> = cols.iter().skip(1).map(|c| c.1).collect();
    let cells = move |cells: Vec<String>| {
        cells
            .into_iter()
            .zip(num.clone())
            .map(|(text, num)| view! { <td class:num=num>{text}</td> })
            .collect_view()
    };
    let head = cols
        .into_iter()
        .map(|Col(text, num)| view! { <th scope="col" class:num=num>{text}</th> })
        .collect_view();
    let foot = total.map(|r| {
        view! { <tfoot><tr><th scope="row">{r.head}</th>{cells.clone()(r.cells)}</tr></tfoot> }
    });
    let body = rows
        .into_iter()
        .map(|r| {
            view! { <tr class:overdue=r.overdue><th scope="row">{r.head}</th>{cells.clone()(r.cells)}</tr> }
        })
        .collect_view();
    let (by, label) = match named {
        Named::By(id) => (Some(id), None),
        Named::Label(text) => (None, Some(text)),
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=by aria-label=label>
            <table class="report-table">
                <caption>{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
                {foot}
            </table>
        </div>
    }
}

/// Registered, checked in and the share, as table cells.
fn tally_cells(t: Tally) -> Vec<String> {
    vec![
        t.registered.to_string(),
        t.checked_in.to_string(),
        percent(t.checked_in, t.registered).to_string(),
    ]
}

struct TallySection<'a> {
    id: &'static str,
    heading: &'static str,
    hint: Option<&'static str>,
    first: &'static str,
    rows: Vec<(String, Tally)>,
    lang: Lang,
    stem: &'a str,
    key: &'static str,
    failed: RwSignal<bool>,
}

/// A breakdown of registered and checked-in people: chart, table, CSV.
fn tally_section(
    s: TallySection<'_>,
    csv: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let TallySection {
        id,
        heading,
        hint,
        first,
        rows,
        lang,
        stem,
        key,
        failed,
    } = s;
    let t = |m: ReportMsg| m.text(lang);
    let bars: Vec<Bar> = rows
        .iter()
        .take(CHART_BARS)
        .map(|(label, tally)| Bar {
            label: label.clone(),
            value: tally.registered as f64,
            part: Some(tally.checked_in as f64),
            figure: format!("{} / {}", tally.checked_in, tally.registered),
            warn: false,
        })
        .collect();
    let note = chart_note(lang, bars.len(), rows.len());
    let total = rows.iter().fold(Tally::default(), |mut a, (_, t)| {
        a.registered += t.registered;
        a.checked_in += t.checked_in;
        a
    });
    let table = data_table(
        Named::By(format!("{id}-h")),
        heading.to_string(),
        vec![
            Col(first, false),
            Col(t(ReportMsg::Registered), true),
            Col(t(ReportMsg::CheckedIn), true),
            Col(t(ReportMsg::CheckedInShare), true),
        ],
        rows.into_iter()
            .map(|(label, tally)| Row::new(label, tally_cells(tally)))
            .collect(),
        Some(Row::new(Msg::Participants.text(lang), tally_cells(total))),
    );
    view! {
        <section class="panel report-section" aria-labelledby=format!("{id}-h") data-testid=format!("report-{id}")>
            <h2 id=format!("{id}-h")>{heading}</h2>
            {hint.map(|h| view! { <p class="muted">{h}</p> })}
            <Legend whole=t(ReportMsg::Registered).to_string() part=t(ReportMsg::CheckedIn).to_string() />
            <BarChart id=format!("{id}-chart") title=format!("{heading} — {}", t(ReportMsg::Chart)) bars=bars />
            {note}
            {table}
            {csv_button(lang, stem, key, csv, failed)}
        </section>
    }
}

/// Volunteer hours: by status, by month, by day, and the volunteers with the most.
fn hours_section(
    d: Arc<Dashboard>,
    lang: Lang,
    stem: &str,
    failed: RwSignal<bool>,
) -> impl IntoView {
    let t = |m: ReportMsg| m.text(lang);
    let h = &d.hours;
    if h.entries() == 0 {
        return view! {
            <section class="panel report-section" aria-labelledby="hours-h">
                <h2 id="hours-h">{t(ReportMsg::Hours)}</h2>
                <p class="muted">{t(ReportMsg::NoHours)}</p>
            </section>
        }
        .into_any();
    }
    let statuses = h.statuses();
    let status_bars: Vec<Bar> = STATUSES
        .iter()
        .zip(statuses)
        .map(|(m, s)| Bar {
            label: m.text(lang).to_string(),
            value: s.minutes as f64,
            part: None,
            figure: hours_minutes(s.minutes),
            warn: false,
        })
        .collect();
    let heading = t(ReportMsg::Hours);
    let status_table = data_table(
        Named::By("hours-status-h".into()),
        format!("{heading}: {}", t(ReportMsg::ByStatus)),
        vec![
            Col(t(ReportMsg::Status), false),
            Col(t(ReportMsg::HoursMinutes), true),
            Col(t(ReportMsg::Entries), true),
        ],
        STATUSES
            .iter()
            .zip(statuses)
            .map(|(m, s)| {
                Row::new(
                    m.text(lang),
                    vec![hours_minutes(s.minutes), s.entries.to_string()],
                )
            })
            .collect(),
        None,
    );
    let status_csv = {
        let d = d.clone();
        let header = [
            t(ReportMsg::Status),
            t(ReportMsg::Minutes),
            t(ReportMsg::Entries),
        ];
        let labels = STATUSES.map(|m| m.text(lang));
        move || report::statuses_csv(header, labels, &d.hours)
    };
    let period_header = |first: ReportMsg| {
        [
            t(first),
            t(ReportMsg::ApprovedMinutes),
            t(ReportMsg::PendingMinutes),
            t(ReportMsg::RejectedMinutes),
            t(ReportMsg::NoShowMinutes),
        ]
    };
    let month_csv = {
        let d = d.clone();
        let header = period_header(ReportMsg::Month);
        move || report::periods_csv(header, &d.hours.by_month)
    };
    let day_csv = {
        let d = d.clone();
        let header = period_header(ReportMsg::Day);
        move || report::periods_csv(header, &d.hours.by_day)
    };
    let month_bars: Vec<Bar> = h
        .by_month
        .iter()
        .map(|p| Bar {
            label: p.period.clone(),
            value: (p.approved + p.pending) as f64,
            part: Some(p.approved as f64),
            figure: hours_minutes(p.approved),
            warn: false,
        })
        .collect();
    let volunteer_bars: Vec<Bar> = h
        .by_volunteer
        .iter()
        .take(CHART_BARS)
        .map(|v| Bar {
            label: volunteer_name(&v.name, lang),
            value: v.minutes as f64,
            part: None,
            figure: hours_minutes(v.minutes),
            warn: false,
        })
        .collect();
    let volunteer_note = chart_note(lang, volunteer_bars.len(), h.by_volunteer.len());
    let shown = h.by_volunteer.len().min(TABLE_VOLUNTEERS);
    let table_note = (shown < h.by_volunteer.len()).then(|| {
        view! { <p class="muted chart-note">{format!("{} {}", t(ReportMsg::TableShows), n_of(lang, shown, h.by_volunteer.len()))}</p> }
    });
    let volunteer_table = data_table(
        Named::Label(t(ReportMsg::TopVolunteers).into()),
        t(ReportMsg::TopVolunteers).into(),
        vec![
            Col(t(ReportMsg::Volunteer), false),
            Col(t(ReportMsg::ApprovedHours), true),
            Col(t(ReportMsg::ApprovedEntries), true),
        ],
        h.by_volunteer
            .iter()
            .take(TABLE_VOLUNTEERS)
            .map(|v| {
                Row::new(
                    volunteer_name(&v.name, lang),
                    vec![hours_minutes(v.minutes), v.entries.to_string()],
                )
            })
            .collect(),
        None,
    );
    let volunteer_csv = {
        let d = d.clone();
        let header = [
            t(ReportMsg::Volunteer),
            t(ReportMsg::ApprovedMinutes),
            t(ReportMsg::ApprovedEntries),
        ];
        move || report::volunteers_csv(header, &d.hours.by_volunteer)
    };
    let running = (h.running > 0).then(
        || view! { <p class="muted">{format!("{} {}", t(ReportMsg::Running), h.running)}</p> },
    );
    view! {
        <section class="panel report-section" aria-labelledby="hours-h" data-testid="report-hours-section">
            <h2 id="hours-h">{heading}</h2>
            <p class="muted">{t(ReportMsg::HoursHint)}</p>

            <h3 id="hours-status-h">{t(ReportMsg::ByStatus)}</h3>
            <BarChart id="hours-status-chart".to_string() title=format!("{heading}: {} — {}", t(ReportMsg::ByStatus), t(ReportMsg::Chart)) bars=status_bars />
            {running}
            {status_table}
            {csv_button(lang, stem, "hours-by-status", status_csv, failed)}

            <h3>{t(ReportMsg::ByMonth)}</h3>
            <Legend whole=format!("{} + {}", t(ReportMsg::Approved), t(ReportMsg::Pending)) part=t(ReportMsg::Approved).to_string() />
            <BarChart id="hours-month-chart".to_string() title=format!("{heading}: {} — {}", t(ReportMsg::ByMonth), t(ReportMsg::Chart)) bars=month_bars />
            {period_table(&format!("{heading}: {}", t(ReportMsg::ByMonth)), t(ReportMsg::Month), &h.by_month, lang)}
            {csv_button(lang, stem, "hours-by-month", month_csv, failed)}

            <details class="by-day">
                <summary>{t(ReportMsg::ByDay)}</summary>
                {period_table(&format!("{heading}: {}", t(ReportMsg::ByDay)), t(ReportMsg::Day), &h.by_day, lang)}
                {csv_button(lang, stem, "hours-by-day", day_csv, failed)}
            </details>

            <h3>{t(ReportMsg::TopVolunteers)}</h3>
            <BarChart id="hours-volunteer-chart".to_string() title=format!("{} — {}", t(ReportMsg::TopVolunteers), t(ReportMsg::Chart)) bars=volunteer_bars />
            {volunteer_note}
            {volunteer_table}
            {table_note}
            {csv_button(lang, stem, "volunteers", volunteer_csv, failed)}
        </section>
    }
    .into_any()
}

fn volunteer_name(name: &str, lang: Lang) -> String {
    if name.is_empty() {
        ReportMsg::UnknownVolunteer.text(lang).to_string()
    } else {
        name.to_string()
    }
}

/// Months or days: hours of each status.
fn period_table(
    caption: &str,
    first: &'static str,
    periods: &[PeriodHours],
    lang: Lang,
) -> impl IntoView {
    let mut cols = vec![Col(first, false)];
    cols.extend(STATUSES.iter().map(|m| Col(m.text(lang), true)));
    data_table(
        Named::Label(caption.to_string()),
        format!("{caption} ({})", ReportMsg::HoursMinutes.text(lang)),
        cols,
        periods
            .iter()
            .map(|p| {
                let cells = [p.approved, p.pending, p.rejected, p.no_show].map(hours_minutes);
                Row::new(p.period.clone(), cells.to_vec())
            })
            .collect(),
        None,
    )
}

/// Plan against done, project by project.
fn projects_section(
    d: Arc<Dashboard>,
    lang: Lang,
    stem: &str,
    failed: RwSignal<bool>,
) -> impl IntoView {
    let t = |m: ReportMsg| m.text(lang);
    if d.projects.is_empty() {
        return view! {
            <section class="panel report-section" aria-labelledby="projects-h">
                <h2 id="projects-h">{t(ReportMsg::Projects)}</h2>
                <p class="muted">{t(ReportMsg::NoProjects)}</p>
            </section>
        }
        .into_any();
    }
    let list = d
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| project_view(i, p, lang))
        .collect_view();
    let csv = {
        let d = d.clone();
        let header = [
            t(ReportMsg::Project),
            t(ReportMsg::Organisation),
            t(ReportMsg::Target),
            t(ReportMsg::Unit),
            t(ReportMsg::Planned),
            t(ReportMsg::Done),
            t(ReportMsg::DoneShare),
            t(ReportMsg::Deadline),
            t(ReportMsg::Overdue),
        ];
        let yes_no = [t(ReportMsg::Yes), t(ReportMsg::No)];
        move || report::projects_csv(header, &d.projects, lang, yes_no)
    };
    view! {
        <section class="panel report-section" aria-labelledby="projects-h" data-testid="report-projects">
            <h2 id="projects-h">{t(ReportMsg::Projects)}</h2>
            <Legend whole=t(ReportMsg::Planned).to_string() part=t(ReportMsg::Done).to_string() warn=t(ReportMsg::Overdue).to_string() />
            {list}
            {csv_button(lang, stem, "projects", csv, failed)}
        </section>
    }
    .into_any()
}

fn project_view(i: usize, p: &ProjectProgress, lang: Lang) -> impl IntoView {
    let t = |m: ReportMsg| m.text(lang);
    let title = p.title.get(lang).0.to_string();
    let bars: Vec<Bar> = p
        .targets
        .iter()
        .map(|tp| Bar {
            label: tp.target.metric.get(lang).0.to_string(),
            value: 1.0,
            part: Some(tp.share),
            figure: format!(
                "{} / {} ({}%)",
                tp.done,
                tp.target.planned,
                (tp.share * 100.0).round()
            ),
            warn: tp.overdue,
        })
        .collect();
    let table = data_table(
        Named::Label(title.clone()),
        title.clone(),
        vec![
            Col(t(ReportMsg::Target), false),
            Col(t(ReportMsg::Unit), false),
            Col(t(ReportMsg::Planned), true),
            Col(t(ReportMsg::Done), true),
            Col(t(ReportMsg::DoneShare), true),
            Col(t(ReportMsg::Deadline), false),
            Col(t(ReportMsg::Overdue), false),
        ],
        p.targets
            .iter()
            .map(|tp| Row {
                overdue: tp.overdue,
                ..Row::new(
                    tp.target.metric.get(lang).0.to_string(),
                    vec![
                        tp.target.unit.get(lang).0.to_string(),
                        tp.target.planned.to_string(),
                        tp.done.to_string(),
                        (tp.share * 100.0).round().to_string(),
                        tp.target
                            .deadline
                            .map(|d| date_long(lang, d))
                            .unwrap_or_default(),
                        if tp.overdue {
                            t(ReportMsg::Overdue)
                        } else {
                            ""
                        }
                        .to_string(),
                    ],
                )
            })
            .collect(),
        None,
    );
    view! {
        <article class="report-project">
            <h3>{title.clone()}</h3>
            <p class="muted">
                {p.organisation.get(lang).0.to_string()} " · "
                {crate::i18n::date_range(lang, p.period_start, p.period_end)}
            </p>
            <BarChart id=format!("project-{i}-chart") title=format!("{title} — {}", t(ReportMsg::Chart)) bars=bars scale=1.0 />
            {table}
        </article>
    }
}

/// The across-forums page's line per forum.
fn forums_section(r: &AllReport, lang: Lang, failed: RwSignal<bool>) -> impl IntoView {
    let t = |m: ReportMsg| m.text(lang);
    let lines: Vec<(Forum, ForumLine)> = r
        .forums
        .iter()
        .map(|(f, d)| (f.clone(), ForumLine::of(f.meta.id, d)))
        .collect();
    let bars: Vec<Bar> = lines
        .iter()
        .take(CHART_BARS)
        .map(|(f, l)| Bar {
            label: f.title.get(lang).0.to_string(),
            value: l.tally.registered as f64,
            part: Some(l.tally.checked_in as f64),
            figure: format!("{} / {}", l.tally.checked_in, l.tally.registered),
            warn: false,
        })
        .collect();
    let note = chart_note(lang, bars.len(), lines.len());
    let heading = t(ReportMsg::ByForum);
    let table = data_table(
        Named::By("forums-h".into()),
        heading.into(),
        vec![
            Col(t(ReportMsg::Forum), false),
            Col(t(ReportMsg::Registered), true),
            Col(t(ReportMsg::CheckedIn), true),
            Col(t(ReportMsg::CheckedInShare), true),
            Col(t(ReportMsg::ApprovedHours), true),
            Col(t(ReportMsg::Pending), true),
            Col(t(ReportMsg::VolunteersWithHours), true),
            Col(t(ReportMsg::ProjectCount), true),
            Col(t(ReportMsg::TargetsMet), true),
            Col(t(ReportMsg::TargetsOverdue), true),
        ],
        lines
            .iter()
            .map(|(f, l)| {
                let title = f.title.get(lang).0.to_string();
                let link = view! { <a href=format!("/forum/{}/reports", f.meta.id)>{title}</a> };
                let mut cells = tally_cells(l.tally);
                cells.extend([
                    hours_minutes(l.approved_minutes),
                    hours_minutes(l.pending_minutes),
                    l.volunteers.to_string(),
                    l.projects.to_string(),
                    format!("{} / {}", l.targets_met, l.targets),
                    l.targets_overdue.to_string(),
                ]);
                Row::new(link, cells)
            })
            .collect(),
        None,
    );
    let csv = {
        let header = [
            t(ReportMsg::Forum),
            t(ReportMsg::Registered),
            t(ReportMsg::CheckedIn),
            t(ReportMsg::CheckedInShare),
            t(ReportMsg::ApprovedMinutes),
            t(ReportMsg::PendingMinutes),
            t(ReportMsg::VolunteersWithHours),
            t(ReportMsg::ProjectCount),
            t(ReportMsg::Targets),
            t(ReportMsg::TargetsMet),
            t(ReportMsg::TargetsOverdue),
        ];
        let lines: Vec<(String, ForumLine)> = lines
            .iter()
            .map(|(f, l)| (f.title.get(lang).0.to_string(), *l))
            .collect();
        move || report::forums_csv(header, &lines)
    };
    view! {
        <section class="panel report-section" aria-labelledby="forums-h" data-testid="report-forums">
            <h2 id="forums-h">{heading}</h2>
            <Legend whole=t(ReportMsg::Registered).to_string() part=t(ReportMsg::CheckedIn).to_string() />
            <BarChart id="forums-chart".to_string() title=format!("{heading} — {}", t(ReportMsg::Chart)) bars=bars />
            {note}
            {table}
            {csv_button(lang, "jiyn-reports", "forums", csv, failed)}
        </section>
    }
}
