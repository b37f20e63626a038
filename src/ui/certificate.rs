//! Certificates of volunteer hours.
//!
//! - [`SigningKeySection`], embedded in the volunteers page: whether the forum has a
//!   signing key and whether this device holds its private part; makes a key.
//! - [`CertificatePage`], `/forum/:id/volunteers/:person/certificate?lang=kk|ru|en`: the
//!   printable A4 certificate, signed here with this device's key (`jiyn_core::cert`),
//!   with a QR code of its verification URL.
//!
//! The private key is a 32-byte seed kept in this device's settings under
//! [`seed_setting`] (base64url). Settings never sync and are not part of backups; the
//! seed is never logged, shown or put in a signal: it is read, used to sign, and
//! dropped. Only the public key goes into the forum record (`signing_key`), which syncs
//! and is published in the forum's public feed. See `docs/certificates.md`.

use crate::commands;
use crate::i18n::cert::{duration_text, CertMsg};
use crate::i18n::{date_long, date_range, lang_name_msg, repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::cert::{self, KeyPair, Payload};
use jiyn_core::{Forum, Lang, RepoError};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

/// The device setting holding a forum's signing seed (base64url of 32 bytes).
pub fn seed_setting(forum: Uuid) -> String {
    format!("cert.seed.{forum}")
}

/// This device's signing key for `forum`, only when it is the forum's current key (a
/// seed left from a key that was replaced since signs nothing).
async fn device_key(state: AppState, forum: &Forum) -> Result<Option<KeyPair>, RepoError> {
    let Some(public) = forum.signing_key.as_deref().map(str::trim) else {
        return Ok(None);
    };
    let seed = commands::device_setting(state, &seed_setting(forum.meta.id)).await?;
    Ok(seed
        .and_then(|s| KeyPair::from_seed_text(&s).ok())
        .filter(|k| k.public_key_text() == public))
}

/// 32 bytes from the browser's cryptographic random source (`crypto.getRandomValues`,
/// the source `commands::random_u64` also draws on, through `uuid`).
fn random_seed() -> Result<[u8; 32], ()> {
    use wasm_bindgen::{JsCast, JsValue};
    let crypto =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).map_err(|_| ())?;
    let fill: js_sys::Function =
        js_sys::Reflect::get(&crypto, &JsValue::from_str("getRandomValues"))
            .map_err(|_| ())?
            .dyn_into()
            .map_err(|_| ())?;
    let array = js_sys::Uint8Array::new_with_length(32);
    fill.call1(&crypto, &array).map_err(|_| ())?;
    let mut seed = [0u8; 32];
    array.copy_to(&mut seed);
    // All zeros means the call did nothing: refuse rather than make a guessable key.
    if seed == [0u8; 32] {
        return Err(());
    }
    Ok(seed)
}

/// Makes a new signing key for `forum`: the seed goes into this device's settings
/// first, then the public key into the forum record (so a failed save leaves the forum
/// as it was, and never a published key that no device holds).
async fn create_key(state: AppState, forum: &Forum) -> Result<(), ()> {
    let pair = KeyPair::from_seed(random_seed()?);
    commands::set_device_setting(state, &seed_setting(forum.meta.id), &pair.seed_text())
        .await
        .map_err(|_| ())?;
    let mut draft = forum.clone();
    draft.signing_key = Some(pair.public_key_text());
    commands::save_record(state, Some(forum.meta.id), Some(forum), draft)
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// Whether the forum has a key, and whether this device holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Holding {
    NoKey,
    /// This device holds it (its short id).
    Here(String),
    Elsewhere,
}

/// The signing key of a forum, for the volunteers page: its state on this device, and a
/// button to make one (or, after a confirmation, a new one). It has no heading of its
/// own: the page embedding it gives it one.
#[component]
pub fn SigningKeySection(forum: Forum) -> impl IntoView {
    let state = AppState::expect();
    let id = forum.meta.id;
    let given = StoredValue::new(forum);
    let status = LocalResource::new(move || {
        state.revision.track();
        let given = given.get_value();
        async move {
            // The stored forum when there is one: the page's copy may be older.
            let forum = commands::live_forum(state, id).await?.unwrap_or(given);
            let holding = match &forum.signing_key {
                None => Holding::NoKey,
                Some(public) => match device_key(state, &forum).await? {
                    Some(_) => Holding::Here(cert::key_id(public)),
                    None => Holding::Elsewhere,
                },
            };
            Ok::<_, RepoError>((forum, holding))
        }
    });
    let confirming = RwSignal::new(false);
    let create = Action::new_local(move |forum: &Forum| {
        let forum = forum.clone();
        async move { create_key(state, &forum).await }
    });
    let outcome = move || match create.value().get() {
        Some(Ok(())) => Some(("ok", state.t(CertMsg::KeyCreated))),
        Some(Err(())) => Some(("error", state.t(CertMsg::KeyFailed))),
        None => None,
    };
    let body = move |forum: Forum, holding: Holding| {
        let pending = create.pending();
        match holding {
            Holding::NoKey => view! {
                <p data-testid="signing-key-state" data-state="none">{move || state.t(CertMsg::KeyNone)}</p>
                <button type="button" class="primary" data-testid="create-signing-key"
                    disabled=move || pending.get()
                    on:click=move |_| { create.dispatch(forum.clone()); }>
                    {move || state.t(CertMsg::KeyCreate)}
                </button>
            }
            .into_any(),
            Holding::Here(key) => view! {
                <p class="ok" data-testid="signing-key-state" data-state="here">{move || state.t(CertMsg::KeyHere)}</p>
                <p class="muted">{move || state.t(CertMsg::KeyLabel)} ": " <code data-testid="signing-key-id">{key.clone()}</code></p>
            }
            .into_any(),
            Holding::Elsewhere => {
                let forum = StoredValue::new(forum);
                view! {
                    <p class="warn-text" data-testid="signing-key-state" data-state="elsewhere">{move || state.t(CertMsg::KeyElsewhere)}</p>
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="secondary" data-testid="replace-signing-key"
                                on:click=move |_| {
                                    confirming.set(true);
                                    // After the confirmation has rendered.
                                    set_timeout(
                                        || crate::browser::focus_selector("[data-testid=confirm-new-key]"),
                                        std::time::Duration::ZERO,
                                    );
                                }>
                                {move || state.t(CertMsg::KeyReplace)}
                            </button>
                        }
                    >
                        <div class="cert-confirm" role="group" aria-labelledby="cert-key-warn">
                            <p id="cert-key-warn" class="warn-text">{move || state.t(CertMsg::KeyReplaceWarn)}</p>
                            <div class="row-actions">
                                <button type="button" class="secondary danger" data-testid="confirm-new-key"
                                    disabled=move || pending.get()
                                    on:click=move |_| {
                                        confirming.set(false);
                                        create.dispatch(forum.get_value());
                                    }>
                                    {move || state.t(CertMsg::KeyReplaceConfirm)}
                                </button>
                                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                                    {move || state.t(CertMsg::Cancel)}
                                </button>
                            </div>
                        </div>
                    </Show>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="cert-key" data-testid="signing-key">
            <p class="muted">{move || state.t(CertMsg::KeyIntro)}</p>
            <Transition fallback=move || view! { <p>{move || state.t(Msg::Loading)}</p> }>
                {move || status.get().map(|r| match r {
                    Ok((forum, holding)) => body(forum, holding).into_any(),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Transition>
            <p role="status" data-testid="signing-key-outcome"
                class=move || outcome().map(|(c, _)| c).unwrap_or_default()>
                {move || outcome().map(|(_, t)| t).unwrap_or_default()}
            </p>
        </div>
    }
}

/// What the certificate page can show.
#[derive(Clone)]
enum Sheet {
    NoForum,
    NoPerson,
    NoHours,
    /// The forum has no signing key at all.
    NoForumKey,
    /// The forum has a key, but this device does not hold it.
    NotHere,
    Ready(Box<Signed>),
}

/// A signed certificate, ready to print.
#[derive(Clone)]
struct Signed {
    forum: Forum,
    /// What was signed (with `key` set): everything printed comes from here.
    payload: Payload,
    url: String,
    /// The QR code of `url` as SVG markup made only of numbers (see `jiyn_core::qr`).
    qr_svg: Option<String>,
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

async fn load(state: AppState, forum: Uuid, person: Uuid, lang: Lang) -> Result<Sheet, RepoError> {
    let records = commands::certificate_records(state, forum, person).await?;
    let Some(forum) = records.forum else {
        return Ok(Sheet::NoForum);
    };
    let Some(person) = records.person else {
        return Ok(Sheet::NoPerson);
    };
    let hours = records.hours;
    let minutes = cert::approved_minutes(&hours, person.meta.id);
    if minutes == 0 {
        return Ok(Sheet::NoHours);
    }
    if forum.signing_key.is_none() {
        return Ok(Sheet::NoForumKey);
    }
    let Some(pair) = device_key(state, &forum).await? else {
        return Ok(Sheet::NotHere);
    };
    let draft = Payload::new(
        forum.meta.id,
        forum.title.get(lang).0,
        person.meta.id,
        &person.full_name,
        minutes,
        super::programme::forum_today(&forum),
        lang,
    );
    let wire = pair.sign(&draft);
    drop(pair);
    // Read back what was signed, so the page prints exactly the signed values.
    let payload = cert::peek(&wire).unwrap_or(draft);
    let url = cert::verification_url(&origin(), &wire);
    let qr_svg = jiyn_core::qr::encode(&url).map(|m| m.svg(4));
    Ok(Sheet::Ready(Box::new(Signed {
        forum,
        payload,
        url,
        qr_svg,
    })))
}

#[component]
pub fn CertificatePage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let query = use_query_map();
    let ids = Memo::new(move |_| {
        let p = params.read();
        let forum = p.get("id").and_then(|s| s.parse::<Uuid>().ok())?;
        let person = p.get("person").and_then(|s| s.parse::<Uuid>().ok())?;
        Some((forum, person))
    });
    // The certificate's language: `?lang=`, else the app's.
    let lang = Memo::new(move |_| {
        query
            .read()
            .get("lang")
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_else(|| state.lang.get())
    });
    let data = LocalResource::new(move || {
        state.revision.track();
        let (ids, lang) = (ids.get(), lang.get());
        async move {
            match ids {
                Some((forum, person)) => load(state, forum, person, lang).await,
                None => Ok(Sheet::NoForum),
            }
        }
    });
    let back = move || {
        ids.get()
            .map(|(forum, _)| format!("/forum/{forum}/volunteers"))
            .unwrap_or_else(|| "/".into())
    };
    let notice = move |msg: CertMsg| {
        view! {
            <p class="warn-text" role="status" data-testid="certificate-unavailable">{move || state.t(msg)}</p>
            <p><a href=back>{move || state.t(CertMsg::BackToVolunteers)}</a></p>
        }
        .into_any()
    };
    view! {
        <section class="page certificate-page">
            <a class="back no-print" href=back>{move || state.t(CertMsg::BackToVolunteers)}</a>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(Sheet::Ready(signed)) => view! { <Certificate signed=*signed /> }.into_any(),
                    Ok(Sheet::NoForum) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                    Ok(Sheet::NoPerson) => notice(CertMsg::PersonNotFound),
                    Ok(Sheet::NoHours) => notice(CertMsg::NoApprovedHours),
                    Ok(Sheet::NoForumKey) => notice(CertMsg::NoForumKey),
                    Ok(Sheet::NotHere) => notice(CertMsg::NoKeyHere),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Certificate(signed: Signed) -> impl IntoView {
    let state = AppState::expect();
    let Signed {
        forum,
        payload,
        url,
        qr_svg,
    } = signed;
    let lang = payload.lang;
    let t = move |m: CertMsg| m.text(lang);
    let path = format!(
        "/forum/{}/volunteers/{}/certificate",
        payload.forum, payload.volunteer
    );
    let switch = Lang::ALL
        .into_iter()
        .map(|l| {
            let href = format!("{path}?lang={}", l.code());
            view! {
                <a href=href hreflang=l.code() lang=l.code() data-testid=format!("certificate-lang-{}", l.code())
                    aria-current=(l == lang).then_some("true")>
                    {lang_name_msg(l).text(l)}
                </a>
            }
        })
        .collect_view();
    let city = forum.city.get(lang).0.to_string();
    let dates = date_range(lang, forum.starts_on, forum.ends_on);
    let place = if city.is_empty() {
        dates
    } else {
        format!("{dates}, {city}")
    };
    let hours = duration_text(lang, payload.minutes);
    let issued = date_long(lang, payload.issued);
    view! {
        <div class="cert-tools no-print">
            <nav class="row-actions cert-langs" aria-label=move || state.t(CertMsg::CertLanguage)>
                <span>{move || state.t(CertMsg::CertLanguage)} ":"</span>
                {switch}
            </nav>
            <button type="button" class="primary" data-testid="print-button"
                on:click=move |_| crate::browser::print()>
                {move || state.t(CertMsg::Print)}
            </button>
        </div>
        <article class="certificate" lang=lang.code() data-testid="certificate">
            <h1 class="cert-title">{t(CertMsg::Title)}</h1>
            <p class="cert-lead">{t(CertMsg::Certifies)}</p>
            <p class="cert-name" data-testid="certificate-name">{payload.name.clone()}</p>
            <p class="cert-lead">{t(CertMsg::VolunteeredAt)}</p>
            <p class="cert-forum" data-testid="certificate-forum">{payload.title.clone()}</p>
            <p class="cert-place">{place}</p>
            <div class="cert-hours">
                <span class="cert-label">{t(CertMsg::HoursLabel)}</span>
                <strong data-testid="certificate-hours" data-minutes=payload.minutes.to_string()>{hours}</strong>
            </div>
            <div class="cert-foot">
                <p class="cert-issued">
                    <span class="cert-label">{t(CertMsg::IssuedLabel)}</span>
                    <span data-testid="certificate-issued">{issued}</span>
                </p>
                <p class="cert-organizer">
                    <span class="cert-label">{t(CertMsg::OrganizerLabel)}</span>
                    <span class="cert-signline" aria-hidden="true"></span>
                    <small>{t(CertMsg::SignatureHint)}</small>
                </p>
            </div>
            <div class="cert-verify">
                {match qr_svg {
                    // The SVG is made by jiyn_core::qr from numbers only: no user text.
                    Some(svg) => view! {
                        <div class="cert-qr" data-testid="certificate-qr" role="img"
                            aria-label=t(CertMsg::QrLabel) inner_html=svg></div>
                    }.into_any(),
                    None => view! { <p class="error">{t(CertMsg::QrTooLong)}</p> }.into_any(),
                }}
                <div class="cert-verify-text">
                    <p>{t(CertMsg::ScanToVerify)}</p>
                    <p class="cert-url" data-testid="certificate-url">{url}</p>
                    <p class="cert-keyid">{t(CertMsg::KeyLabel)} ": " <code>{payload.key.clone()}</code></p>
                </div>
            </div>
        </article>
    }
}
