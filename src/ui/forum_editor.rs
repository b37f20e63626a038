//! The organizer's forum editor: titles and city in three languages, dates, time zone,
//! one place or an outreach tour, venues with their rooms, and a tour's stops.
//!
//! The whole forum is one draft signal; the lists re-render only when an item is added
//! or removed (their shape), so typing never loses focus. Rules: `Forum::validate`.

use super::text::{error_id, field_error, focus_first_invalid, invalid_attr};
use crate::commands::{self, SaveError};
use crate::i18n::{lang_name_msg, repo_error_msg, Msg};
use crate::state::AppState;
use chrono::NaiveDate;
use jiyn_core::ids::new_id;
use jiyn_core::{
    Forum, ForumFormat, I18nText, Lang, Meta, Record, Room, TourStop, ValidationError, Venue,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::collections::HashMap;
use uuid::Uuid;

/// `/forum/new` and `/forum/:id/edit`.
#[component]
pub fn ForumEditorPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let forum_id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let stored = LocalResource::new(move || {
        let id = forum_id.get();
        async move {
            match id {
                Some(id) => commands::forum_overview(state, id)
                    .await
                    .map(|o| o.map(|o| o.forum)),
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
            <a class="back" href=back>{move || state.t(Msg::Back)}</a>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    stored
                        .get()
                        .map(|result| match result {
                            Ok(found) => {
                                if forum_id.get().is_some() && found.is_none() {
                                    return view! { <p class="error">{state.t(Msg::ForumNotFound)}</p> }.into_any();
                                }
                                view! { <ForumForm before=found /> }.into_any()
                            }
                            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

/// A new forum's starting point.
fn blank_forum() -> Forum {
    let today = chrono::DateTime::from_timestamp_millis(crate::browser::now_ms() as i64)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    let device = jiyn_core::DeviceId::new("draft").expect("a valid device id");
    let stamp = jiyn_core::HlcClock::new(device).tick(0);
    Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta: Meta::new(Uuid::nil(), Uuid::nil(), stamp),
        title: I18nText::default(),
        city: I18nText::default(),
        starts_on: today,
        ends_on: today,
        time_zone: "Asia/Almaty".into(),
        format: ForumFormat::Single,
        venues: Vec::new(),
        stops: Vec::new(),
    }
}

fn forum_error_msg(e: &ValidationError) -> Msg {
    match e {
        ValidationError::Required { field: "title" } => Msg::ErrTitleRequired,
        ValidationError::EndsBeforeStart { .. } => Msg::ErrForumEndsBeforeStart,
        ValidationError::Required { .. } => Msg::ErrZoneRequired,
        _ => Msg::ErrOther,
    }
}

/// Three inputs (kk, ru, en) bound to one trilingual text of the draft; with `check`,
/// all three are marked invalid while it says so and described by `{id}-error`.
fn tri_text(
    label: Msg,
    id: String,
    get: impl Fn(&Forum) -> Option<&I18nText> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Forum) -> Option<&mut I18nText> + Copy + Send + Sync + 'static,
    draft: RwSignal<Forum>,
    check: Option<Signal<bool>>,
) -> impl IntoView {
    let state = AppState::expect();
    let described = check.map(|_| error_id(&id));
    let invalid = move || check.and_then(|c| invalid_attr(c.get()));
    let inputs = Lang::ALL
        .into_iter()
        .map(|l| {
            let input_id = format!("{id}-{}", l.code());
            view! {
                <div class="field">
                    <label for=input_id.clone()>{move || state.t(lang_name_msg(l))}</label>
                    <input
                        id=input_id.clone()
                        data-testid=input_id
                        type="text"
                        lang=l.code()
                        aria-invalid=invalid
                        aria-describedby=described.clone()
                        prop:value=move || draft.with(|f| get(f).map(|t| t.get_exact(l).to_string()).unwrap_or_default())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|f| {
                                if let Some(t) = set(f) {
                                    match l {
                                        Lang::Kk => t.kk = v,
                                        Lang::Ru => t.ru = v,
                                        Lang::En => t.en = v,
                                    }
                                }
                            });
                        }
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="tri">
            <legend>{move || state.t(label)}</legend>
            {inputs}
        </fieldset>
    }
}

#[component]
fn ForumForm(before: Option<Forum>) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let draft = RwSignal::new(before.clone().unwrap_or_else(blank_forum));
    let stored = RwSignal::new(before);
    let error = Memo::new(move |_| draft.with(|f| f.validate().err()));
    let touched = RwSignal::new(false);
    // The dates and room capacities as typed: what cannot be read stays in its field
    // with a message (the draft keeps its last good value until it is corrected).
    let starts_text = RwSignal::new(draft.with_untracked(|f| f.starts_on.to_string()));
    let ends_text = RwSignal::new(draft.with_untracked(|f| f.ends_on.to_string()));
    let cap_text = RwSignal::new(HashMap::<Uuid, String>::new());
    let date_ok = |s: RwSignal<String>| s.with(|s| s.trim().parse::<NaiveDate>().is_ok());
    let cap_bad = move |room: Uuid| {
        cap_text.with(|m| {
            m.get(&room)
                .is_some_and(|t| !t.trim().is_empty() && t.trim().parse::<u32>().is_err())
        })
    };
    // Each field's message (title only once the organizer has tried to save).
    let title_error = Memo::new(move |_| match error.get() {
        Some(e @ ValidationError::Required { field: "title" }) if touched.get() => {
            Some(forum_error_msg(&e))
        }
        _ => None,
    });
    let starts_error = Memo::new(move |_| (!date_ok(starts_text)).then_some(Msg::ErrDate));
    let ends_error = Memo::new(move |_| {
        if !date_ok(ends_text) {
            return Some(Msg::ErrDate);
        }
        match error.get() {
            Some(e @ ValidationError::EndsBeforeStart { .. }) if date_ok(starts_text) => {
                Some(forum_error_msg(&e))
            }
            _ => None,
        }
    });
    let any_cap_bad = Memo::new(move |_| {
        draft.with(|f| {
            f.venues
                .iter()
                .flat_map(|v| &v.rooms)
                .any(|r| cap_bad(r.id))
        })
    });
    let has_problem = move || {
        error.with(|e| e.is_some())
            || starts_error.with(|e| e.is_some())
            || ends_error.with(|e| e.is_some())
            || any_cap_bad.get()
    };
    let outcome = RwSignal::new(None::<Result<(), SaveError>>);
    let saving = RwSignal::new(false);
    // The lists' shapes: the rooms count of each venue, and the number of stops.
    let venue_shape = Memo::new(move |_| {
        draft.with(|f| f.venues.iter().map(|v| v.rooms.len()).collect::<Vec<_>>())
    });
    let stop_count = Memo::new(move |_| draft.with(|f| f.stops.len()));
    let is_tour = Memo::new(move |_| draft.with(|f| f.format == ForumFormat::Tour));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if untrack(has_problem) {
            focus_first_invalid("[data-testid=forum-form]");
            return;
        }
        let mut forum = draft.get_untracked();
        // Trim what was typed; an empty stop or room name is kept (the organizer sees it).
        for t in [&mut forum.title, &mut forum.city] {
            *t = I18nText::new(t.kk.trim(), t.ru.trim(), t.en.trim());
        }
        let before = stored.get_untracked();
        let navigate = navigate.clone();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = commands::save_record(state, None, before.as_ref(), forum).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    let new = before.is_none();
                    stored.set(Some(saved.clone()));
                    starts_text.set(saved.starts_on.to_string());
                    ends_text.set(saved.ends_on.to_string());
                    cap_text.set(HashMap::new());
                    draft.set(saved.clone());
                    outcome.set(Some(Ok(())));
                    if new {
                        navigate(&format!("/forum/{}", saved.meta.id), Default::default());
                    }
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };

    let date_input = move |id: &'static str,
                           label: Msg,
                           text: RwSignal<String>,
                           problem: Memo<Option<Msg>>,
                           testid: &'static str,
                           set: fn(&mut Forum, NaiveDate)| {
        view! {
            <div class="field">
                <label for=id>{move || state.t(label)}</label>
                <input
                    id=id
                    data-testid=id
                    type="date"
                    aria-invalid=move || invalid_attr(problem.with(|p| p.is_some()))
                    aria-describedby=error_id(id)
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        if let Ok(d) = v.trim().parse::<NaiveDate>() {
                            draft.update(|f| set(f, d));
                        }
                        text.set(v);
                    }
                />
                {field_error(id, Some(testid), move || problem.get())}
            </div>
        }
    };

    let venues = move || {
        venue_shape
            .get()
            .into_iter()
            .enumerate()
            .map(|(vi, rooms)| {
                let rooms_view = (0..rooms)
                    .map(|ri| {
                        let room = draft.with_untracked(|f| f.venues.get(vi).and_then(|v| v.rooms.get(ri)).map(|r| r.id)).unwrap_or_default();
                        let cap_id = format!("room-cap-{vi}-{ri}");
                        view! {
                            <li class="room">
                                {tri_text(
                                    Msg::RoomLabel,
                                    format!("venue-{vi}-room-{ri}"),
                                    move |f| f.venues.get(vi).and_then(|v| v.rooms.get(ri)).map(|r| &r.name),
                                    move |f| f.venues.get_mut(vi).and_then(|v| v.rooms.get_mut(ri)).map(|r| &mut r.name),
                                    draft,
                                    None,
                                )}
                                <div class="field">
                                    <label for=cap_id.clone()>{move || state.t(Msg::Capacity)}</label>
                                    <input
                                        id=cap_id.clone()
                                        data-testid=cap_id.clone()
                                        type="text"
                                        inputmode="numeric"
                                        aria-invalid=move || invalid_attr(cap_bad(room))
                                        aria-describedby=error_id(&cap_id)
                                        prop:value=move || cap_text.with(|m| m.get(&room).cloned()).unwrap_or_else(|| draft.with(|f| f.venues.get(vi).and_then(|v| v.rooms.get(ri)).and_then(|r| r.capacity).map(|c| c.to_string()).unwrap_or_default()))
                                        on:input=move |ev| {
                                            let text = event_target_value(&ev);
                                            let c = text.trim().parse::<u32>().ok();
                                            cap_text.update(|m| drop(m.insert(room, text.clone())));
                                            if c.is_some() || text.trim().is_empty() {
                                                draft.update(|f| {
                                                    if let Some(r) = f.venues.get_mut(vi).and_then(|v| v.rooms.get_mut(ri)) {
                                                        r.capacity = c;
                                                    }
                                                });
                                            }
                                        }
                                    />
                                    {field_error(&cap_id, None, move || cap_bad(room).then_some(Msg::ErrNumber))}
                                </div>
                                <button type="button" class="link-button" on:click=move |_| draft.update(|f| {
                                    if let Some(v) = f.venues.get_mut(vi) {
                                        if ri < v.rooms.len() {
                                            v.rooms.remove(ri);
                                        }
                                    }
                                })>
                                    {move || state.t(Msg::RemoveRoom)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="venue panel">
                        {tri_text(Msg::VenueLabel, format!("venue-{vi}"), move |f| f.venues.get(vi).map(|v| &v.name), move |f| f.venues.get_mut(vi).map(|v| &mut v.name), draft, None)}
                        <div class="field">
                            <label for=format!("venue-{vi}-address")>{move || state.t(Msg::AddressLabel)}</label>
                            <input
                                id=format!("venue-{vi}-address")
                                type="text"
                                prop:value=move || draft.with(|f| f.venues.get(vi).map(|v| v.address.clone()).unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    draft.update(|f| {
                                        if let Some(x) = f.venues.get_mut(vi) {
                                            x.address = v;
                                        }
                                    });
                                }
                            />
                        </div>
                        <ol class="rooms">{rooms_view}</ol>
                        <div class="buttons">
                            <button type="button" class="secondary" data-testid=format!("add-room-{vi}") on:click=move |_| draft.update(|f| {
                                if let Some(v) = f.venues.get_mut(vi) {
                                    v.rooms.push(Room { id: new_id(), name: I18nText::default(), capacity: None });
                                }
                            })>
                                {move || state.t(Msg::AddRoom)}
                            </button>
                            <button type="button" class="link-button" on:click=move |_| draft.update(|f| {
                                if vi < f.venues.len() {
                                    f.venues.remove(vi);
                                }
                            })>
                                {move || state.t(Msg::RemoveVenue)}
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };

    let stops = move || {
        (0..stop_count.get())
            .map(|si| {
                view! {
                    <li class="venue panel">
                        {tri_text(Msg::DistrictLabel, format!("stop-{si}-district"), move |f| f.stops.get(si).map(|s| &s.district), move |f| f.stops.get_mut(si).map(|s| &mut s.district), draft, None)}
                        {tri_text(Msg::PlaceLabel, format!("stop-{si}-place"), move |f| f.stops.get(si).map(|s| &s.place), move |f| f.stops.get_mut(si).map(|s| &mut s.place), draft, None)}
                        <div class="two">
                            <div class="field">
                                <label for=format!("stop-{si}-address")>{move || state.t(Msg::AddressLabel)}</label>
                                <input id=format!("stop-{si}-address") type="text"
                                    prop:value=move || draft.with(|f| f.stops.get(si).map(|s| s.address.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|f| {
                                        if let Some(x) = f.stops.get_mut(si) {
                                            x.address = v;
                                        }
                                    }); } />
                            </div>
                            <div class="field">
                                <label for=format!("stop-{si}-date")>{move || state.t(Msg::DateLabel)}</label>
                                <input id=format!("stop-{si}-date") type="date"
                                    prop:value=move || draft.with(|f| f.stops.get(si).map(|s| s.date.to_string()).unwrap_or_default())
                                    on:input=move |ev| {
                                        if let Ok(d) = event_target_value(&ev).parse::<NaiveDate>() {
                                            draft.update(|f| {
                                            if let Some(x) = f.stops.get_mut(si) {
                                                x.date = d;
                                            }
                                        });
                                        }
                                    } />
                            </div>
                        </div>
                        <button type="button" class="link-button" on:click=move |_| draft.update(|f| {
                            if si < f.stops.len() {
                                f.stops.remove(si);
                            }
                        })>
                            {move || state.t(Msg::RemoveStop)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <h1>{move || state.t(if stored.with(|s| s.is_none()) { Msg::NewForum } else { Msg::EditForum })}</h1>
        <form on:submit=save novalidate data-testid="forum-form">
            {tri_text(Msg::TitleLabel, "forum-title".into(), |f| Some(&f.title), |f| Some(&mut f.title), draft, Some(Signal::derive(move || title_error.with(|e| e.is_some()))))}
            {field_error("forum-title", Some("forum-error-title"), move || title_error.get())}
            {tri_text(Msg::CityLabel, "forum-city".into(), |f| Some(&f.city), |f| Some(&mut f.city), draft, None)}
            <div class="two">
                {date_input("starts-on", Msg::StartsAt, starts_text, starts_error, "forum-error-starts", |f, d| f.starts_on = d)}
                {date_input("ends-on", Msg::EndsAt, ends_text, ends_error, "forum-error-dates", |f, d| f.ends_on = d)}
            </div>
            <div class="two">
                <div class="field">
                    <label for="zone">{move || state.t(Msg::TimeZone)}</label>
                    <select id="zone" data-testid="zone" on:change=move |ev| { let z = event_target_value(&ev); draft.update(|f| f.time_zone = z); }>
                        {jiyn_core::tz::zone_names().map(|z| view! { <option value=z selected=move || draft.with(|f| f.time_zone == z)>{z}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="format">{move || state.t(Msg::FormatLabel)}</label>
                    <select id="format" data-testid="format" on:change=move |ev| {
                        let tour = event_target_value(&ev) == "tour";
                        draft.update(|f| f.format = if tour { ForumFormat::Tour } else { ForumFormat::Single });
                    }>
                        <option value="single" selected=move || !is_tour.get()>{move || state.t(Msg::FormatSingle)}</option>
                        <option value="tour" selected=move || is_tour.get()>{move || state.t(Msg::FormatTour)}</option>
                    </select>
                </div>
            </div>
            <h2>{move || state.t(Msg::Venues)}</h2>
            <ol class="venues">{venues}</ol>
            <button type="button" class="secondary" data-testid="add-venue" on:click=move |_| draft.update(|f| f.venues.push(Venue { id: new_id(), name: I18nText::default(), address: String::new(), rooms: Vec::new() }))>
                {move || state.t(Msg::AddVenue)}
            </button>
            {move || is_tour.get().then(|| view! {
                <h2>{state.t(Msg::Itinerary)}</h2>
                <ol class="venues">{stops}</ol>
                <button type="button" class="secondary" data-testid="add-stop" on:click=move |_| draft.update(|f| {
                    let date = f.stops.last().map(|s| s.date).unwrap_or(f.starts_on);
                    f.stops.push(TourStop { id: new_id(), district: I18nText::default(), place: I18nText::default(), address: String::new(), date });
                })>
                    {state.t(Msg::AddStop)}
                </button>
            })}
            <div class="buttons">
                <button type="submit" class="primary" data-testid="save-forum" disabled=move || saving.get()>{move || state.t(Msg::Save)}</button>
            </div>
            <div role="status" data-testid="forum-save-result">
                {move || outcome.get().map(|r| match r {
                    Ok(()) => view! { <p class="ok">{state.t(Msg::Saved)}</p> }.into_any(),
                    Err(SaveError::Invalid(e)) => view! { <p class="error">{state.t(forum_error_msg(&e))}</p> }.into_any(),
                    Err(SaveError::Store(e)) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
                {move || (touched.get() && has_problem()).then(|| view! { <p class="error">{state.t(Msg::FixFields)}</p> })}
            </div>
        </form>
    }
}
