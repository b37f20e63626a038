//! Two functions the end-to-end sync test calls through `window.wasmBindings`:
//! `e2e_churn` makes many mixed desk changes through the same commands the pages use
//! (walk-ins, check-ins, undos, edits, some on the same people), and `e2e_digest`
//! describes the whole database so several browsers can be compared. They only touch
//! this device's own database, as its user could through the pages.

use crate::commands;
use crate::state::AppState;
use jiyn_core::{CheckInAction, Participant, Repository, Role};
use std::cell::RefCell;
use uuid::Uuid;
use wasm_bindgen::prelude::*;

thread_local! {
    static STATE: RefCell<Option<AppState>> = const { RefCell::new(None) };
}

/// Called once the app's state exists.
pub fn register(state: AppState) {
    STATE.with(|s| *s.borrow_mut() = Some(state));
}

fn state() -> Result<AppState, JsValue> {
    STATE
        .with(|s| *s.borrow())
        .ok_or_else(|| JsValue::from_str("the app has not started"))
}

fn err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// Makes `n` mixed changes in `forum` on this device, from `seed`. Returns how many of
/// each kind were made, as JSON.
#[wasm_bindgen]
pub async fn e2e_churn(forum: String, n: u32, seed: u32) -> Result<String, JsValue> {
    let state = state()?;
    let forum: Uuid = forum.parse().map_err(err)?;
    let repo = state.repo();
    let mut people: Vec<Participant> = repo.list_by_forum(forum).await.map_err(err)?;
    let desk = format!("e2e-{}", commands::device_id(state));
    let mut rng: u64 = u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let (mut walk_ins, mut check_ins, mut undos, mut edits) = (0u32, 0u32, 0u32, 0u32);
    for i in 0..n {
        let roll = next() % 100;
        // A third of the picks go to the first 20 people, so desks collide on them.
        let pick = |r: u64, len: usize| {
            if r.is_multiple_of(3) {
                (r / 3) as usize % len.min(20)
            } else {
                (r / 3) as usize % len
            }
        };
        if roll < 20 || people.is_empty() {
            let draft = Participant {
                meta: jiyn_core::Meta::new(
                    Uuid::nil(),
                    forum,
                    jiyn_core::Hlc::new(0, 0, jiyn_core::DeviceId::new("draft").map_err(err)?),
                ),
                full_name: format!("Қонақ {seed}-{i}"),
                phone: None,
                region: "Батыс Қазақстан".into(),
                district: String::new(),
                organisation: String::new(),
                birth_year: Some(2000 + (next() % 8) as i32),
                role: Role::Participant,
                delegation: None,
                badge_code: jiyn_core::demo::badge_code(commands::random_u64()),
                iin: None,
                head_of_delegation: false,
                consent: None,
            };
            let with_desk = next() % 2 == 0;
            let (p, _) =
                commands::register_walk_in(state, forum, draft, with_desk.then_some(desk.as_str()))
                    .await
                    .map_err(|e| err(format!("{e:?}")))?;
            people.push(p);
            walk_ins += 1;
        } else if roll < 75 {
            let who = people[pick(next(), people.len())].meta.id;
            let undo = roll >= 60;
            let action = if undo {
                CheckInAction::Undo
            } else {
                CheckInAction::CheckIn
            };
            commands::check_in(state, forum, who, action, &desk)
                .await
                .map_err(|e| err(format!("{e:?}")))?;
            if undo {
                undos += 1;
            } else {
                check_ins += 1;
            }
        } else {
            let at = pick(next(), people.len());
            let value = next() % 50;
            let before = people[at].clone();
            let mut draft = before.clone();
            if value % 2 == 0 {
                draft.organisation = format!("Ұйым {value}");
            } else {
                draft.district = format!("Аудан {value}");
            }
            let saved = commands::save_record(state, Some(forum), Some(&before), draft)
                .await
                .map_err(|e| err(format!("{e:?}")))?;
            people[at] = saved;
            edits += 1;
        }
    }
    state.bump();
    Ok(format!(
        r#"{{"walk_ins":{walk_ins},"check_ins":{check_ins},"undos":{undos},"edits":{edits}}}"#
    ))
}

/// The whole database in one line: record counts by kind, live check-in events, and a
/// SHA-256 over every record's JSON in a fixed order. Equal digests, equal data.
#[wasm_bindgen]
pub async fn e2e_digest() -> Result<String, JsValue> {
    let state = state()?;
    let repo = state.repo();
    let records = repo.export(None).await.map_err(err)?;
    let mut texts: Vec<String> = records
        .iter()
        .map(|r| serde_json::to_string(r).map_err(err))
        .collect::<Result<_, _>>()?;
    texts.sort();
    let digest = jiyn_core::backup::sha256_hex(texts.join("\n").as_bytes());
    let count = |k: jiyn_core::RecordKind| records.iter().filter(|r| r.kind() == k).count();
    let pending = repo.outbox_count().await.map_err(err)?;
    Ok(format!(
        r#"{{"records":{},"participants":{},"check_ins":{},"pending":{pending},"digest":"{digest}"}}"#,
        records.len(),
        count(jiyn_core::RecordKind::Participant),
        count(jiyn_core::RecordKind::CheckIn),
    ))
}
