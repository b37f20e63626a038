//! The background sync loop and the status every page shows.
//!
//! Every tab starts [`start`]; only the tab that holds the Web Lock `jiyn-sync` runs the
//! loop (the lock passes to another tab when that one closes). The leader posts its
//! status on the BroadcastChannel `jiyn-sync`; any tab posts `kick` there when its user
//! asks to sync now or writes something. Where Web Locks are missing every tab syncs
//! (the server's idempotency makes that safe, only wasteful).

use super::{load_config, sync_once, SyncErrorKind, SyncStatus, LAST_OK_KEY, REJECTED_KEY};
use crate::browser;
use crate::camera::sleep;
use crate::state::AppState;
use jiyn_core::sync::backoff_ms;
use jiyn_core::Repository;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Pull this often when nothing else asks for a round (other desks' check-ins show up
/// within this time).
const INTERVAL_MS: u64 = 15_000;
/// A local write is pushed this long after it (writes in a burst go together).
const WRITE_DELAY_MS: u64 = 1_500;
/// After an error the user must fix (token refused...), look again this much later.
const STUCK_RETRY_MS: u64 = 60_000;

const CHANNEL: &str = "jiyn-sync";
const LOCK: &str = "jiyn-sync";

#[derive(Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
enum Message {
    Status { status: SyncStatus },
    Kick,
    Changed,
}

/// The page-wide handle: the status, and a way to ask for a round now.
#[derive(Clone, Copy)]
pub struct SyncHandle {
    pub status: RwSignal<SyncStatus>,
    /// Bumped to ask the leader for a round now (resets the backoff).
    now: RwSignal<u64>,
}

impl SyncHandle {
    pub fn expect() -> Self {
        expect_context::<SyncHandle>()
    }

    /// Sync now (the button); in another tab the message reaches the leader.
    pub fn sync_now(&self) {
        self.now.update(|n| *n += 1);
        post(&Message::Kick);
    }
}

fn channel() -> Option<web_sys::BroadcastChannel> {
    web_sys::BroadcastChannel::new(CHANNEL).ok()
}

fn post(message: &Message) {
    if let (Some(ch), Ok(text)) = (channel(), serde_json::to_string(message)) {
        let _ = ch.post_message(&JsValue::from_str(&text));
        ch.close();
    }
}

/// Starts sync for this tab and provides the [`SyncHandle`].
pub fn start(state: AppState) -> SyncHandle {
    let handle = SyncHandle {
        status: RwSignal::new(SyncStatus::default()),
        now: RwSignal::new(0),
    };
    provide_context(handle);
    let leader = Rc::new(Cell::new(false));
    let kicked = Rc::new(Cell::new(true));
    let forced = Rc::new(Cell::new(false));

    // Messages from other tabs.
    if let Some(ch) = channel() {
        let (kicked, forced, leader) = (kicked.clone(), forced.clone(), leader.clone());
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(text) = e.data().as_string() else {
                    return;
                };
                match serde_json::from_str::<Message>(&text) {
                    Ok(Message::Status { status }) if !leader.get() => handle.status.set(status),
                    Ok(Message::Kick) => {
                        kicked.set(true);
                        forced.set(true);
                    }
                    Ok(Message::Changed) => {
                        // The leader merged stamps this tab's clock has not seen.
                        leptos::task::spawn_local(async move {
                            let _ = crate::commands::catch_up_clock(state).await;
                        });
                        state.bump_remote();
                    }
                    _ => {}
                }
            });
        ch.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // Keep the channel open for the page's life.
        std::mem::forget(ch);
    }

    // This tab's own requests and writes.
    {
        let (kicked, forced) = (kicked.clone(), forced.clone());
        Effect::new(move |_| {
            if handle.now.get() > 0 {
                kicked.set(true);
                forced.set(true);
            }
        });
    }
    let wrote_at = Rc::new(Cell::new(0u64));
    {
        let wrote_at = wrote_at.clone();
        // A revision bump that came with a remote one is sync's own merge, not a
        // local write: it needs no push round of its own.
        let seen_remote = Cell::new(state.remote.get_untracked());
        Effect::new(move |first: Option<()>| {
            state.revision.track();
            if first.is_some() {
                let remote = state.remote.get_untracked();
                if seen_remote.replace(remote) == remote {
                    wrote_at.set(browser::now_ms());
                }
                leptos::task::spawn_local(refresh_local(state, handle));
            }
        });
    }
    if let Some(w) = web_sys::window() {
        let kicked = kicked.clone();
        let forced = forced.clone();
        let online = Closure::<dyn Fn()>::new(move || {
            kicked.set(true);
            forced.set(true);
        });
        let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
    }

    leptos::task::spawn_local(refresh_local(state, handle));
    let run = {
        let leader = leader.clone();
        move || {
            leader.set(true);
            leptos::task::spawn_local(run_loop(state, handle, kicked, forced, wrote_at));
        }
    };
    if !request_lock(run.clone()) {
        run();
    }
    handle
}

/// Reads what this tab can know without the network: configured or not, the outbox,
/// the last good sync.
async fn refresh_local(state: AppState, handle: SyncHandle) {
    let repo = state.repo();
    let active = load_config(state)
        .await
        .map(|c| c.is_active())
        .unwrap_or(false);
    let pending = repo.outbox_count().await.unwrap_or(0);
    let last_ok_ms = repo
        .setting(LAST_OK_KEY)
        .await
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok());
    let rejected = repo
        .setting(REJECTED_KEY)
        .await
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    handle.status.update(|s| {
        s.active = active;
        s.pending = pending;
        s.last_ok_ms = last_ok_ms;
        s.rejected = rejected;
        if !active {
            s.error = None;
        }
    });
}

/// `navigator.locks.request(LOCK, cb)`, where `cb` runs `on_granted` and holds the
/// lock for the rest of the page's life. `false` when the browser has no Web Locks.
fn request_lock(on_granted: impl FnOnce() + 'static) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let locks = js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("locks"))
        .ok()
        .filter(|l| l.is_object());
    let Some(locks) = locks else { return false };
    let Some(request) = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let granted = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        on_granted();
        // Never settles: the lock is held until the tab goes away.
        js_sys::Promise::new(&mut |_, _| {}).into()
    });
    request
        .call2(&locks, &JsValue::from_str(LOCK), &granted)
        .is_ok()
}

async fn run_loop(
    state: AppState,
    handle: SyncHandle,
    kicked: Rc<Cell<bool>>,
    forced: Rc<Cell<bool>>,
    wrote_at: Rc<Cell<u64>>,
) {
    let mut attempt: u32 = 0;
    let mut next_due: u64 = 0;
    let mut pushed_write: u64 = 0;
    loop {
        sleep(250).await;
        let now = browser::now_ms();
        let write = wrote_at.get();
        if write > pushed_write && attempt == 0 && now >= write + WRITE_DELAY_MS {
            pushed_write = write;
            kicked.set(true);
        }
        if forced.replace(false) {
            attempt = 0;
            next_due = 0;
        }
        // A write or a message asks for a round early, but not during a backoff.
        let early = kicked.get() && attempt == 0;
        if !early && now < next_due {
            continue;
        }
        kicked.set(false);
        let config = match load_config(state).await {
            Ok(c) => c,
            Err(_) => {
                next_due = now + STUCK_RETRY_MS;
                continue;
            }
        };
        if !config.is_active() {
            refresh_local(state, handle).await;
            next_due = now + 5_000;
            continue;
        }
        handle.status.update(|s| s.running = true);
        publish(handle);
        let result = sync_once(state, &config).await;
        let now = browser::now_ms();
        match &result {
            Ok(round) => {
                attempt = 0;
                next_due = now + INTERVAL_MS;
                handle.status.update(|s| s.error = None);
                if round.merged > 0 {
                    state.bump_remote();
                    post(&Message::Changed);
                }
            }
            Err(e) => {
                // For whoever debugs a desk: what failed (never the token or the data).
                web_sys::console::warn_1(&format!("sync round failed: {e}").into());
                handle
                    .status
                    .update(|s| s.error = Some(SyncErrorKind::from(e)));
                if e.is_transient() {
                    next_due = now + backoff_ms(attempt, js_sys::Math::random());
                    attempt = attempt.saturating_add(1);
                } else {
                    next_due = now + STUCK_RETRY_MS;
                }
            }
        }
        handle.status.update(|s| s.running = false);
        refresh_local(state, handle).await;
        publish(handle);
    }
}

fn publish(handle: SyncHandle) {
    post(&Message::Status {
        status: handle.status.get_untracked(),
    });
}
