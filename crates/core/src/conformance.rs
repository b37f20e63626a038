//! The one conformance suite every [`Repository`] must pass: on the host against
//! [`crate::memory::MemoryRepo`], in headless Chromium against the IndexedDB store.
//!
//! Each case is a plain async function taking a fresh, empty repository; the
//! [`crate::conformance_tests!`] macro turns them into `#[test]`s (host) or
//! `#[wasm_bindgen_test]`s (browser). Assertions panic, as tests do.

use crate::change::{Change, Writer};
use crate::hlc::{DeviceId, HlcClock};
use crate::ids::new_id;
use crate::model::*;
use crate::repo::{ForumCounts, MergeReport, RepoError, Repository};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

/// Generates one test per conformance case.
///
/// `conformance_tests!(host: || async { MemoryRepo::new() })` needs `pollster` as a
/// dev-dependency; `conformance_tests!(browser: || async { ... })` needs
/// `wasm-bindgen-test`. The closure must give a fresh, empty repository each call.
#[macro_export]
macro_rules! conformance_tests {
    (host: $make:expr) => {
        $crate::conformance_tests!(@cases host $make);
    };
    (browser: $make:expr) => {
        $crate::conformance_tests!(@cases browser $make);
    };
    (@cases $mode:ident $make:expr) => {
        $crate::conformance_tests!(@ $mode $make;
            round_trips_every_kind,
            get_of_a_missing_id_is_none,
            lists_are_per_forum_and_skip_tombstones,
            every_write_queues_its_change,
            failed_outbox_write_rolls_back_the_record,
            acknowledged_changes_leave_the_outbox_and_only_they,
            failed_batch_writes_nothing,
            batch_writes_everything,
            edits_overwrite_and_queue_again,
            finds_participants_by_badge,
            checkins_come_back_in_stamp_order,
            settings_round_trip,
            export_is_a_snapshot_with_tombstones,
            merge_in_twice_adds_once,
            merge_in_merges_per_field_with_what_is_stored,
            forum_counts_follow_the_rules,
            signups_of_a_session_come_in_creation_order,
        );
    };
    (@host $make:expr; $($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            pollster::block_on(async {
                let repo = ($make)().await;
                $crate::conformance::$name(&repo).await;
            });
        }
    )*};
    (@browser $make:expr; $($name:ident),* $(,)?) => {$(
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn $name() {
            let repo = ($make)().await;
            $crate::conformance::$name(&repo).await;
        }
    )*};
}

const T0: u64 = 1_762_840_800_000; // 2025-11-11 06:00 UTC

fn writer() -> Writer {
    Writer::new(HlcClock::new(DeviceId::new("conformance").expect("valid")))
}

fn forum(w: &mut Writer) -> (Forum, Change) {
    w.create(T0, None, |meta| Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta,
        title: I18nText::new("Орал форумы", "Форум в Уральске", "Oral forum"),
        city: I18nText::new("Орал", "Уральск", "Oral"),
        starts_on: NaiveDate::from_ymd_opt(2025, 11, 11).expect("date"),
        ends_on: NaiveDate::from_ymd_opt(2025, 11, 12).expect("date"),
        time_zone: "Asia/Oral".into(),
        format: ForumFormat::Single,
        venues: vec![],
        stops: vec![],
    })
    .expect("valid forum")
}

fn participant(w: &mut Writer, forum: Uuid, n: usize) -> (Participant, Change) {
    w.create(T0 + n as u64, Some(forum), |meta| Participant {
        meta,
        full_name: format!("Қатысушы {n}"),
        phone: Some(format!("+7700000{n:04}")),
        region: "Батыс Қазақстан".into(),
        district: String::new(),
        organisation: String::new(),
        birth_year: Some(2000),
        role: Role::Participant,
        delegation: Some("Татарстан".into()),
        badge_code: format!("B{n:07}"),
        iin: None,
        head_of_delegation: false,
        consent: None,
    })
    .expect("valid participant")
}

fn checkin(w: &mut Writer, p: &Participant, at: u64, action: CheckInAction) -> (CheckIn, Change) {
    w.create(at, Some(p.meta.forum), |meta| CheckIn {
        meta,
        participant: p.meta.id,
        action,
        desk: "desk-1".into(),
        at: Utc.timestamp_millis_opt(at as i64).single().expect("time"),
    })
    .expect("valid check-in")
}

pub async fn round_trips_every_kind<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let (s, c) = w
        .create(T0, Some(f.meta.id), |meta| Session {
            meta,
            title: I18nText::new("Пленарлық отырыс", "Пленарное заседание", "Plenary"),
            description: I18nText::default(),
            kind: SessionKind::Plenary,
            starts_at: NaiveDate::from_ymd_opt(2025, 11, 11)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .expect("t"),
            ends_at: NaiveDate::from_ymd_opt(2025, 11, 11)
                .and_then(|d| d.and_hms_opt(11, 30, 0))
                .expect("t"),
            venue: None,
            room: None,
            stop: None,
            speakers: vec!["Мансия Есекеева".into()],
            capacity: Some(300),
            languages: vec![Lang::Kk, Lang::Ru],
        })
        .expect("session");
    repo.write(&s, &c).await.expect("session");
    let (p, c) = participant(&mut w, f.meta.id, 1);
    repo.write(&p, &c).await.expect("participant");
    let (ci, c) = checkin(&mut w, &p, T0 + 10, CheckInAction::CheckIn);
    repo.write(&ci, &c).await.expect("check-in");
    let (h, c) = w
        .create(T0, Some(f.meta.id), |meta| HourLog {
            shift: None,
            meta,
            volunteer: p.meta.id,
            task: "Тіркеу үстелі".into(),
            started_at: Utc.timestamp_millis_opt(T0 as i64).single().expect("t"),
            ended_at: Some(
                Utc.timestamp_millis_opt(T0 as i64 + 3_600_000)
                    .single()
                    .expect("t"),
            ),
            status: HourStatus::Pending,
            note: String::new(),
        })
        .expect("hours");
    repo.write(&h, &c).await.expect("hours");
    let (pr, c) = w
        .create(T0, Some(f.meta.id), |meta| SocialProject {
            meta,
            title: I18nText::new("Салауатты өмір салты", "ЗОЖ", "Healthy lifestyle"),
            organisation: I18nText::new("«Нығмет нұры»", "«Нығмет нұры»", "Nygmet Nury"),
            period_start: NaiveDate::from_ymd_opt(2025, 3, 1).expect("d"),
            period_end: NaiveDate::from_ymd_opt(2025, 10, 31).expect("d"),
            targets: vec![Target {
                id: new_id(),
                metric: I18nText::new("кездесу", "встречи", "meetings"),
                unit: I18nText::default(),
                planned: 10,
                done: 4,
                deadline: None,
            }],
        })
        .expect("project");
    repo.write(&pr, &c).await.expect("project");
    let (su, c) = w
        .create(T0, Some(f.meta.id), |meta| SignUp {
            meta,
            session: s.meta.id,
            name: "Дана Серікқызы".into(),
            participant: Some(p.meta.id),
            contact: Some("+77001234567".into()),
            cancelled: true,
        })
        .expect("sign-up");
    repo.write(&su, &c).await.expect("sign-up");

    assert_eq!(repo.get::<Forum>(f.meta.id).await.expect("get"), Some(f));
    assert_eq!(repo.get::<Session>(s.meta.id).await.expect("get"), Some(s));
    assert_eq!(
        repo.get::<Participant>(p.meta.id).await.expect("get"),
        Some(p)
    );
    assert_eq!(
        repo.get::<CheckIn>(ci.meta.id).await.expect("get"),
        Some(ci)
    );
    assert_eq!(repo.get::<HourLog>(h.meta.id).await.expect("get"), Some(h));
    assert_eq!(
        repo.get::<SocialProject>(pr.meta.id).await.expect("get"),
        Some(pr)
    );
    assert_eq!(repo.get::<SignUp>(su.meta.id).await.expect("get"), Some(su));
}

pub async fn get_of_a_missing_id_is_none<R: Repository>(repo: &R) {
    assert_eq!(repo.get::<Participant>(new_id()).await.expect("get"), None);
    assert!(repo.list_forums().await.expect("list").is_empty());
    assert!(repo.outbox().await.expect("outbox").is_empty());
}

pub async fn lists_are_per_forum_and_skip_tombstones<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f1, c) = forum(&mut w);
    repo.write(&f1, &c).await.expect("f1");
    let (f2, c) = forum(&mut w);
    repo.write(&f2, &c).await.expect("f2");
    let mut ids = vec![];
    for n in 0..3 {
        let (p, c) = participant(&mut w, f1.meta.id, n);
        ids.push(p.meta.id);
        repo.write(&p, &c).await.expect("p");
    }
    let (other, c) = participant(&mut w, f2.meta.id, 9);
    repo.write(&other, &c).await.expect("other");

    let first = repo
        .get::<Participant>(ids[0])
        .await
        .expect("get")
        .expect("stored");
    let (gone, c) = w.delete(T0 + 100, &first).expect("delete");
    repo.write(&gone, &c).await.expect("tombstone");

    let listed: Vec<Uuid> = repo
        .list_by_forum::<Participant>(f1.meta.id)
        .await
        .expect("list")
        .iter()
        .map(|p| p.meta.id)
        .collect();
    assert_eq!(
        listed,
        ids[1..].to_vec(),
        "forum 1 only, tombstone left out, id order"
    );
    assert_eq!(
        repo.count_by_forum::<Participant>(f1.meta.id)
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        repo.count_by_forum::<Participant>(f2.meta.id)
            .await
            .expect("count"),
        1
    );
    let kept = repo
        .get::<Participant>(ids[0])
        .await
        .expect("get")
        .expect("tombstone kept");
    assert!(kept.meta.deleted);

    let (f2_gone, c) = w.delete(T0 + 200, &f2).expect("delete forum");
    repo.write(&f2_gone, &c).await.expect("tombstone");
    let forums: Vec<Uuid> = repo
        .list_forums()
        .await
        .expect("forums")
        .iter()
        .map(|f| f.meta.id)
        .collect();
    assert_eq!(forums, vec![f1.meta.id]);
}

pub async fn every_write_queues_its_change<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c1) = forum(&mut w);
    repo.write(&f, &c1).await.expect("forum");
    let (p, c2) = participant(&mut w, f.meta.id, 1);
    repo.write(&p, &c2).await.expect("p");
    let outbox = repo.outbox().await.expect("outbox");
    assert_eq!(outbox, vec![c1.clone(), c2.clone()], "oldest first");
    assert_eq!(outbox[1].record::<Participant>().expect("payload"), p);
    repo.remove_from_outbox(&[c1.id]).await.expect("remove");
    assert_eq!(repo.outbox().await.expect("outbox"), vec![c2]);
}

/// Acknowledged changes leave the outbox, whatever their pattern: a run of neighbours,
/// every other one (the ones between must stay), ids no longer there, the rest.
pub async fn acknowledged_changes_leave_the_outbox_and_only_they<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let mut changes = vec![c];
    for i in 1..=9 {
        let (p, c) = participant(&mut w, f.meta.id, i);
        repo.write(&p, &c).await.expect("p");
        changes.push(c);
    }
    let ids: Vec<Uuid> = changes.iter().map(|c| c.id).collect();
    async fn left<R: Repository>(repo: &R) -> Vec<Uuid> {
        repo.outbox()
            .await
            .expect("outbox")
            .iter()
            .map(|c| c.id)
            .collect()
    }
    // A run of neighbours: 1, 2, 3.
    repo.remove_from_outbox(&ids[1..4]).await.expect("run");
    let mut expect: Vec<Uuid> = [&ids[..1], &ids[4..]].concat();
    assert_eq!(left(repo).await, expect);
    // Every other one of the rest (4, 6, 8): 5, 7 between them stay.
    repo.remove_from_outbox(&[ids[4], ids[6], ids[8]])
        .await
        .expect("every other");
    expect.retain(|id| ![ids[4], ids[6], ids[8]].contains(id));
    assert_eq!(left(repo).await, expect);
    // Ids already gone (4, 6) with one still there (7): 5, between them, stays.
    repo.remove_from_outbox(&[ids[4], ids[6], ids[7]])
        .await
        .expect("again");
    expect.retain(|id| *id != ids[7]);
    assert_eq!(left(repo).await, expect, "5 stays");
    repo.remove_from_outbox(&expect).await.expect("the rest");
    assert!(left(repo).await.is_empty());
    repo.remove_from_outbox(&[]).await.expect("nothing");
}

pub async fn failed_outbox_write_rolls_back_the_record<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let (p, mut clash) = participant(&mut w, f.meta.id, 1);
    clash.id = c.id; // the outbox already holds this change id: the second write fails
    let err = repo.write(&p, &clash).await.expect_err("must fail");
    assert!(matches!(err, RepoError::Conflict(_)), "got {err:?}");
    assert_eq!(
        repo.get::<Participant>(p.meta.id).await.expect("get"),
        None,
        "record rolled back"
    );
    assert_eq!(repo.outbox().await.expect("outbox"), vec![c]);

    // An edit whose outbox write fails leaves the stored version as it was.
    let (p, c2) = participant(&mut w, f.meta.id, 2);
    repo.write(&p, &c2).await.expect("p");
    let (edited, mut clash) = w
        .edit(T0 + 50, &p, |p| p.full_name = "Өзгерген".into())
        .expect("edit")
        .expect("changed");
    clash.id = c2.id;
    assert!(repo.write(&edited, &clash).await.is_err());
    assert_eq!(
        repo.get::<Participant>(p.meta.id).await.expect("get"),
        Some(p)
    );
}

pub async fn failed_batch_writes_nothing<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let mut batch: Vec<(AnyRecord, Change)> = (0..50)
        .map(|n| {
            let (p, c) = participant(&mut w, f.meta.id, n);
            (p.into(), c)
        })
        .collect();
    batch.last_mut().expect("last").1.id = c.id;
    assert!(repo.write_batch(&batch).await.is_err());
    assert_eq!(
        repo.count_by_forum::<Participant>(f.meta.id)
            .await
            .expect("count"),
        0
    );
    assert_eq!(repo.outbox().await.expect("outbox").len(), 1);
}

pub async fn batch_writes_everything<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c) = forum(&mut w);
    let mut batch: Vec<(AnyRecord, Change)> = vec![(f.clone().into(), c)];
    batch.extend((0..1000).map(|n| {
        let (p, c) = participant(&mut w, f.meta.id, n);
        (p.into(), c)
    }));
    repo.write_batch(&batch).await.expect("batch");
    let listed = repo
        .list_by_forum::<Participant>(f.meta.id)
        .await
        .expect("list");
    assert_eq!(listed.len(), 1000);
    assert!(listed.windows(2).all(|w| w[0].meta.id < w[1].meta.id));
    assert_eq!(listed[999].full_name, "Қатысушы 999");
    assert_eq!(repo.outbox().await.expect("outbox").len(), 1001);
    assert_eq!(repo.list_forums().await.expect("forums"), vec![f]);
}

pub async fn edits_overwrite_and_queue_again<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let (p, c) = participant(&mut w, f.meta.id, 1);
    repo.write(&p, &c).await.expect("p");
    let (edited, c2) = w
        .edit(T0 + 60, &p, |p| p.organisation = "Достық үйі".into())
        .expect("edit")
        .expect("changed");
    repo.write(&edited, &c2).await.expect("edit");
    let stored = repo
        .get::<Participant>(p.meta.id)
        .await
        .expect("get")
        .expect("stored");
    assert_eq!(stored.organisation, "Достық үйі");
    assert!(stored.meta.hlc > p.meta.hlc);
    assert_eq!(repo.outbox().await.expect("outbox").len(), 3);
    assert_eq!(c2.fields, vec!["organisation".to_string()]);
}

pub async fn finds_participants_by_badge<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let (g, c) = forum(&mut w);
    repo.write(&g, &c).await.expect("forum");
    let (p, c) = participant(&mut w, f.meta.id, 7);
    repo.write(&p, &c).await.expect("p");
    let (q, c) = participant(&mut w, g.meta.id, 7); // same code, other forum
    repo.write(&q, &c).await.expect("q");
    let found = repo
        .participant_by_badge(f.meta.id, "B0000007")
        .await
        .expect("find");
    assert_eq!(found, Some(p));
    let found = repo
        .participant_by_badge(g.meta.id, "B0000007")
        .await
        .expect("find");
    assert_eq!(found, Some(q));
    assert_eq!(
        repo.participant_by_badge(f.meta.id, "NOPE")
            .await
            .expect("find"),
        None
    );
}

pub async fn checkins_come_back_in_stamp_order<R: Repository>(repo: &R) {
    let mut w = writer();
    let mut other_desk = Writer::new(HlcClock::new(DeviceId::new("desk-2").expect("id")));
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let (p, c) = participant(&mut w, f.meta.id, 1);
    repo.write(&p, &c).await.expect("p");
    let (a, ca) = checkin(&mut w, &p, T0 + 1_000, CheckInAction::CheckIn);
    let (b, cb) = checkin(&mut w, &p, T0 + 2_000, CheckInAction::Undo);
    let (d, cd) = checkin(&mut other_desk, &p, T0 + 3_000, CheckInAction::CheckIn);
    // Written out of order, as a sync would.
    repo.write(&d, &cd).await.expect("d");
    repo.write(&a, &ca).await.expect("a");
    repo.write(&b, &cb).await.expect("b");
    let events = repo.checkins_of(p.meta.id).await.expect("events");
    assert_eq!(events, vec![a, b, d]);
    assert!(is_checked_in(&events));
    assert!(!is_checked_in(&events[..2]));
}

pub async fn settings_round_trip<R: Repository>(repo: &R) {
    assert_eq!(repo.setting("lang").await.expect("get"), None);
    repo.set_setting("lang", "ru").await.expect("set");
    repo.set_setting("lang", "en").await.expect("set");
    repo.set_setting("desk", "Кіреберіс 1").await.expect("set");
    assert_eq!(
        repo.setting("lang").await.expect("get").as_deref(),
        Some("en")
    );
    assert_eq!(
        repo.setting("desk").await.expect("get").as_deref(),
        Some("Кіреберіс 1")
    );
}

pub async fn export_is_a_snapshot_with_tombstones<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f1, c) = forum(&mut w);
    repo.write(&f1, &c).await.expect("f1");
    let (f2, c) = forum(&mut w);
    repo.write(&f2, &c).await.expect("f2");
    let (p1, c) = participant(&mut w, f1.meta.id, 1);
    repo.write(&p1, &c).await.expect("p1");
    let (gone, c) = w.delete(T0 + 5, &p1).expect("delete");
    repo.write(&gone, &c).await.expect("tombstone");
    let (p2, c) = participant(&mut w, f2.meta.id, 2);
    repo.write(&p2, &c).await.expect("p2");
    let (ci, c) = checkin(&mut w, &p2, T0 + 9, CheckInAction::CheckIn);
    repo.write(&ci, &c).await.expect("check-in");

    let all = repo.export(None).await.expect("export");
    assert_eq!(all.len(), 5);
    assert!(
        all.contains(&AnyRecord::from(gone.clone())),
        "tombstones are exported"
    );
    assert!(matches!(all[0], AnyRecord::Forum(_)), "forums first");
    let one = repo.export(Some(f1.meta.id)).await.expect("export one");
    assert_eq!(one, vec![AnyRecord::from(f1), AnyRecord::from(gone)]);
}

pub async fn merge_in_twice_adds_once<R: Repository>(repo: &R) {
    let mut w = writer();
    let (f, _) = forum(&mut w);
    let mut records = vec![AnyRecord::from(f.clone())];
    records.extend((0..20).map(|n| AnyRecord::from(participant(&mut w, f.meta.id, n).0)));
    let first = repo.merge_in(&records, true).await.expect("merge");
    assert_eq!(
        first,
        MergeReport {
            added: 21,
            updated: 0,
            unchanged: 0
        }
    );
    assert_eq!(
        repo.outbox().await.expect("outbox").len(),
        21,
        "restored records are queued for sync"
    );
    let again = repo.merge_in(&records, true).await.expect("merge again");
    assert_eq!(
        again,
        MergeReport {
            added: 0,
            updated: 0,
            unchanged: 21
        }
    );
    assert_eq!(
        repo.outbox().await.expect("outbox").len(),
        21,
        "nothing new to send"
    );
    assert_eq!(
        repo.count_by_forum::<Participant>(f.meta.id)
            .await
            .expect("count"),
        20
    );
    assert_eq!(repo.export(None).await.expect("export"), records);
}

pub async fn merge_in_merges_per_field_with_what_is_stored<R: Repository>(repo: &R) {
    let mut here = writer();
    let mut there = Writer::new(HlcClock::new(DeviceId::new("other-desk").expect("id")));
    let (f, c) = forum(&mut here);
    repo.write(&f, &c).await.expect("forum");
    let (p, c) = participant(&mut here, f.meta.id, 1);
    repo.write(&p, &c).await.expect("p");
    let (local, c) = here
        .edit(T0 + 100, &p, |p| p.organisation = "Жергілікті".into())
        .expect("edit")
        .expect("changed");
    repo.write(&local, &c).await.expect("local edit");
    let (remote, _) = there
        .edit(T0 + 200, &p, |p| p.district = "Бурабай".into())
        .expect("edit")
        .expect("changed");

    let report = repo
        .merge_in(&[AnyRecord::from(remote)], false)
        .await
        .expect("merge");
    assert_eq!(
        report,
        MergeReport {
            added: 0,
            updated: 1,
            unchanged: 0
        }
    );
    let stored = repo
        .get::<Participant>(p.meta.id)
        .await
        .expect("get")
        .expect("stored");
    assert_eq!(stored.organisation, "Жергілікті", "the local edit stays");
    assert_eq!(stored.district, "Бурабай", "the remote edit arrives");
    assert_eq!(
        repo.outbox().await.expect("outbox").len(),
        3,
        "queue = false adds nothing"
    );

    let old = repo
        .merge_in(&[AnyRecord::from(p)], false)
        .await
        .expect("merge old");
    assert_eq!(old.unchanged, 1, "an older version changes nothing");
}

pub async fn forum_counts_follow_the_rules<R: Repository>(repo: &R) {
    let mut w = writer();
    let mut desk_2 = Writer::new(HlcClock::new(DeviceId::new("desk-2").expect("id")));
    let (f1, c) = forum(&mut w);
    repo.write(&f1, &c).await.expect("f1");
    let (f2, c) = forum(&mut w);
    repo.write(&f2, &c).await.expect("f2");
    assert_eq!(
        repo.forum_counts(f1.meta.id).await.expect("counts"),
        ForumCounts::default(),
        "an empty forum"
    );
    let mut people = vec![];
    for (n, delegation) in ["Орынбор", "Татарстан", "Татарстан", "Самара"]
        .into_iter()
        .enumerate()
    {
        let (template, _) = participant(&mut w, f1.meta.id, n);
        let (p, c) = w
            .create(T0 + n as u64, Some(f1.meta.id), |meta| Participant {
                meta,
                delegation: Some(delegation.into()),
                ..template
            })
            .expect("valid participant");
        repo.write(&p, &c).await.expect("p");
        people.push(p);
    }
    let (stranger, c) = participant(&mut w, f2.meta.id, 9);
    repo.write(&stranger, &c).await.expect("other forum");
    let mut events = vec![
        // p0 is checked in, then deleted: neither counts.
        checkin(&mut w, &people[0], T0 + 1_000, CheckInAction::CheckIn),
        // p1 checked in, then undone: out.
        checkin(&mut w, &people[1], T0 + 1_000, CheckInAction::CheckIn),
        checkin(&mut w, &people[1], T0 + 2_000, CheckInAction::Undo),
        // p2 checked in at two desks: in, once.
        checkin(&mut w, &people[2], T0 + 1_000, CheckInAction::CheckIn),
        checkin(&mut desk_2, &people[2], T0 + 1_500, CheckInAction::CheckIn),
        // p3 checked in, undone, and the undo deleted: in.
        checkin(&mut desk_2, &people[3], T0 + 1_000, CheckInAction::CheckIn),
        // The stranger's check-in belongs to the other forum.
        checkin(&mut w, &stranger, T0 + 1_000, CheckInAction::CheckIn),
    ];
    let (undo, c) = checkin(&mut w, &people[3], T0 + 2_000, CheckInAction::Undo);
    repo.write(&undo, &c).await.expect("undo");
    let (undo_gone, c) = w.delete(T0 + 3_000, &undo).expect("delete undo");
    events.push((undo_gone, c));
    for (e, c) in &events {
        repo.write(e, c).await.expect("event");
    }
    let (gone, c) = w.delete(T0 + 4_000, &people[0]).expect("delete p0");
    repo.write(&gone, &c).await.expect("tombstone");

    let want = ForumCounts {
        participants: 3,
        checked_in: 2,
        delegations: 2,
    };
    assert_eq!(repo.forum_counts(f1.meta.id).await.expect("counts"), want);
    let live = repo
        .list_by_forum::<Participant>(f1.meta.id)
        .await
        .expect("p");
    let live_events = repo.list_by_forum::<CheckIn>(f1.meta.id).await.expect("e");
    assert_eq!(ForumCounts::of(&live, &live_events), want, "from records");
    assert_eq!(
        repo.forum_counts(f2.meta.id).await.expect("counts"),
        ForumCounts {
            participants: 1,
            checked_in: 1,
            delegations: 1
        }
    );
}

fn sign_up(w: &mut Writer, at: u64, forum: Uuid, session: Uuid, name: &str) -> (SignUp, Change) {
    w.create(at, Some(forum), |meta| SignUp {
        meta,
        session,
        name: name.into(),
        participant: None,
        contact: None,
        cancelled: false,
    })
    .expect("valid sign-up")
}

pub async fn signups_of_a_session_come_in_creation_order<R: Repository>(repo: &R) {
    let device = |name: &str| Writer::new(HlcClock::new(DeviceId::new(name).expect("id")));
    let mut w = writer();
    let (f, c) = forum(&mut w);
    repo.write(&f, &c).await.expect("forum");
    let (forum_id, s1, s2) = (f.meta.id, new_id(), new_id());
    // Made in the reverse of their stamp order, so id order (UUID v7: time of making)
    // and stamp order disagree; the stamps must decide.
    let (latest, c_latest) = sign_up(&mut device("phone-a"), T0 + 3_000, forum_id, s1, "Әлия");
    let mut phone_b = device("phone-b");
    let (second, c_second) = sign_up(&mut phone_b, T0 + 2_000, forum_id, s1, "Бауыржан");
    let (cancelled, c_cancelled) = phone_b
        .edit(T0 + 4_000, &second, |s| s.cancelled = true)
        .expect("edit")
        .expect("changed");
    let (gone, c_gone) = sign_up(&mut device("phone-c"), T0 + 1_500, forum_id, s1, "Гүлназ");
    let (gone_dead, c_gone_dead) = device("phone-c").delete(T0 + 5_000, &gone).expect("delete");
    let (tie_b, c_tie_b) = sign_up(&mut device("phone-b"), T0 + 1_000, forum_id, s1, "Дәурен");
    // Same wall time and counter as `tie_b`: the device id settles it (desk-a < phone-b).
    let (tie_a, c_tie_a) = sign_up(&mut device("desk-a"), T0 + 1_000, forum_id, s1, "Еркін");
    let (other, c_other) = sign_up(&mut device("phone-d"), T0 + 500, forum_id, s2, "Жанна");

    // Written out of order, as a sync would.
    repo.write(&latest, &c_latest).await.expect("latest");
    repo.write(&other, &c_other).await.expect("other session");
    repo.write(&gone, &c_gone).await.expect("gone");
    repo.write(&tie_a, &c_tie_a).await.expect("tie a");
    repo.write(&second, &c_second).await.expect("second");
    repo.write(&gone_dead, &c_gone_dead)
        .await
        .expect("tombstone");
    repo.write(&cancelled, &c_cancelled).await.expect("cancel");
    repo.write(&tie_b, &c_tie_b).await.expect("tie b");

    let listed = repo.signups_of(s1).await.expect("signups");
    assert_eq!(
        listed,
        vec![
            tie_a.clone(),
            tie_b.clone(),
            cancelled.clone(),
            latest.clone()
        ],
        "session 1 only, creation stamp order, the cancelled one in its latest version, \
         the tombstone left out"
    );
    assert_eq!(repo.signups_of(s2).await.expect("signups"), vec![other]);
    assert!(repo.signups_of(new_id()).await.expect("none").is_empty());
    assert_eq!(
        repo.get::<SignUp>(gone.meta.id)
            .await
            .expect("get")
            .map(|s| s.meta.deleted),
        Some(true),
        "the tombstone is kept"
    );
    assert_eq!(
        repo.list_by_forum::<SignUp>(forum_id)
            .await
            .expect("by forum")
            .len(),
        5,
        "both sessions, the tombstone left out"
    );

    let r = crate::signup::roster(Some(2), &listed);
    assert_eq!(r.confirmed, vec![&tie_a, &tie_b]);
    assert_eq!(r.waitlist, vec![&latest]);
    assert_eq!(r.cancelled, vec![&cancelled]);
}
