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
    let body = rows
        .into_iter()
        .map(|(label, tally)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{tally.registered}</td>
                    <td class="num">{tally.checked_in}</td>
                    <td class="num">{percent(tally.checked_in, tally.registered)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel report-section" aria-labelledby=format!("{id}-h") data-testid=format!("report-{id}")>
            <h2 id=format!("{id}-h")>{heading}</h2>
            {hint.map(|h| view! { <p class="muted">{h}</p> })}
            <Legend whole=t(ReportMsg::Registered).to_string() part=t(ReportMsg::CheckedIn).to_string() />
            <BarChart id=format!("{id}-chart") title=format!("{heading} — {}", t(ReportMsg::Chart)) bars=bars />
            {note}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby=format!("{id}-h")>
                <table class="report-table">
                    <caption>{heading}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{first}</th>
                            <th scope="col" class="num">{t(ReportMsg::Registered)}</th>
                            <th scope="col" class="num">{t(ReportMsg::CheckedIn)}</th>
                            <th scope="col" class="num">{t(ReportMsg::CheckedInShare)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{Msg::Participants.text(lang)}</th>
                            <td class="num">{total.registered}</td>
                            <td class="num">{total.checked_in}</td>
                            <td class="num">{percent(total.checked_in, total.registered)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
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
    let status_rows = STATUSES
        .iter()
        .zip(statuses)
        .map(|(m, s)| {
            view! {
                <tr>
                    <th scope="row">{m.text(lang)}</th>
                    <td class="num">{hours_minutes(s.minutes)}</td>
                    <td class="num">{s.entries}</td>
                </tr>
            }
        })
        .collect_view();
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
    let volunteer_rows = h
        .by_volunteer
        .iter()
        .take(TABLE_VOLUNTEERS)
        .map(|v| {
            view! {
                <tr>
                    <th scope="row">{volunteer_name(&v.name, lang)}</th>
                    <td class="num">{hours_minutes(v.minutes)}</td>
                    <td class="num">{v.entries}</td>
                </tr>
            }
        })
        .collect_view();
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
    let heading = t(ReportMsg::Hours);
    view! {
        <section class="panel report-section" aria-labelledby="hours-h" data-testid="report-hours-section">
            <h2 id="hours-h">{heading}</h2>
            <p class="muted">{t(ReportMsg::HoursHint)}</p>

            <h3 id="hours-status-h">{t(ReportMsg::ByStatus)}</h3>
            <BarChart id="hours-status-chart".to_string() title=format!("{heading}: {} — {}", t(ReportMsg::ByStatus), t(ReportMsg::Chart)) bars=status_bars />
            {running}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="hours-status-h">
                <table class="report-table">
                    <caption>{format!("{heading}: {}", t(ReportMsg::ByStatus))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(ReportMsg::Status)}</th>
                            <th scope="col" class="num">{t(ReportMsg::HoursMinutes)}</th>
                            <th scope="col" class="num">{t(ReportMsg::Entries)}</th>
                        </tr>
                    </thead>
                    <tbody>{status_rows}</tbody>
                </table>
            </div>
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
            <div class="table-scroll" tabindex="0" role="region" aria-label=t(ReportMsg::TopVolunteers)>
                <table class="report-table">
                    <caption>{t(ReportMsg::TopVolunteers)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(ReportMsg::Volunteer)}</th>
                            <th scope="col" class="num">{t(ReportMsg::ApprovedHours)}</th>
                            <th scope="col" class="num">{t(ReportMsg::ApprovedEntries)}</th>
                        </tr>
                    </thead>
                    <tbody>{volunteer_rows}</tbody>
                </table>
            </div>
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
    let rows = periods
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.period.clone()}</th>
                    <td class="num">{hours_minutes(p.approved)}</td>
                    <td class="num">{hours_minutes(p.pending)}</td>
                    <td class="num">{hours_minutes(p.rejected)}</td>
                    <td class="num">{hours_minutes(p.no_show)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption.to_string()>
            <table class="report-table">
                <caption>{caption.to_string()} " (" {ReportMsg::HoursMinutes.text(lang)} ")"</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        {STATUSES.iter().map(|m| view! { <th scope="col" class="num">{m.text(lang)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
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
    let region_label = title.clone();
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
    let rows = p
        .targets
        .iter()
        .map(|tp| {
            let overdue = tp.overdue;
            view! {
                <tr class:overdue=overdue>
                    <th scope="row">{tp.target.metric.get(lang).0.to_string()}</th>
                    <td>{tp.target.unit.get(lang).0.to_string()}</td>
                    <td class="num">{tp.target.planned}</td>
                    <td class="num">{tp.done}</td>
                    <td class="num">{(tp.share * 100.0).round()}</td>
                    <td>{tp.target.deadline.map(|d| date_long(lang, d)).unwrap_or_default()}</td>
                    <td>{if overdue { t(ReportMsg::Overdue) } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="report-project">
            <h3>{title.clone()}</h3>
            <p class="muted">
                {p.organisation.get(lang).0.to_string()} " · "
                {crate::i18n::date_range(lang, p.period_start, p.period_end)}
            </p>
            <BarChart id=format!("project-{i}-chart") title=format!("{title} — {}", t(ReportMsg::Chart)) bars=bars scale=1.0 />
            <div class="table-scroll" tabindex="0" role="region" aria-label=region_label>
                <table class="report-table">
                    <caption>{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(ReportMsg::Target)}</th>
                            <th scope="col">{t(ReportMsg::Unit)}</th>
                            <th scope="col" class="num">{t(ReportMsg::Planned)}</th>
                            <th scope="col" class="num">{t(ReportMsg::Done)}</th>
                            <th scope="col" class="num">{t(ReportMsg::DoneShare)}</th>
                            <th scope="col">{t(ReportMsg::Deadline)}</th>
                            <th scope="col">{t(ReportMsg::Overdue)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
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
    let rows = lines
        .iter()
        .map(|(f, l)| {
            let title = f.title.get(lang).0.to_string();
            view! {
                <tr>
                    <th scope="row"><a href=format!("/forum/{}/reports", f.meta.id)>{title}</a></th>
                    <td class="num">{l.tally.registered}</td>
                    <td class="num">{l.tally.checked_in}</td>
                    <td class="num">{percent(l.tally.checked_in, l.tally.registered)}</td>
                    <td class="num">{hours_minutes(l.approved_minutes)}</td>
                    <td class="num">{hours_minutes(l.pending_minutes)}</td>
                    <td class="num">{l.volunteers}</td>
                    <td class="num">{l.projects}</td>
                    <td class="num">{l.targets_met} " / " {l.targets}</td>
                    <td class="num">{l.targets_overdue}</td>
                </tr>
            }
        })
        .collect_view();
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
    let heading = t(ReportMsg::ByForum);
    view! {
        <section class="panel report-section" aria-labelledby="forums-h" data-testid="report-forums">
            <h2 id="forums-h">{heading}</h2>
            <Legend whole=t(ReportMsg::Registered).to_string() part=t(ReportMsg::CheckedIn).to_string() />
            <BarChart id="forums-chart".to_string() title=format!("{heading} — {}", t(ReportMsg::Chart)) bars=bars />
            {note}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="forums-h">
                <table class="report-table">
                    <caption>{heading}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(ReportMsg::Forum)}</th>
                            <th scope="col" class="num">{t(ReportMsg::Registered)}</th>
                            <th scope="col" class="num">{t(ReportMsg::CheckedIn)}</th>
                            <th scope="col" class="num">{t(ReportMsg::CheckedInShare)}</th>
                            <th scope="col" class="num">{t(ReportMsg::ApprovedHours)}</th>
                            <th scope="col" class="num">{t(ReportMsg::Pending)}</th>
                            <th scope="col" class="num">{t(ReportMsg::VolunteersWithHours)}</th>
                            <th scope="col" class="num">{t(ReportMsg::ProjectCount)}</th>
                            <th scope="col" class="num">{t(ReportMsg::TargetsMet)}</th>
                            <th scope="col" class="num">{t(ReportMsg::TargetsOverdue)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {csv_button(lang, "jiyn-reports", "forums", csv, failed)}
        </section>
    }
}
