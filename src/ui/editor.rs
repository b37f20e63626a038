//! The organizer's session editor: every field of a session in plain form controls,
//! trilingual texts side by side, warnings in plain words while typing (a room or a
//! speaker taken twice, a date outside the forum), a refusal when it ends before it
//! starts, and duplicate / delete with undo.
//!
//! Rules come from `jiyn_core` (`Session::validate`, `agenda::edit_warnings`); writes go
//! through `commands::save_record` (record and outbox change in one transaction).

use super::text::{error_id, field_error, focus_first_invalid, invalid_attr, localized};
use crate::commands::{self, SaveError};
use crate::i18n::{kind_msg, lang_name_msg, repo_error_msg, Msg};
use crate::state::AppState;
use chrono::NaiveDateTime;
use jiyn_core::agenda::{self, EditWarning, KINDS};
use jiyn_core::{Forum, I18nText, Lang, Meta, Record, Session, SessionKind, ValidationError};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

const DT_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// `/forum/:id/edit/session/:session` (`new` for a new session).
#[component]
pub fn SessionEditorPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let forum_id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let session_id = Memo::new(move |_| {
        params
            .read()
            .get("session")
            .and_then(|s| s.parse::<Uuid>().ok())
    });
    // Read once per forum and session (not on every revision): the editor must not reset
    // under the organizer's hands when a save bumps the revision.
    let overview = LocalResource::new(move || {
        let id = forum_id.get();
        session_id.track();
        async move {
            match id {
                Some(id) => commands::forum_overview(state, id).await,
                None => Ok(None),
            }
        }
    });
    let back = move || {
        forum_id
            .get()
            .map(|id| format!("/forum/{id}"))
            .unwrap_or_else(|| "/".into())
    };
    view! {
        <section class="page editor">
            <a class="back" href=back>{move || state.t(Msg::BackToProgramme)}</a>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    overview
                        .get()
                        .map(|result| match result {
                            Ok(Some(o)) => {
                                let before = session_id.get().and_then(|sid| o.sessions.iter().find(|s| s.meta.id == sid).cloned());
                                if session_id.get().is_some() && before.is_none() {
                                    return view! { <p class="error">{state.t(Msg::SessionNotFound)}</p> }.into_any();
                                }
                                view! { <SessionForm forum=o.forum others=o.sessions before=before /> }.into_any()
                            }
                            Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

/// Text fields of the form, as typed.
#[derive(Clone, Copy)]
struct Fields {
    title: [RwSignal<String>; 3],
    description: [RwSignal<String>; 3],
    kind: RwSignal<SessionKind>,
    starts_at: RwSignal<String>,
    ends_at: RwSignal<String>,
    venue: RwSignal<Option<Uuid>>,
    room: RwSignal<Option<Uuid>>,
    stop: RwSignal<Option<Uuid>>,
    speakers: RwSignal<String>,
    capacity: RwSignal<String>,
    languages: RwSignal<Vec<Lang>>,
}

impl Fields {
    fn of(s: &Session) -> Self {
        let tri = |t: &I18nText| Lang::ALL.map(|l| RwSignal::new(t.get_exact(l).to_string()));
        Self {
            title: tri(&s.title),
            description: tri(&s.description),
            kind: RwSignal::new(s.kind),
            starts_at: RwSignal::new(s.starts_at.format(DT_FORMAT).to_string()),
            ends_at: RwSignal::new(s.ends_at.format(DT_FORMAT).to_string()),
            venue: RwSignal::new(s.venue),
            room: RwSignal::new(s.room),
            stop: RwSignal::new(s.stop),
            speakers: RwSignal::new(s.speakers.join("\n")),
            capacity: RwSignal::new(s.capacity.map(|c| c.to_string()).unwrap_or_default()),
            languages: RwSignal::new(s.languages.clone()),
        }
    }

    /// Every field's problem at once, in the form's order (field name, message): each is
    /// shown next to its own field, not only the first the rules meet.
    fn problems(&self) -> Vec<(&'static str, Msg)> {
        let mut out = Vec::new();
        if self.title.iter().all(|t| t.with(|t| t.trim().is_empty())) {
            out.push(("title", Msg::ErrTitleRequired));
        }
        let time = |s: RwSignal<String>| {
            s.with(|s| NaiveDateTime::parse_from_str(s.trim(), DT_FORMAT).ok())
        };
        let (starts, ends) = (time(self.starts_at), time(self.ends_at));
        if starts.is_none() {
            out.push(("starts_at", Msg::ErrDateTime));
        }
        match (starts, ends) {
            (_, None) => out.push(("ends_at", Msg::ErrDateTime)),
            (Some(s), Some(e)) if e <= s => out.push(("ends_at", Msg::ErrEndsBeforeStart)),
            _ => {}
        }
        if self
            .capacity
            .with(|c| !c.trim().is_empty() && c.trim().parse::<u32>().is_err())
        {
            out.push(("capacity", Msg::ErrNumber));
        }
        out
    }

    /// The session as typed, or which field cannot be read.
    fn draft(&self, meta: &Meta) -> Result<Session, ValidationError> {
        let tri = |f: &[RwSignal<String>; 3]| {
            let [kk, ru, en] = f.map(|s| s.get().trim().to_string());
            I18nText { kk, ru, en }
        };
        let time = |s: RwSignal<String>, field| {
            NaiveDateTime::parse_from_str(s.get().trim(), DT_FORMAT)
                .map_err(|_| ValidationError::Required { field })
        };
        let capacity = match self.capacity.get().trim() {
            "" => None,
            text => Some(
                text.parse::<u32>()
                    .map_err(|_| ValidationError::OutOfRange { field: "capacity" })?,
            ),
        };
        let session = Session {
            meta: meta.clone(),
            title: tri(&self.title),
            description: tri(&self.description),
            kind: self.kind.get(),
            starts_at: time(self.starts_at, "starts_at")?,
            ends_at: time(self.ends_at, "ends_at")?,
            venue: self.venue.get(),
            room: self.room.get(),
            stop: self.stop.get(),
            speakers: self
                .speakers
                .get()
                .split(['\n', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            capacity,
            languages: self.languages.get(),
        };
        session.validate()?;
        Ok(session)
    }
}

/// A new session's starting point: the forum's first day, 10:00–11:00.
fn blank_session(forum: &Forum) -> Session {
    let start = forum.starts_on.and_hms_opt(10, 0, 0).unwrap_or_default();
    Session {
        meta: Meta::new(Uuid::nil(), forum.meta.id, forum.meta.created.clone()),
        title: I18nText::default(),
        description: I18nText::default(),
        kind: SessionKind::Other,
        starts_at: start,
        ends_at: start + chrono::TimeDelta::hours(1),
        venue: forum.venues.first().map(|v| v.id),
        room: None,
        stop: None,
        speakers: Vec::new(),
        capacity: None,
        languages: Vec::new(),
    }
}

fn warning_text(w: &EditWarning, others: &[Session], lang: Lang) -> String {
    let title_of = |id: &Uuid| {
        others
            .iter()
            .find(|s| s.meta.id == *id)
            .map(|s| {
                format!(
                    "«{}» ({}–{})",
                    s.title.get(lang).0,
                    s.starts_at.format("%H:%M"),
                    s.ends_at.format("%H:%M")
                )
            })
            .unwrap_or_default()
    };
    match w {
        EditWarning::RoomClash { other } => {
            format!("{} {}", Msg::WarnRoomClash.text(lang), title_of(other))
        }
        EditWarning::SpeakerClash { speaker, other } => {
            format!(
                "{speaker}: {} {}",
                Msg::WarnSpeakerClash.text(lang),
                title_of(other)
            )
        }
        EditWarning::OutsideForumDates => Msg::WarnOutsideDates.text(lang).to_string(),
        EditWarning::NotOnStopDate => Msg::WarnNotOnStopDate.text(lang).to_string(),
    }
}

fn field_error_msg(e: &ValidationError) -> Msg {
    match e {
        ValidationError::Required { field: "title" } => Msg::ErrTitleRequired,
        ValidationError::Required { .. } => Msg::ErrDateTime,
        ValidationError::EndsBeforeStart { .. } => Msg::ErrEndsBeforeStart,
        ValidationError::OutOfRange { .. } => Msg::ErrNumber,
        ValidationError::GuardianRequired { .. } => Msg::ErrOther,
    }
}

#[component]
fn SessionForm(forum: Forum, others: Vec<Session>, before: Option<Session>) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let start = before.clone().unwrap_or_else(|| blank_session(&forum));
    let fields = Fields::of(&start);
    let stored = RwSignal::new(before.clone());
    let meta = StoredValue::new(start.meta.clone());
    let forum_v = StoredValue::new(forum.clone());
    let others_v = StoredValue::new(others.clone());
    let draft = Memo::new(move |_| meta.with_value(|m| fields.draft(m)));
    let warnings = Memo::new(move |_| match draft.get() {
        Ok(d) => forum_v.with_value(|f| others_v.with_value(|o| agenda::edit_warnings(f, &d, o))),
        Err(_) => Vec::new(),
    });
    let problems = Memo::new(move |_| fields.problems());
    let touched = RwSignal::new(false);
    let is_new = before.is_none();
    // A missing title is not shown on a blank new form until the organizer tries to save;
    // times and numbers that cannot be read are shown while typing.
    let error_for = move |name: &'static str| {
        move || {
            problems.with(|ps| {
                ps.iter()
                    .find(|(f, _)| *f == name)
                    .filter(|(f, _)| *f != "title" || touched.get() || !is_new)
                    .map(|(_, m)| *m)
            })
        }
    };
    let bad = move |name: &'static str| move || invalid_attr(error_for(name)().is_some());
    let saving = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<Msg, SaveError>>);
    let deleted = RwSignal::new(None::<Session>);
    let forum_id = forum.meta.id;

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if !problems.with_untracked(|p| p.is_empty()) {
            focus_first_invalid("[data-testid=session-form]");
            return;
        }
        let Ok(d) = draft.get_untracked() else {
            focus_first_invalid("[data-testid=session-form]");
            return;
        };
        saving.set(true);
        let before = stored.get_untracked();
        leptos::task::spawn_local(async move {
            let result = commands::save_record(state, Some(forum_id), before.as_ref(), d).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    meta.set_value(saved.meta.clone());
                    let new = stored.get_untracked().is_none();
                    stored.set(Some(saved.clone()));
                    outcome.set(Some(Ok(Msg::Saved)));
                    if new {
                        // The URL now names the stored session (a reload keeps editing it).
                        let url = format!("/forum/{forum_id}/edit/session/{}", saved.meta.id);
                        crate::browser::replace_url(&url);
                    }
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    let duplicate = {
        let navigate = navigate.clone();
        move |_| {
            let Some(current) = stored.get_untracked() else {
                return;
            };
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                let copy = agenda::duplicate(&current, current.meta.clone());
                match commands::save_record(state, Some(forum_id), None, copy).await {
                    Ok(made) => navigate(
                        &format!("/forum/{forum_id}/edit/session/{}", made.meta.id),
                        Default::default(),
                    ),
                    Err(e) => outcome.set(Some(Err(e))),
                }
            });
        }
    };
    let delete = move |_| {
        let Some(current) = stored.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match commands::delete_record(state, &current).await {
                Ok(gone) => {
                    stored.set(Some(gone.clone()));
                    deleted.set(Some(gone));
                    outcome.set(None);
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    let undo = move |_| {
        let Some(gone) = deleted.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match commands::restore_record(state, &gone).await {
                Ok(back) => {
                    meta.set_value(back.meta.clone());
                    stored.set(Some(back));
                    deleted.set(None);
                    outcome.set(Some(Ok(Msg::Restored)));
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };

    let tri_inputs = move |label: Msg,
                           signals: [RwSignal<String>; 3],
                           multiline: bool,
                           name: &'static str,
                           checked: bool| {
        // A title is required in at least one language: all three inputs are marked and
        // described by the one message under them.
        let invalid = move || checked.then(|| bad(name)()).flatten();
        let described = checked.then(|| error_id(name));
        let inputs = Lang::ALL
            .into_iter()
            .zip(signals)
            .map(|(l, sig)| {
                let id = format!("{name}-{}", l.code());
                let input = if multiline {
                    view! { <textarea id=id.clone() lang=l.code() rows="3" aria-invalid=invalid aria-describedby=described.clone() prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))></textarea> }.into_any()
                } else {
                    view! { <input id=id.clone() type="text" lang=l.code() aria-invalid=invalid aria-describedby=described.clone() prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) data-testid=id.clone() /> }.into_any()
                };
                view! {
                    <div class="field">
                        <label for=id>{move || state.t(lang_name_msg(l))}</label>
                        {input}
                    </div>
                }
            })
            .collect_view();
        let message = checked.then(|| field_error(name, Some("error-title"), error_for(name)));
        view! {
            <fieldset class="tri">
                <legend>{move || state.t(label)}</legend>
                {inputs}
                {message}
            </fieldset>
        }
    };

    let venues = forum.venues.clone();
    let rooms_of = {
        let venues = venues.clone();
        move |v: Option<Uuid>| {
            venues
                .iter()
                .find(|x| Some(x.id) == v)
                .map(|x| x.rooms.clone())
                .unwrap_or_default()
        }
    };
    let stops = forum.stops.clone();

    view! {
        <h1>{move || state.t(if stored.with(|s| s.is_none()) { Msg::NewSession } else { Msg::EditSession })}</h1>
        <p class="muted">{move || localized(&forum_v.with_value(|f| f.title.clone()), state.lang.get())}</p>
        {move || deleted.get().map(|_| view! {
            <div class="banner warn" role="status" data-testid="deleted-banner">
                <p>{state.t(Msg::SessionDeleted)}</p>
                <button type="button" class="secondary" on:click=undo data-testid="undo-delete">{state.t(Msg::Undo)}</button>
            </div>
        })}
        <form on:submit=save novalidate data-testid="session-form">
            {tri_inputs(Msg::TitleLabel, fields.title, false, "title", true)}
            <div class="field">
                <label for="kind">{move || state.t(Msg::KindLabel)}</label>
                <select id="kind" on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(k) = agenda::kind_from_code(&code) {
                        fields.kind.set(k);
                    }
                }>
                    {KINDS.into_iter().map(|k| view! {
                        <option value=agenda::kind_code(k) selected=move || fields.kind.get() == k>{move || state.t(kind_msg(k))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="two">
                <div class="field">
                    <label for="starts">{move || state.t(Msg::StartsAt)}</label>
                    <input id="starts" type="datetime-local" data-testid="starts-at" aria-invalid=bad("starts_at") aria-describedby="starts-error" prop:value=move || fields.starts_at.get() on:input=move |ev| fields.starts_at.set(event_target_value(&ev)) />
                    {field_error("starts", None, error_for("starts_at"))}
                </div>
                <div class="field">
                    <label for="ends">{move || state.t(Msg::EndsAt)}</label>
                    <input id="ends" type="datetime-local" data-testid="ends-at" aria-invalid=bad("ends_at") aria-describedby="ends-error" prop:value=move || fields.ends_at.get() on:input=move |ev| fields.ends_at.set(event_target_value(&ev)) />
                    {field_error("ends", Some("error-ends"), error_for("ends_at"))}
                </div>
            </div>
            <p class="muted">{format!("{}: {}", state.t(Msg::TimeZone), forum.time_zone)}</p>
            {(!venues.is_empty()).then(|| {
                let venues = venues.clone();
                let rooms_of = rooms_of.clone();
                view! {
                    <div class="two">
                        <div class="field">
                            <label for="venue">{move || state.t(Msg::VenueLabel)}</label>
                            <select id="venue" on:change=move |ev| {
                                fields.venue.set(event_target_value(&ev).parse().ok());
                                fields.room.set(None);
                            }>
                                <option value="" selected=move || fields.venue.get().is_none()>"—"</option>
                                {venues.into_iter().map(|v| {
                                    let name = v.name.clone();
                                    view! { <option value=v.id.to_string() selected=move || fields.venue.get() == Some(v.id)>{move || name.get(state.lang.get()).0.to_string()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="room">{move || state.t(Msg::RoomLabel)}</label>
                            <select id="room" data-testid="room" on:change=move |ev| fields.room.set(event_target_value(&ev).parse().ok())>
                                <option value="" selected=move || fields.room.get().is_none()>"—"</option>
                                {move || rooms_of(fields.venue.get()).into_iter().map(|r| {
                                    let name = r.name.clone();
                                    view! { <option value=r.id.to_string() selected=move || fields.room.get() == Some(r.id)>{move || name.get(state.lang.get()).0.to_string()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                }
            })}
            {(!stops.is_empty()).then(|| view! {
                <div class="field">
                    <label for="stop">{move || state.t(Msg::StopLabel)}</label>
                    <select id="stop" on:change=move |ev| fields.stop.set(event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || fields.stop.get().is_none()>"—"</option>
                        {stops.clone().into_iter().map(|st| {
                            let name = st.district.clone();
                            view! { <option value=st.id.to_string() selected=move || fields.stop.get() == Some(st.id)>{move || format!("{} · {}", st.date, name.get(state.lang.get()).0)}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="speakers">{move || state.t(Msg::SpeakersOnePerLine)}</label>
                <textarea id="speakers" rows="3" data-testid="speakers" prop:value=move || fields.speakers.get() on:input=move |ev| fields.speakers.set(event_target_value(&ev))></textarea>
            </div>
            <div class="two">
                <div class="field">
                    <label for="capacity">{move || state.t(Msg::Capacity)}</label>
                    <input id="capacity" type="text" inputmode="numeric" data-testid="capacity" aria-invalid=bad("capacity") aria-describedby="capacity-error" prop:value=move || fields.capacity.get() on:input=move |ev| fields.capacity.set(event_target_value(&ev)) />
                    {field_error("capacity", None, error_for("capacity"))}
                </div>
                <fieldset class="field checks">
                    <legend>{move || state.t(Msg::LanguageOfSession)}</legend>
                    {Lang::ALL.into_iter().map(|l| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || fields.languages.with(|v| v.contains(&l)) on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                fields.languages.update(|v| {
                                    v.retain(|x| *x != l);
                                    if on {
                                        v.push(l);
                                        v.sort();
                                    }
                                });
                            } />
                            {move || state.t(lang_name_msg(l))}
                        </label>
                    }).collect_view()}
                </fieldset>
            </div>
            {tri_inputs(Msg::DescriptionLabel, fields.description, true, "description", false)}
            <div class="warning" role="status" aria-live="polite" data-testid="edit-warnings" hidden=move || warnings.with(|w| w.is_empty())>
                <p><strong>{move || state.t(Msg::WarningsHeading)}</strong></p>
                <ul>
                    {move || {
                        let lang = state.lang.get();
                        warnings.get().iter().map(|w| view! { <li>{others_v.with_value(|o| warning_text(w, o, lang))}</li> }).collect_view()
                    }}
                </ul>
            </div>
            <div class="buttons">
                <button type="submit" class="primary" data-testid="save-session" disabled=move || saving.get() || deleted.with(|d| d.is_some())>
                    {move || state.t(Msg::Save)}
                </button>
                {move || (stored.with(|s| s.as_ref().is_some_and(|s| !s.meta.deleted))).then(|| view! {
                    <button type="button" class="secondary" data-testid="duplicate-session" on:click=duplicate.clone()>{state.t(Msg::Duplicate)}</button>
                    <button type="button" class="secondary danger" data-testid="delete-session" on:click=delete>{state.t(Msg::Delete)}</button>
                })}
            </div>
            <div role="status" data-testid="save-result">
                {move || outcome.get().map(|r| match r {
                    Ok(msg) => view! { <p class="ok">{state.t(msg)}</p> }.into_any(),
                    Err(SaveError::Invalid(e)) => view! { <p class="error">{state.t(field_error_msg(&e))}</p> }.into_any(),
                    Err(SaveError::Store(e)) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
                {move || (touched.get() && problems.with(|p| !p.is_empty())).then(|| view! { <p class="error">{state.t(Msg::FixFields)}</p> })}
            </div>
        </form>
        {(!is_new).then(|| view! { <p><a href=format!("/forum/{forum_id}/edit/session/new")>{move || state.t(Msg::AddSession)}</a></p> })}
    }
}
