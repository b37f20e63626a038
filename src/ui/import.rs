//! Importing a participant list (CSV): pick the file; check what was detected (the
//! encoding, the separator, the header, which column is which) on a preview; see every
//! row that cannot be imported with its line number and reason, and the possible
//! duplicates of people already registered; then import all valid rows in one
//! transaction — all of them or, on any failure, none.

use super::text::{error_id, field_error, invalid_attr};
use super::walk_in::{duplicate_reason_msg, iin_error_msg, phone_error_msg};
use crate::browser;
use crate::commands;
use crate::i18n::desk::DeskMsg;
use crate::i18n::{repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::csv::{Encoding, Separator};
use jiyn_core::participant_csv::{
    self, Field, ImportError, ImportOptions, ImportPlan, RowError, RowErrorKind,
};
use jiyn_core::{AnyRecord, Lang, Participant};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use uuid::Uuid;

/// At most this many row errors are listed (the count says how many there are).
const MAX_ERRORS_SHOWN: usize = 200;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Reading,
    Checking,
    Saving { rows: usize },
    Done { imported: usize },
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let forum = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let phase = RwSignal::new(Phase::Idle);
    // Said in the language shown now (a switch after the failure re-says it).
    let failure = RwSignal::new(None::<Said>);
    // The failure is the chosen file's (unreadable, not a list): its field is marked.
    let file_bad = RwSignal::new(false);
    let bytes = StoredValue::new(Arc::new(Vec::<u8>::new()));
    let existing = StoredValue::new(Arc::new(Vec::<Participant>::new()));
    let options = RwSignal::new(ImportOptions::default());
    let plan = RwSignal::new(None::<Arc<ImportPlan>>);
    let skip_duplicates = RwSignal::new(true);

    let replan = move |opts: ImportOptions| {
        let data = bytes.get_value();
        let people = existing.get_value();
        match participant_csv::plan_import(&data, opts, &people) {
            Ok(p) => {
                failure.set(None);
                file_bad.set(false);
                plan.set(Some(Arc::new(p)));
            }
            Err(e) => {
                plan.set(None);
                file_bad.set(true);
                let m = import_error_msg(&e);
                failure.set(Some(said(move |l| m.text(l).to_string())));
            }
        }
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        let Some(forum) = forum.get_untracked() else {
            return;
        };
        plan.set(None);
        failure.set(None);
        file_bad.set(false);
        phase.set(Phase::Reading);
        leptos::task::spawn_local(async move {
            let read = browser::read_file_bytes(&file).await;
            let people = commands::desk_data(state, forum).await;
            match (read, people) {
                (Ok(data), Ok(Some(d))) => {
                    bytes.set_value(Arc::new(data));
                    existing.set_value(Arc::new(d.people.clone()));
                    phase.set(Phase::Checking);
                    browser::yield_to_browser().await;
                    options.set(ImportOptions::default());
                    replan(ImportOptions::default());
                    phase.set(Phase::Idle);
                }
                (Err(e), _) => {
                    phase.set(Phase::Idle);
                    file_bad.set(true);
                    failure.set(Some(said(move |l| {
                        format!("{} ({e})", DeskMsg::ImportCannotRead.text(l))
                    })));
                }
                (_, Err(e)) => {
                    phase.set(Phase::Idle);
                    let m = repo_error_msg(&e);
                    failure.set(Some(said(move |l| m.text(l).to_string())));
                }
                (_, Ok(None)) => {
                    phase.set(Phase::Idle);
                    failure.set(Some(said(|l| Msg::ForumNotFound.text(l).to_string())));
                }
            }
        });
    };

    let change_options = move |f: &dyn Fn(&mut ImportOptions)| {
        let mut o = options.get_untracked();
        f(&mut o);
        options.set(o.clone());
        replan(o);
    };

    let run_import = move |_| {
        let (Some(p), Some(forum)) = (plan.get_untracked(), forum.get_untracked()) else {
            return;
        };
        let skip = skip_duplicates.get_untracked();
        leptos::task::spawn_local(async move {
            let made = p.into_batch(
                &mut state.writer().borrow_mut(),
                browser::now_ms(),
                forum,
                skip,
                commands::random_u64,
            );
            let items: Vec<(AnyRecord, jiyn_core::Change)> = match made {
                Ok(items) => items,
                Err(e) => {
                    // A row the plan accepted but the record rules refuse: a bug, said
                    // as "something went wrong" with the technical detail.
                    let detail = e.to_string();
                    failure.set(Some(said(move |l| {
                        format!("{} ({detail})", Msg::ErrOther.text(l))
                    })));
                    return;
                }
            };
            phase.set(Phase::Saving { rows: items.len() });
            browser::yield_to_browser().await;
            match commands::import_participants(state, &items).await {
                Ok(()) => phase.set(Phase::Done {
                    imported: items.len(),
                }),
                Err(e) => {
                    phase.set(Phase::Idle);
                    let m = repo_error_msg(&e);
                    failure.set(Some(said(move |l| m.text(l).to_string())));
                }
            }
        });
    };

    view! {
        <section class="page import-page">
            {move || forum.get().map(|id| view! { <a class="back" href=format!("/forum/{id}/desk")>{move || state.t(DeskMsg::BackToDesk)}</a> })}
            <h1>{move || state.t(DeskMsg::ImportCsv)}</h1>
            <p class="hint">{move || state.t(DeskMsg::ImportHint)}</p>
            <label class="file-button">
                <span>{move || state.t(DeskMsg::ChooseFile)}</span>
                <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="import-file" on:change=on_file
                    aria-invalid=move || invalid_attr(file_bad.get())
                    aria-describedby=move || file_bad.get().then_some("import-error")
                    disabled=move || matches!(phase.get(), Phase::Reading | Phase::Saving { .. }) />
            </label>
            <div role="status" aria-live="polite" data-testid="import-status">
                {move || match phase.get() {
                    Phase::Idle => None,
                    Phase::Reading => Some(view! { <p><progress></progress> " " {move || state.t(DeskMsg::ImportReading)}</p> }.into_any()),
                    Phase::Checking => Some(view! { <p><progress></progress> " " {move || state.t(DeskMsg::ImportChecking)}</p> }.into_any()),
                    Phase::Saving { rows } => Some(view! { <p><progress></progress> " " {move || format!("{} {rows}", state.t(DeskMsg::ImportSaving))}</p> }.into_any()),
                    Phase::Done { imported } => Some(view! {
                        <p class="ok panel" data-testid="import-done">{move || format!("{} {imported}", state.t(DeskMsg::ImportDone))} " "
                            {forum.get().map(|id| view! { <a href=format!("/forum/{id}/desk")>{move || state.t(DeskMsg::OpenDesk)}</a> })}
                        </p>
                    }.into_any()),
                }}
            </div>
            {move || failure.get().map(|f| view! { <p class="error" role="alert" id="import-error" data-testid="import-error">{move || f(state.lang.get())}</p> })}
            {move || plan.get().filter(|_| !matches!(phase.get(), Phase::Done { .. })).map(|p| view! {
                <PlanView plan=p options=options change=Callback::new(move |f: Arc<dyn Fn(&mut ImportOptions) + Send + Sync>| change_options(&*f)) skip_duplicates=skip_duplicates existing=existing />
                <button type="button" class="primary big" data-testid="import-run" on:click=run_import
                    disabled=move || matches!(phase.get(), Phase::Saving { .. }) || plan.with(|p| p.as_ref().is_none_or(|p| p.counts.ok == 0))>
                    {move || {
                        let n = plan.with(|p| p.as_ref().map(|p| p.counts.ok - if skip_duplicates.get() { p.counts.duplicates } else { 0 }).unwrap_or(0));
                        format!("{} ({n})", state.t(DeskMsg::ImportRun))
                    }}
                </button>
            })}
        </section>
    }
}

type OptionsChange = Callback<Arc<dyn Fn(&mut ImportOptions) + Send + Sync>>;

#[component]
fn PlanView(
    plan: Arc<ImportPlan>,
    options: RwSignal<ImportOptions>,
    change: OptionsChange,
    skip_duplicates: RwSignal<bool>,
    existing: StoredValue<Arc<Vec<Participant>>>,
) -> impl IntoView {
    let state = AppState::expect();
    let counts = plan.counts;
    let separator = plan.separator;
    let encoding = plan.encoding;
    let has_header = plan.header.is_some();
    let mapping = plan.mapping.clone();
    let header = plan.header.clone();
    let columns = mapping.len();
    let preview = plan.preview.clone();
    let errors: Vec<RowError> = plan.errors().take(MAX_ERRORS_SHOWN).cloned().collect();
    let error_count = plan.errors().count();
    let dupes: Vec<(usize, String, Uuid, jiyn_core::people::DuplicateReason)> = plan
        .rows
        .iter()
        .filter(|r| r.is_duplicate())
        .take(MAX_ERRORS_SHOWN)
        .filter_map(|r| {
            let name = r.outcome.as_ref().ok()?.full_name.clone();
            let (id, why) = r.duplicates.first()?;
            Some((r.line, name, *id, *why))
        })
        .collect();
    let no_name = !plan.has_name_column();
    let mapping_for_select = mapping.clone();
    // The mapping shown in the selects is the plan's; keep it when one select changes.
    let plan_mapping = StoredValue::new(mapping.clone());
    let column_select = move |col: usize| {
        let current = mapping_for_select[col];
        view! {
            <select aria-label=move || format!("{} {}", state.t(DeskMsg::Column), col + 1) data-testid="map-select"
                id=format!("map-select-{col}")
                aria-invalid=invalid_attr(no_name)
                aria-describedby=no_name.then(|| error_id("map-select"))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let Some(field) = Field::ALL.iter().copied().find(|f| format!("{f:?}") == v) else { return };
                    let base = options.get_untracked().mapping.unwrap_or_else(|| plan_mapping.get_value());
                    let mut m = base;
                    m.resize(columns, Field::Ignore);
                    m[col] = field;
                    change.run(Arc::new(move |o: &mut ImportOptions| o.mapping = Some(m.clone())));
                }>
                {Field::ALL.iter().map(|f| {
                    let f = *f;
                    view! { <option value=format!("{f:?}") selected=f == current>{move || f.label(state.lang.get())}</option> }
                }).collect_view()}
            </select>
        }
    };
    view! {
        <section class="panel" aria-labelledby="detected-h">
            <h2 id="detected-h">{move || state.t(DeskMsg::ImportDetected)}</h2>
            <p data-testid="import-encoding">{move || state.t(DeskMsg::Encoding)} ": " <strong>{encoding_name(encoding)}</strong></p>
            <div class="field">
                <label for="sep">{move || state.t(DeskMsg::Separator)}</label>
                <select id="sep" data-testid="import-separator" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let sep = Separator::ALL.iter().copied().find(|s| format!("{s:?}") == v);
                    change.run(Arc::new(move |o: &mut ImportOptions| { o.separator = sep; o.mapping = None; }));
                }>
                    {Separator::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=format!("{s:?}") selected=s == separator>{move || separator_name(s, state.lang.get())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=has_header on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    change.run(Arc::new(move |o: &mut ImportOptions| { o.has_header = Some(on); o.mapping = None; }));
                } />
                {move || state.t(DeskMsg::FirstRowHeader)}
            </label>
            <p class="counts" data-testid="import-counts">
                {move || format!("{}: {} · {}: {} · {}: {} · {}: {}",
                    state.t(DeskMsg::Rows), counts.rows,
                    state.t(DeskMsg::RowsOk), counts.ok,
                    state.t(DeskMsg::RowsWithErrors), counts.errors,
                    state.t(DeskMsg::PossibleDuplicates), counts.duplicates)}
            </p>
        </section>
        <section class="panel" aria-labelledby="preview-h">
            <h2 id="preview-h">{move || state.t(DeskMsg::Preview)}</h2>
            // No column holds the names: every column's choice is marked, and this message,
            // right above them, says what to choose.
            {field_error("map-select", Some("map-name-error"), move || no_name.then_some(DeskMsg::MapNameColumn))}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="preview-h">
                <table class="preview" data-testid="import-preview">
                    <thead>
                        <tr>{(0..columns).map(|c| view! { <th scope="col">{column_select(c)}</th> }).collect_view()}</tr>
                        {header.map(|h| view! { <tr class="file-header">{h.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr> })}
                    </thead>
                    <tbody>
                        {preview.into_iter().map(|row| view! { <tr>{row.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        {(error_count > 0).then(|| view! {
            <section class="panel warn" aria-labelledby="errors-h">
                <h2 id="errors-h">{move || format!("{} ({error_count})", state.t(DeskMsg::RowsWithErrors))}</h2>
                <p class="hint">{move || state.t(DeskMsg::ErrorsNotImported)}</p>
                <ul class="row-errors" data-testid="import-errors">
                    {errors.into_iter().map(|e| {
                        let line = e.line;
                        view! { <li data-testid="import-error-row">{move || format!("{} {line}: {}", state.t(DeskMsg::Line), row_error_text(&e, state.lang.get()))}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(counts.duplicates > 0).then(|| view! {
            <section class="panel warn" aria-labelledby="dupes-h">
                <h2 id="dupes-h">{move || format!("{} ({})", state.t(DeskMsg::PossibleDuplicates), counts.duplicates)}</h2>
                <ul data-testid="import-duplicates">
                    {dupes.into_iter().map(|(line, name, id, why)| {
                        let other = existing.with_value(|all| all.iter().find(|p| p.meta.id == id).map(|p| p.full_name.clone())).unwrap_or_default();
                        view! { <li>{move || format!("{} {line}: {name} — {} ({})", state.t(DeskMsg::Line), other, state.t(duplicate_reason_msg(why)))}</li> }
                    }).collect_view()}
                </ul>
                <label class="check">
                    <input type="checkbox" data-testid="skip-duplicates" prop:checked=move || skip_duplicates.get() on:change=move |ev| skip_duplicates.set(event_target_checked(&ev)) />
                    {move || state.t(DeskMsg::SkipDuplicates)}
                </label>
            </section>
        })}
    }
}

fn encoding_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf8Bom => "UTF-8 (BOM)",
        Encoding::Utf16Le => "UTF-16 LE",
        Encoding::Utf16Be => "UTF-16 BE",
        Encoding::Windows1251 => "Windows-1251",
    }
}

fn separator_name(s: Separator, lang: Lang) -> String {
    let name = match s {
        Separator::Semicolon => DeskMsg::SepSemicolon,
        Separator::Comma => DeskMsg::SepComma,
        Separator::Tab => DeskMsg::SepTab,
    };
    name.text(lang).to_string()
}

fn import_error_msg(e: &ImportError) -> DeskMsg {
    match e {
        ImportError::Empty => DeskMsg::ImportEmpty,
        ImportError::Csv(_) => DeskMsg::ImportBroken,
    }
}

/// A row error in the user's language.
fn row_error_text(e: &RowError, lang: Lang) -> String {
    let column = e
        .column
        .map(|c| format!("{}: ", c.label(lang)))
        .unwrap_or_default();
    let reason = match &e.kind {
        RowErrorKind::MissingName => DeskMsg::ErrNameRequired.text(lang).to_string(),
        RowErrorKind::BadPhone(p) => phone_error_msg(*p).text(lang).to_string(),
        RowErrorKind::BadIin(i) => iin_error_msg(*i).text(lang).to_string(),
        RowErrorKind::BadBirthYear(v) => format!("{} «{v}»", DeskMsg::ErrBirthYear.text(lang)),
        RowErrorKind::UnknownRole(v) => format!("{} «{v}»", DeskMsg::ErrUnknownRole.text(lang)),
        RowErrorKind::BadYesNo(v) => format!("{} «{v}»", DeskMsg::ErrYesNo.text(lang)),
        RowErrorKind::TooManyColumns { expected, found } => {
            format!(
                "{} ({found} / {expected})",
                DeskMsg::ErrTooManyCells.text(lang)
            )
        }
        RowErrorKind::DuplicateBadge { first_line } => {
            format!("{} {first_line}", DeskMsg::ErrBadgeTwice.text(lang))
        }
        RowErrorKind::BadgeTaken { .. } => DeskMsg::ErrBadgeTaken.text(lang).to_string(),
        RowErrorKind::DuplicateInFile { first_line } => {
            format!("{} {first_line}", DeskMsg::ErrSamePersonTwice.text(lang))
        }
    };
    format!("{column}{reason}")
}

/// A message to say in whichever language is shown when it is drawn.
type Said = std::sync::Arc<dyn Fn(Lang) -> String + Send + Sync>;

fn said(f: impl Fn(Lang) -> String + Send + Sync + 'static) -> Said {
    std::sync::Arc::new(f)
}
