//! `/verify`: checks a certificate of volunteer hours. The certificate comes in the
//! URL's fragment (`#c=<wire>`, what its QR code opens) or is pasted into the field.
//!
//! The key to check it with is found here, never taken from the certificate: the
//! certificate only names its forum (read unverified with `cert::peek`), then
//! 1. the forum record on this device (`signing_key`), and a key cached from the
//!    forum's public feed earlier (device setting [`feed_key_setting`]);
//! 2. if none of them verifies it and this device has a sync server set up, the
//!    forum's public feed from that server (`/v1/forums/<id>/agenda.json`, no token),
//!    whose key is then cached so the next check works offline.
//!
//! Nothing the certificate says is shown unless its signature verified.

use super::text::{error_id, field_error, invalid_attr};
use crate::commands;
use crate::i18n::cert::{duration_text, CertMsg};
use crate::i18n::date_long;
use crate::state::AppState;
use jiyn_core::cert::{self, CertError, Payload};
use leptos::prelude::*;
use uuid::Uuid;

/// The device setting caching a forum's public key learned from its public feed.
pub fn feed_key_setting(forum: Uuid) -> String {
    format!("cert.feedkey.{forum}")
}

/// Where the key that verified a certificate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The forum record on this device.
    Device,
    /// The forum's public feed (now, or cached from an earlier check).
    Server,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Valid(Box<Payload>, Source),
    Invalid(CertMsg),
}

/// The reason shown for a refusal.
fn reason(e: &CertError) -> CertMsg {
    match e {
        CertError::Malformed => CertMsg::ReasonDamaged,
        CertError::UnsupportedVersion(_) => CertMsg::ReasonNewer,
        CertError::BadKey => CertMsg::ReasonBadKey,
        CertError::ForeignKey => CertMsg::ReasonForeignKey,
        CertError::BadSignature => CertMsg::ReasonChanged,
        CertError::NoKey => CertMsg::ReasonNoKey,
    }
}

/// Checks a pasted text or a URL fragment.
async fn check(state: AppState, text: String) -> Outcome {
    if text.trim().is_empty() {
        return Outcome::Invalid(CertMsg::ReasonEmpty);
    }
    let Some(wire) = cert::extract_wire(&text) else {
        return Outcome::Invalid(CertMsg::ReasonDamaged);
    };
    // Unverified: only to learn which forum's key to use.
    let forum = match cert::peek(&wire) {
        Ok(p) => p.forum,
        Err(e) => return Outcome::Invalid(reason(&e)),
    };
    let mut keys: Vec<(String, Source)> = Vec::new();
    if let Some(key) = commands::live_forum(state, forum)
        .await
        .ok()
        .flatten()
        .and_then(|f| f.signing_key)
    {
        keys.push((key, Source::Device));
    }
    let cached = commands::device_setting(state, &feed_key_setting(forum))
        .await
        .ok()
        .flatten()
        .filter(|k| !k.is_empty());
    if let Some(key) = &cached {
        if keys.iter().all(|(k, _)| k != key) {
            keys.push((key.clone(), Source::Server));
        }
    }
    let local = match cert::verify_any(&wire, keys.iter().map(|(k, _)| k.as_str())) {
        Ok((payload, i)) => return Outcome::Valid(Box::new(payload), keys[i].1),
        // The contents were changed, or the text cannot be read: a newer key would not
        // change that.
        Err(
            e @ (CertError::BadSignature | CertError::Malformed | CertError::UnsupportedVersion(_)),
        ) => return Outcome::Invalid(reason(&e)),
        // No key here, another key, or a damaged one: the forum's key may have been made
        // or replaced since; ask its public feed if a server is set up.
        Err(e) => e,
    };
    if let Some(key) = crate::sync::fetch_forum_key(state, forum).await {
        if cached.as_deref() != Some(key.as_str()) {
            let _ = commands::set_device_setting(state, &feed_key_setting(forum), &key).await;
        }
        if keys.iter().all(|(k, _)| *k != key) {
            return match cert::verify(&wire, &key) {
                Ok(payload) => Outcome::Valid(Box::new(payload), Source::Server),
                Err(e) => Outcome::Invalid(reason(&e)),
            };
        }
    }
    Outcome::Invalid(reason(&local))
}

/// The fragment of the page's URL (`#c=…`), if any.
fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let state = AppState::expect();
    let initial = fragment();
    let text = RwSignal::new(if initial.is_empty() {
        String::new()
    } else {
        format!("{}/verify{initial}", origin())
    });
    let verify = Action::new_local(move |text: &String| {
        let text = text.clone();
        async move { check(state, text).await }
    });
    if !initial.is_empty() {
        verify.dispatch(initial);
    }
    let result = move || {
        if verify.pending().get() {
            return view! {
                <div class="verify-result checking" data-testid="verify-result" data-valid="" aria-busy="true">
                    <p class="verify-verdict">{move || state.t(CertMsg::Checking)}</p>
                </div>
            }
            .into_any();
        }
        match verify.value().get() {
            None => ().into_any(),
            Some(Outcome::Valid(p, source)) => {
                let lang = state.lang.get();
                view! {
                    <div class="verify-result valid" data-testid="verify-result" data-valid="true">
                        <p class="verify-verdict">"✓ " {move || state.t(CertMsg::Valid)}</p>
                        <dl class="verify-facts">
                            <dt>{move || state.t(CertMsg::VolunteerLabel)}</dt>
                            <dd data-testid="verify-name">{p.name.clone()}</dd>
                            <dt>{move || state.t(CertMsg::ForumLabel)}</dt>
                            <dd data-testid="verify-forum">{p.title.clone()}</dd>
                            <dt>{move || state.t(CertMsg::HoursLabel)}</dt>
                            <dd data-testid="verify-hours" data-minutes=p.minutes.to_string()>{duration_text(lang, p.minutes)}</dd>
                            <dt>{move || state.t(CertMsg::IssuedLabel)}</dt>
                            <dd data-testid="verify-issued">{date_long(lang, p.issued)}</dd>
                        </dl>
                        <p>{move || state.t(CertMsg::ValidHint)}</p>
                        <p class="muted" data-testid="verify-source" data-source=match source { Source::Device => "device", Source::Server => "server" }>
                            {move || state.t(match source {
                                Source::Device => CertMsg::SourceDevice,
                                Source::Server => CertMsg::SourceServer,
                            })}
                        </p>
                    </div>
                }
                .into_any()
            }
            Some(Outcome::Invalid(why)) => view! {
                <div class="verify-result invalid" data-testid="verify-result" data-valid="false">
                    <p class="verify-verdict">"✗ " {move || state.t(CertMsg::NotValid)}</p>
                    <p data-testid="verify-reason">{move || state.t(why)}</p>
                </div>
            }
            .into_any(),
        }
    };
    // Text that is empty or not a certificate at all is the field's problem, said next to
    // it; a certificate that reads but does not verify is the verdict below.
    let input_problem = Memo::new(move |_| match verify.value().get() {
        Some(Outcome::Invalid(m @ (CertMsg::ReasonEmpty | CertMsg::ReasonDamaged)))
            if !verify.pending().get() =>
        {
            Some(m)
        }
        _ => None,
    });
    view! {
        <section class="page verify-page">
            <h1>{move || state.t(CertMsg::VerifyHeading)}</h1>
            <p class="muted">{move || state.t(CertMsg::VerifyIntro)}</p>
            <form data-testid="verify-form" novalidate on:submit=move |ev| {
                ev.prevent_default();
                let value = text.get_untracked();
                if value.trim().is_empty() || cert::extract_wire(&value).is_none() {
                    crate::browser::focus_selector("#verify-input");
                }
                // Keep the checked certificate in the address, so a reload checks it again.
                if let Some(wire) = cert::extract_wire(&value) {
                    crate::browser::replace_url(&format!("{}#{}={wire}", cert::VERIFY_PATH, cert::FRAGMENT_KEY));
                }
                verify.dispatch(value);
            }>
                <div class="field">
                    <label for="verify-input">{move || state.t(CertMsg::VerifyField)}</label>
                    <textarea id="verify-input" data-testid="verify-input" rows="3" spellcheck="false" autocomplete="off"
                        aria-invalid=move || invalid_attr(input_problem.with(|p| p.is_some()))
                        aria-describedby=error_id("verify-input")
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    {field_error("verify-input", None, move || input_problem.get())}
                </div>
                <button type="submit" class="primary" data-testid="verify-button"
                    disabled=move || verify.pending().get()>
                    {move || state.t(CertMsg::VerifyButton)}
                </button>
            </form>
            <div role="status" aria-live="polite" class="verify-status">{result}</div>
        </section>
    }
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
