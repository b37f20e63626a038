//! Walk-in registration at the desk: the required fields, the phone in E.164, an
//! optional IIN checked with its check digit and against the birth year, consent with
//! the text's version, language and time, a guardian for under-18s, and possible
//! duplicates shown before anything is saved ("already registered — check in instead?").

use crate::commands::{self, SaveError};
use crate::i18n::desk::{role_msg, DeskMsg};
use crate::i18n::{repo_error_msg, Msg};
use crate::state::AppState;
use chrono::Datelike;
use jiyn_core::people::{self, DuplicateIndex, DuplicateReason, IinError, PhoneError};
use jiyn_core::{CheckInAction, Consent, Guardian, Participant, Role};
use leptos::prelude::*;
use uuid::Uuid;

/// Version of the consent text shown on this form (stored with each consent). Change
/// it whenever the text of [`DeskMsg::ConsentText`] changes.
pub const CONSENT_VERSION: &str = "jiyn-desk-2026-1";

#[component]
pub fn WalkInPage() -> impl IntoView {
    let state = AppState::expect();
    let (id, data) = super::desk::desk_resource();
    let id = move || id.get();
    view! {
        <section class="page walk-in">
            {move || id().map(|id| view! { <a class="back" href=format!("/forum/{id}/desk")>{move || state.t(DeskMsg::BackToDesk)}</a> })}
            <h1>{move || state.t(DeskMsg::WalkIn)}</h1>
            <Suspense fallback=move || view! { <p role="status">{move || state.t(DeskMsg::LoadingPeople)}</p> }>
                {move || data.get().map(|r: Result<_, jiyn_core::RepoError>| match r {
                    Ok(Some((d, desk))) => view! { <WalkInForm forum=d.forum.meta.id people=d.people.clone() desk=desk /> }.into_any(),
                    Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The form's fields as typed.
#[derive(Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    phone: RwSignal<String>,
    birth_year: RwSignal<String>,
    iin: RwSignal<String>,
    role: RwSignal<Role>,
    delegation: RwSignal<String>,
    region: RwSignal<String>,
    organisation: RwSignal<String>,
    consent: RwSignal<bool>,
    guardian_name: RwSignal<String>,
    guardian_phone: RwSignal<String>,
    guardian_consent: RwSignal<bool>,
    check_in_now: RwSignal<bool>,
    /// Keep an IIN whose birth year differs from the one typed (checked on the ID card).
    keep_iin: RwSignal<bool>,
}

/// What is wrong with each field (none: the draft can be saved).
#[derive(Clone, Default, PartialEq)]
struct Problems {
    name: Option<DeskMsg>,
    phone: Option<DeskMsg>,
    birth_year: Option<DeskMsg>,
    iin: Option<DeskMsg>,
    consent: Option<DeskMsg>,
    guardian: Option<DeskMsg>,
}

impl Problems {
    fn any(&self) -> bool {
        *self != Self::default()
    }
}

pub fn phone_error_msg(e: PhoneError) -> DeskMsg {
    match e {
        PhoneError::Empty => DeskMsg::ErrPhoneRequired,
        PhoneError::UnexpectedCharacter(_) => DeskMsg::ErrPhoneCharacters,
        PhoneError::TooShort => DeskMsg::ErrPhoneShort,
        PhoneError::TooLong => DeskMsg::ErrPhoneLong,
        PhoneError::MissingCountryCode | PhoneError::PlusEight => DeskMsg::ErrPhoneCountryCode,
        PhoneError::UnknownCountry | PhoneError::UnassignedPlus7 => DeskMsg::ErrPhoneUnknown,
        PhoneError::Invalid => DeskMsg::ErrPhoneCharacters,
    }
}

pub fn iin_error_msg(e: IinError) -> DeskMsg {
    match e {
        IinError::Length | IinError::NotDigits => DeskMsg::ErrIinLength,
        IinError::CheckDigit => DeskMsg::ErrIinCheckDigit,
        IinError::BadDate | IinError::CenturyDigit => DeskMsg::ErrIinDate,
        IinError::BirthYearMismatch => DeskMsg::ErrIinBirthYear,
    }
}

pub fn duplicate_reason_msg(r: DuplicateReason) -> DeskMsg {
    match r {
        DuplicateReason::SameIin => DeskMsg::DupIin,
        DuplicateReason::SamePhone => DeskMsg::DupPhone,
        DuplicateReason::SameName => DeskMsg::DupName,
    }
}

impl Form {
    fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            birth_year: RwSignal::new(String::new()),
            iin: RwSignal::new(String::new()),
            role: RwSignal::new(Role::Participant),
            delegation: RwSignal::new(String::new()),
            region: RwSignal::new(String::new()),
            organisation: RwSignal::new(String::new()),
            consent: RwSignal::new(false),
            guardian_name: RwSignal::new(String::new()),
            guardian_phone: RwSignal::new(String::new()),
            guardian_consent: RwSignal::new(false),
            check_in_now: RwSignal::new(true),
            keep_iin: RwSignal::new(false),
        }
    }

    fn year_now() -> i32 {
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(crate::browser::now_ms() as i64)
            .map(|d| d.year())
            .unwrap_or(2026)
    }

    fn birth_year(&self) -> Option<i32> {
        self.birth_year.with(|y| y.trim().parse::<i32>().ok())
    }

    /// Under 18 this year (by the birth year typed).
    fn minor(&self) -> bool {
        self.birth_year()
            .is_some_and(|b| Self::year_now() - b < jiyn_core::ADULT_AGE)
    }

    /// Checks every field; returns the participant to save (without its meta) or what
    /// is wrong.
    fn check(&self, lang: jiyn_core::Lang, now_ms: u64) -> Result<Participant, Problems> {
        let mut p = Problems::default();
        let name = self.name.get_untracked().trim().to_string();
        if name.is_empty() {
            p.name = Some(DeskMsg::ErrNameRequired);
        }
        let phone = people::normalize_phone(&self.phone.get_untracked())
            .map_err(|e| p.phone = Some(phone_error_msg(e)))
            .ok();
        let year = self.birth_year();
        let this_year = Self::year_now();
        match year {
            None => p.birth_year = Some(DeskMsg::ErrBirthYear),
            Some(y) if !(1900..=this_year).contains(&y) => {
                p.birth_year = Some(DeskMsg::ErrBirthYear)
            }
            _ => {}
        }
        let iin_typed = self.iin.get_untracked();
        let iin = if iin_typed.trim().is_empty() {
            None
        } else {
            // Since 2013 an IIN need not match the birth date; the desk may keep one
            // that does not, once someone has checked it against the ID card.
            let year = if self.keep_iin.get_untracked() {
                None
            } else {
                year
            };
            people::check_iin(&iin_typed, year)
                .map_err(|e| p.iin = Some(iin_error_msg(e)))
                .ok()
        };
        if !self.consent.get_untracked() {
            p.consent = Some(DeskMsg::ErrConsent);
        }
        let at = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(now_ms as i64)
            .unwrap_or_default();
        let guardian = if self.minor() {
            let g = self.guardian_name.get_untracked().trim().to_string();
            if g.is_empty() || !self.guardian_consent.get_untracked() {
                p.guardian = Some(DeskMsg::ErrGuardian);
                None
            } else {
                let gp = self.guardian_phone.get_untracked();
                Some(Guardian {
                    full_name: g,
                    phone: people::normalize_phone(&gp).ok(),
                })
            }
        } else {
            None
        };
        if p.any() {
            return Err(p);
        }
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        let delegation = text(self.delegation);
        Ok(Participant {
            meta: jiyn_core::Meta::new(
                Uuid::nil(),
                Uuid::nil(),
                jiyn_core::Hlc::new(0, 0, jiyn_core::DeviceId::new("draft").expect("a valid id")),
            ),
            full_name: name,
            phone,
            region: text(self.region),
            district: String::new(),
            organisation: text(self.organisation),
            birth_year: year,
            role: self.role.get_untracked(),
            delegation: (!delegation.is_empty()).then_some(delegation),
            badge_code: jiyn_core::demo::badge_code(commands::random_u64()),
            iin,
            head_of_delegation: false,
            consent: Some(Consent {
                text_version: CONSENT_VERSION.to_string(),
                language: lang,
                given_at: at,
                guardian,
            }),
        })
    }
}

#[component]
fn WalkInForm(forum: Uuid, people: Vec<Participant>, desk: Option<String>) -> impl IntoView {
    let state = AppState::expect();
    let f = Form::new();
    let problems = RwSignal::new(Problems::default());
    let failed = RwSignal::new(None::<Msg>);
    let duplicates = RwSignal::new(Vec::<(Participant, DuplicateReason)>::new());
    let pending = StoredValue::new(None::<Participant>);
    let saved = RwSignal::new(None::<Participant>);
    let desk = desk.unwrap_or_else(|| state.t(DeskMsg::Desk).to_string());
    let desk = StoredValue::new(desk);
    let mut delegations: Vec<String> = people.iter().filter_map(|p| p.delegation.clone()).collect();
    delegations.sort();
    delegations.dedup();
    let index = StoredValue::new(DuplicateIndex::new(&people));
    let people = StoredValue::new(people);

    let save = move |draft: Participant| {
        let check_in = f.check_in_now.get_untracked();
        leptos::task::spawn_local(async move {
            let d = desk.get_value();
            let at = check_in.then_some(d.as_str());
            match commands::register_walk_in(state, forum, draft, at).await {
                Ok((p, _)) => {
                    // The next walk-in is checked against this one too.
                    index.update_value(|i| i.insert(&p));
                    people.update_value(|all| all.push(p.clone()));
                    duplicates.set(vec![]);
                    saved.set(Some(p));
                }
                Err(SaveError::Invalid(_)) => failed.set(Some(Msg::ErrOther)),
                Err(SaveError::Store(e)) => failed.set(Some(repo_error_msg(&e))),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failed.set(None);
        match f.check(state.lang.get_untracked(), crate::browser::now_ms()) {
            Err(p) => {
                problems.set(p);
                focus_first_error();
            }
            Ok(draft) => {
                problems.set(Problems::default());
                let found = index.with_value(|i| i.matches(&draft));
                if found.is_empty() {
                    save(draft);
                } else {
                    let list = people.with_value(|all| {
                        found
                            .iter()
                            .filter_map(|(id, why)| {
                                all.iter()
                                    .find(|p| p.meta.id == *id)
                                    .map(|p| (p.clone(), *why))
                            })
                            .collect()
                    });
                    pending.set_value(Some(draft));
                    duplicates.set(list);
                }
            }
        }
    };
    let check_in_existing = move |person: Uuid| {
        leptos::task::spawn_local(async move {
            let d = desk.get_value();
            match commands::check_in(state, forum, person, CheckInAction::CheckIn, &d).await {
                Ok(_) => {
                    let p =
                        people.with_value(|all| all.iter().find(|p| p.meta.id == person).cloned());
                    duplicates.set(vec![]);
                    saved.set(p);
                }
                Err(SaveError::Store(e)) => failed.set(Some(repo_error_msg(&e))),
                Err(_) => failed.set(Some(Msg::ErrOther)),
            }
        });
    };
    // Prefill the birth year from a valid IIN.
    Effect::new(move |_| {
        let iin = f.iin.get();
        if let Some(date) = people::iin_birth_date(&iin) {
            if f.birth_year.with_untracked(|y| y.trim().is_empty()) {
                f.birth_year.set(date.year().to_string());
            }
        }
    });
    let reset = move |_| {
        let fresh = Form::new();
        for (a, b) in [
            (f.name, fresh.name),
            (f.phone, fresh.phone),
            (f.birth_year, fresh.birth_year),
            (f.iin, fresh.iin),
            (f.delegation, fresh.delegation),
            (f.region, fresh.region),
            (f.organisation, fresh.organisation),
            (f.guardian_name, fresh.guardian_name),
            (f.guardian_phone, fresh.guardian_phone),
        ] {
            a.set(b.get_untracked());
        }
        f.consent.set(false);
        f.guardian_consent.set(false);
        f.keep_iin.set(false);
        saved.set(None);
        // The result panel (and its button) is gone: start again in the first field.
        leptos::task::spawn_local(async {
            crate::browser::yield_to_browser().await;
            crate::browser::focus_selector("#wi-name");
        });
    };
    // Saved (new, or a duplicate checked in instead): the form is hidden, so focus moves
    // to the result, which is read out and leads on to its actions.
    Effect::new(move |_| {
        if saved.with(|s| s.is_some()) {
            leptos::task::spawn_local(async {
                crate::browser::yield_to_browser().await;
                crate::browser::focus_selector("[data-testid=walk-in-done]");
            });
        }
    });

    let text_field = move |id: &'static str,
                           label: DeskMsg,
                           value: RwSignal<String>,
                           error: fn(&Problems) -> Option<DeskMsg>,
                           kind: &'static str,
                           autocomplete: &'static str| {
        let err_id = format!("{id}-error");
        let described = err_id.clone();
        view! {
            <div class="field">
                <label for=id>{move || state.t(label)}</label>
                <input id=id data-testid=id type=kind autocomplete=autocomplete aria-describedby=described
                    aria-invalid=move || problems.with(|p| error(p).is_some()).to_string()
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                <p class="error field-error" id=err_id data-testid=format!("{id}-error")>{move || problems.with(error).map(|m| state.t(m))}</p>
            </div>
        }
    };

    view! {
        {move || saved.get().map(|p| {
            let badge = format!("/forum/{forum}/badges?p={}", p.meta.id);
            view! {
                <div class="panel ok" role="status" tabindex="-1" data-testid="walk-in-done">
                    <p><strong>{p.full_name.clone()}</strong> " — " {move || state.t(DeskMsg::WalkInSaved)} " " <code data-testid="walk-in-badge">{p.badge_code.clone()}</code></p>
                    <div class="row-actions">
                        <a class="button primary" href=badge>{move || state.t(DeskMsg::PrintBadge)}</a>
                        <button type="button" on:click=reset>{move || state.t(DeskMsg::RegisterAnother)}</button>
                        <a class="button" href=format!("/forum/{forum}/desk")>{move || state.t(DeskMsg::BackToDesk)}</a>
                    </div>
                </div>
            }
        })}
        <form class="walk-in-form" on:submit=submit novalidate hidden=move || saved.with(|s| s.is_some())>
            <p class="hint">{move || state.t(DeskMsg::RequiredHint)}</p>
            {text_field("wi-name", DeskMsg::FullName, f.name, |p| p.name, "text", "name")}
            {text_field("wi-phone", DeskMsg::Phone, f.phone, |p| p.phone, "tel", "tel")}
            <p class="hint field-hint">{move || state.t(DeskMsg::PhoneHint)}</p>
            {text_field("wi-year", DeskMsg::BirthYear, f.birth_year, |p| p.birth_year, "text", "bday-year")}
            {text_field("wi-iin", DeskMsg::IinOptional, f.iin, |p| p.iin, "text", "off")}
            <label class="check" hidden=move || !(problems.with(|p| p.iin == Some(DeskMsg::ErrIinBirthYear)) || f.keep_iin.get())>
                <input type="checkbox" data-testid="wi-keep-iin" prop:checked=move || f.keep_iin.get()
                    on:change=move |ev| f.keep_iin.set(event_target_checked(&ev)) />
                {move || state.t(DeskMsg::KeepIin)}
            </label>
            <div class="field">
                <label for="wi-role">{move || state.t(DeskMsg::Role)}</label>
                <select id="wi-role" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(r) = Role::ALL.iter().find(|r| format!("{r:?}") == v) { f.role.set(*r); }
                }>
                    {Role::ALL.iter().map(|r| {
                        let r = *r;
                        view! { <option value=format!("{r:?}") selected=move || f.role.get() == r>{move || state.t(role_msg(r))}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="wi-delegation">{move || state.t(DeskMsg::Delegation)}</label>
                <input id="wi-delegation" type="text" list="wi-delegations" autocomplete="off"
                    prop:value=move || f.delegation.get() on:input=move |ev| f.delegation.set(event_target_value(&ev)) />
                <datalist id="wi-delegations">{delegations.into_iter().map(|d| view! { <option value=d></option> }).collect_view()}</datalist>
            </div>
            {text_field("wi-region", DeskMsg::Region, f.region, |_| None, "text", "address-level1")}
            {text_field("wi-org", DeskMsg::Organisation, f.organisation, |_| None, "text", "organization")}
            <fieldset class="consent">
                <legend>{move || state.t(DeskMsg::ConsentHeading)}</legend>
                <p class="consent-text">{move || state.t(DeskMsg::ConsentText)} <small>{format!(" ({CONSENT_VERSION})")}</small></p>
                <label class="check">
                    <input type="checkbox" data-testid="wi-consent" aria-describedby="wi-consent-error"
                        aria-invalid=move || problems.with(|p| p.consent.is_some()).to_string()
                        prop:checked=move || f.consent.get() on:change=move |ev| f.consent.set(event_target_checked(&ev)) />
                    {move || state.t(DeskMsg::ConsentAgree)}
                </label>
                <p class="error field-error" id="wi-consent-error">{move || problems.with(|p| p.consent).map(|m| state.t(m))}</p>
            </fieldset>
            <fieldset class="guardian" hidden=move || !f.minor() data-testid="wi-guardian">
                <legend>{move || state.t(DeskMsg::GuardianHeading)}</legend>
                {text_field("wi-guardian-name", DeskMsg::GuardianName, f.guardian_name, |p| p.guardian, "text", "off")}
                {text_field("wi-guardian-phone", DeskMsg::GuardianPhone, f.guardian_phone, |_| None, "tel", "off")}
                <label class="check">
                    <input type="checkbox" data-testid="wi-guardian-consent"
                        prop:checked=move || f.guardian_consent.get() on:change=move |ev| f.guardian_consent.set(event_target_checked(&ev)) />
                    {move || state.t(DeskMsg::GuardianAgree)}
                </label>
            </fieldset>
            <label class="check">
                <input type="checkbox" prop:checked=move || f.check_in_now.get() on:change=move |ev| f.check_in_now.set(event_target_checked(&ev)) />
                {move || state.t(DeskMsg::CheckInNow)}
            </label>
            {move || (!duplicates.with(|d| d.is_empty())).then(|| view! {
                <section class="panel warn duplicates" role="alert" data-testid="duplicates">
                    <h2>{move || state.t(DeskMsg::AlreadyRegistered)}</h2>
                    <ul>
                        {duplicates.get().into_iter().map(|(p, why)| {
                            let id = p.meta.id;
                            view! {
                                <li>
                                    <strong>{p.full_name.clone()}</strong>
                                    <small>{format!(" · {} · {}", p.delegation.clone().unwrap_or_default(), p.badge_code)} " · " {move || state.t(duplicate_reason_msg(why))}</small>
                                    <button type="button" class="primary" data-testid="dup-check-in" on:click=move |_| check_in_existing(id)>{move || state.t(DeskMsg::CheckInInstead)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <button type="button" data-testid="dup-register-anyway" on:click=move |_| {
                        if let Some(d) = pending.get_value() { save(d); }
                    }>{move || state.t(DeskMsg::RegisterAnyway)}</button>
                </section>
            })}
            <button type="submit" class="primary big" data-testid="wi-submit">{move || state.t(DeskMsg::Register)}</button>
            {move || failed.get().map(|m| view! { <p class="error" role="alert">{state.t(m)}</p> })}
        </form>
    }
}

/// Moves focus to the first field marked invalid, so keyboard and screen-reader users
/// land on what to fix.
fn focus_first_error() {
    leptos::task::spawn_local(async {
        crate::browser::yield_to_browser().await;
        crate::browser::focus_selector("[aria-invalid=\"true\"]");
    });
}
