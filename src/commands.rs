//! What the UI can ask for: reads and named writes. Pages call these and never the
//! store; each write goes through `jiyn-core` and the store's atomic record + outbox
//! write, then bumps the revision so reads refresh.

use crate::browser;
use crate::state::AppState;
use crate::store::IdbRepo;
use jiyn_core::backup::{self, BackupBody, BackupError};
use jiyn_core::demo::DEMO_FILE;
use jiyn_core::Lang;
use jiyn_core::MergeReport;
use jiyn_core::{
    AnyRecord, CheckIn, CheckInAction, DeviceId, Forum, ForumCounts, HlcClock, Participant,
    RepoError, Repository, Session, SocialProject, Writer,
};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Settings key of this device's id.
pub const DEVICE_ID_KEY: &str = "device_id";

/// Opens the app database and this device's writer (creating the device id once).
pub async fn open_app_db(name: &str) -> Result<(IdbRepo, Writer), RepoError> {
    let repo = IdbRepo::open(name).await?;
    let device = match repo
        .setting(DEVICE_ID_KEY)
        .await?
        .and_then(|d| DeviceId::new(d).ok())
    {
        Some(d) => d,
        None => {
            let d = DeviceId::random();
            repo.set_setting(DEVICE_ID_KEY, d.as_str()).await?;
            d
        }
    };
    let mut writer = Writer::new(HlcClock::new(device));
    if let Some(seen) = clock_seen(&repo).await? {
        writer.clock_mut().observe(&seen, browser::now_ms());
    }
    Ok((repo, writer))
}

/// Settings key of the latest clock stamp this device has merged from elsewhere (sync,
/// a restored backup), so a reload or another tab stamps its next edit after it: a
/// desk whose clock runs fast must not win over edits made after its own were seen.
pub const CLOCK_SEEN_KEY: &str = "clock.seen";

async fn clock_seen(repo: &IdbRepo) -> Result<Option<jiyn_core::Hlc>, RepoError> {
    Ok(repo
        .setting(CLOCK_SEEN_KEY)
        .await?
        .and_then(|s| s.parse::<jiyn_core::Hlc>().ok()))
}

/// Keeps the latest merged stamp, never moving it back, even when several tabs merge
/// at once (the read and the write are one transaction).
pub async fn remember_clock_seen(state: AppState, seen: jiyn_core::Hlc) -> Result<(), RepoError> {
    raise_clock_seen(&state.repo(), &seen).await.map(|_| ())
}

/// Writes `seen` as the device's `clock.seen` unless a later stamp is kept already.
pub async fn raise_clock_seen(repo: &IdbRepo, seen: &jiyn_core::Hlc) -> Result<bool, RepoError> {
    repo.update_setting(CLOCK_SEEN_KEY, &seen.to_string(), |kept| {
        kept.and_then(|k| k.parse::<jiyn_core::Hlc>().ok())
            .is_none_or(|kept| kept < *seen)
    })
    .await
}

/// Moves this tab's clock past what another tab merged (it told us on the channel).
pub async fn catch_up_clock(state: AppState) -> Result<(), RepoError> {
    if let Some(seen) = clock_seen(&state.repo()).await? {
        state
            .writer()
            .borrow_mut()
            .clock_mut()
            .observe(&seen, browser::now_ms());
    }
    Ok(())
}

/// Every forum on this device, the latest first.
pub async fn forums(state: AppState) -> Result<Vec<Forum>, RepoError> {
    let mut forums = state.repo().list_forums().await?;
    forums.sort_by(|a, b| {
        b.starts_on
            .cmp(&a.starts_on)
            .then(a.meta.id.cmp(&b.meta.id))
    });
    Ok(forums)
}

/// Loads the demo forums: the demo is a backup file served with the app
/// (`demo.jiyn.json`, made at build time from `seeds/`), restored all or nothing. Demo
/// records are the same on every device, so they are not queued for sync.
pub async fn load_demo(state: AppState) -> Result<(), RepoError> {
    let text = browser::fetch_own_file(&format!("/{}", DEMO_FILE))
        .await
        .map_err(RepoError::Backend)?;
    let body = backup::decode(&text).map_err(|e| RepoError::Backend(e.to_string()))?;
    state.repo().merge_in(&body.records, false).await?;
    state.bump();
    // Now there is data worth keeping: ask the browser not to evict it. The answer
    // is shown in the settings; a refusal changes nothing here.
    let _ = browser::request_persistence().await;
    Ok(())
}

/// What the forum home shows first: the forum, its programme and projects. Its figures
/// come separately ([`forum_counts`]): with thousands of participants they take longer,
/// and the page is usable without them.
#[derive(Clone, Debug, PartialEq)]
pub struct ForumOverview {
    pub forum: Forum,
    pub sessions: Vec<Session>,
    pub projects: Vec<SocialProject>,
}

/// A forum's headline figures (participants, checked in, delegations).
pub async fn forum_counts(state: AppState, forum: Uuid) -> Result<ForumCounts, RepoError> {
    state.repo().forum_counts(forum).await
}

pub async fn forum_overview(state: AppState, id: Uuid) -> Result<Option<ForumOverview>, RepoError> {
    let repo = state.repo();
    let Some(forum) = live_forum(state, id).await? else {
        return Ok(None);
    };
    let mut sessions = repo.list_by_forum::<Session>(id).await?;
    sessions.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then(a.meta.id.cmp(&b.meta.id))
    });
    Ok(Some(ForumOverview {
        projects: repo.list_by_forum::<SocialProject>(id).await?,
        sessions,
        forum,
    }))
}

/// Why a restore did not happen; in every case nothing was stored.
#[derive(Clone, Debug, PartialEq)]
pub enum RestoreError {
    /// The file is not a backup this app can read.
    File(BackupError),
    /// The file could not be read at all.
    Read(String),
    /// Storage refused the write.
    Store(RepoError),
}

/// The steps of a restore, for the progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestorePhase {
    Reading,
    Checking,
    Writing,
}

/// A backup file's name and text, and how many records it holds.
pub async fn export_backup(
    state: AppState,
    forum: Option<Uuid>,
) -> Result<(String, String, usize), RepoError> {
    let records = state.repo().export(forum).await?;
    let now_ms = browser::now_ms();
    let created_at = chrono::DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    let count = records.len();
    let body = BackupBody {
        created_at,
        device: state.writer().borrow().clock().device().to_string(),
        forum,
        records,
    };
    let text = backup::encode(&body).map_err(|e| RepoError::Backend(e.to_string()))?;
    let scope = forum
        .map(|f| f.simple().to_string()[..8].to_string())
        .unwrap_or_else(|| "all".into());
    let name = format!(
        "jiyn-{}-{scope}.{}",
        stamp_for_file_name(created_at),
        backup::BACKUP_EXTENSION
    );
    Ok((name, text, count))
}

/// Reads, checks and merges a backup file into this device's data, all or nothing.
pub async fn restore_backup(
    state: AppState,
    file: web_sys::File,
    on_phase: impl Fn(RestorePhase),
) -> Result<MergeReport, RestoreError> {
    on_phase(RestorePhase::Reading);
    browser::yield_to_browser().await;
    let text = browser::read_file_text(&file)
        .await
        .map_err(RestoreError::Read)?;
    on_phase(RestorePhase::Checking);
    browser::yield_to_browser().await;
    let body = backup::decode(&text).map_err(RestoreError::File)?;
    on_phase(RestorePhase::Writing);
    browser::yield_to_browser().await;
    let report = state
        .repo()
        .merge_in(&body.records, true)
        .await
        .map_err(RestoreError::Store)?;
    crate::sync::observe(state, &body.records);
    state.bump();
    Ok(report)
}

/// Persistence and space, as the browser reports them.
pub async fn storage_status() -> Result<browser::StorageStatus, String> {
    browser::storage_status().await
}

/// Asks the browser to keep the data; true when granted.
pub async fn ask_persistence() -> Result<bool, String> {
    browser::request_persistence().await
}

/// `2025-11-11-0930`, for file names.
fn stamp_for_file_name(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}-{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// Settings key of a forum's personal plan on this device.
fn plan_key(forum: Uuid) -> String {
    format!("plan:{forum}")
}

/// The sessions bookmarked on this device for one forum (the personal plan). The plan
/// is the device's own: it lives in the settings store and is never synced.
pub async fn load_plan(state: AppState, forum: Uuid) -> Result<BTreeSet<Uuid>, RepoError> {
    Ok(state
        .repo()
        .setting(&plan_key(forum))
        .await?
        .map(|text| {
            text.split(',')
                .filter_map(|id| id.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default())
}

/// Stores the personal plan of one forum.
pub async fn save_plan(
    state: AppState,
    forum: Uuid,
    plan: &BTreeSet<Uuid>,
) -> Result<(), RepoError> {
    let text: Vec<String> = plan.iter().map(Uuid::to_string).collect();
    state
        .repo()
        .set_setting(&plan_key(forum), &text.join(","))
        .await
}

/// A calendar file of some sessions of a forum, in `lang`: its name and text.
pub fn calendar_file(
    forum: &Forum,
    sessions: &[&Session],
    lang: Lang,
    name: &str,
) -> Result<(String, String), jiyn_core::ical::IcalError> {
    let now = chrono::DateTime::from_timestamp_millis(browser::now_ms() as i64).unwrap_or_default();
    let kind_label = move |k| crate::i18n::kind_msg(k).text(lang).to_string();
    let opts = jiyn_core::ical::IcalOptions {
        name: Some(name),
        kind_label: Some(&kind_label),
        speakers_label: Some(crate::i18n::Msg::Speakers.text(lang)),
        ..jiyn_core::ical::IcalOptions::new(lang, now)
    };
    let text = jiyn_core::ical::calendar(forum, sessions.iter().copied(), &opts)?;
    Ok((format!("{}.ics", file_stem(name)), text))
}

/// A file name made of `text`: letters and digits kept (any script), the rest `-`.
pub fn file_stem(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "jiyn".into()
    } else {
        out
    }
}

/// Offers the public agenda feed (`agenda.json`) of a forum for download.
pub fn export_feed(forum: &Forum, sessions: &[Session]) -> Result<(), String> {
    let now = chrono::DateTime::from_timestamp_millis(browser::now_ms() as i64).unwrap_or_default();
    let feed = jiyn_core::feed::build(forum, sessions, now).map_err(|e| e.to_string())?;
    let text = jiyn_core::feed::encode(&feed).map_err(|e| e.to_string())?;
    browser::download_text("agenda.json", "application/json", &text)
}

/// Offers the programme as a frab / pretalx `schedule.json` for download, in the
/// current language.
pub fn export_schedule(forum: &Forum, sessions: &[Session], lang: Lang) -> Result<(), String> {
    let kind_label = move |k| crate::i18n::kind_msg(k).text(lang).to_string();
    let opts = jiyn_core::schedule_json::ExportOptions {
        kind_label: Some(&kind_label),
        ..jiyn_core::schedule_json::ExportOptions::new(lang)
    };
    let text =
        jiyn_core::schedule_json::export(forum, sessions, &opts).map_err(|e| e.to_string())?;
    let name = format!("{}-schedule.json", file_stem(forum.title.get(lang).0));
    browser::download_text(&name, "application/json", &text)
}

/// What importing a schedule did.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleImport {
    pub forum: Uuid,
    pub sessions: usize,
    pub warnings: Vec<jiyn_core::schedule_json::ImportWarning>,
}

/// Why importing a schedule did not happen; nothing was stored in either case.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    Read(String),
    File(jiyn_core::schedule_json::ScheduleError),
    Store(RepoError),
}

/// Imports a frab / pretalx `schedule.json` file as a new forum with its sessions, in
/// one atomic write (all or nothing).
pub async fn import_schedule(
    state: AppState,
    file: web_sys::File,
) -> Result<ScheduleImport, ImportError> {
    let text = browser::read_file_text(&file)
        .await
        .map_err(ImportError::Read)?;
    let lang = leptos::prelude::GetUntracked::get_untracked(&state.lang);
    let opts = jiyn_core::schedule_json::ImportOptions {
        lang,
        time_zone: None,
    };
    let imported = {
        let writer = state.writer();
        let mut writer = writer.borrow_mut();
        jiyn_core::schedule_json::import(&text, &mut writer, browser::now_ms(), &opts)
            .map_err(ImportError::File)?
    };
    let forum = imported.forum.meta.id;
    let sessions = imported.sessions.len();
    let warnings = imported.warnings.clone();
    state
        .repo()
        .write_batch(&imported.into_batch())
        .await
        .map_err(ImportError::Store)?;
    state.bump();
    Ok(ScheduleImport {
        forum,
        sessions,
        warnings,
    })
}

/// Why an organizer's edit was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The draft breaks a rule (shown next to its field); nothing was stored.
    Invalid(jiyn_core::ValidationError),
    /// Storage refused the write; nothing was stored.
    Store(RepoError),
}

impl From<jiyn_core::change::WriteError> for SaveError {
    fn from(e: jiyn_core::change::WriteError) -> Self {
        match e {
            jiyn_core::change::WriteError::Invalid(v) => SaveError::Invalid(v),
            other => SaveError::Store(RepoError::Backend(other.to_string())),
        }
    }
}

/// Stores a record made or edited by the organizer: `before` is the stored version, or
/// `None` for a new record (of `forum`). Returns the stored record (unchanged when the
/// draft changes nothing).
pub async fn save_record<T: jiyn_core::Record>(
    state: AppState,
    forum: Option<Uuid>,
    before: Option<&T>,
    draft: T,
) -> Result<T, SaveError> {
    let now = browser::now_ms();
    let made = {
        let writer = state.writer();
        let mut writer = writer.borrow_mut();
        match before {
            None => Some(writer.create(now, forum, |meta| {
                let mut record = draft;
                *record.meta_mut() = meta;
                record
            })?),
            Some(before) => writer.edit(now, before, |record| *record = draft)?,
        }
    };
    let Some((record, change)) = made else {
        return Ok(before
            .cloned()
            .expect("an unchanged edit has a stored version"));
    };
    state
        .repo()
        .write(&record, &change)
        .await
        .map_err(SaveError::Store)?;
    state.bump();
    Ok(record)
}

/// Deletes a record (a tombstone, so the deletion syncs); returns the tombstone, which
/// [`restore_record`] can undo.
pub async fn delete_record<T: jiyn_core::Record>(
    state: AppState,
    record: &T,
) -> Result<T, SaveError> {
    let (gone, change) = state
        .writer()
        .borrow_mut()
        .delete(browser::now_ms(), record)?;
    state
        .repo()
        .write(&gone, &change)
        .await
        .map_err(SaveError::Store)?;
    state.bump();
    Ok(gone)
}

/// Undoes a deletion.
pub async fn restore_record<T: jiyn_core::Record>(
    state: AppState,
    tombstone: &T,
) -> Result<T, SaveError> {
    let (back, change) = state
        .writer()
        .borrow_mut()
        .restore(browser::now_ms(), tombstone)?;
    state
        .repo()
        .write(&back, &change)
        .await
        .map_err(SaveError::Store)?;
    state.bump();
    Ok(back)
}

/// The sign-ups of a session (cancelled ones included) and which of them this device has
/// not yet sent (their change is still in the outbox).
pub async fn session_signups(
    state: AppState,
    session: Uuid,
) -> Result<(Vec<jiyn_core::SignUp>, std::collections::HashSet<Uuid>), RepoError> {
    let repo = state.repo();
    let signups = repo.signups_of(session).await?;
    let outbox = repo.outbox().await?;
    Ok((signups, jiyn_core::signup::pending(&outbox)))
}

/// This device's id (the device part of its clock stamps).
pub fn device_id(state: AppState) -> String {
    state.writer().borrow().clock().device().to_string()
}

/// Signs someone up for a capacity-limited session (a place, or the waitlist when it is
/// full: the roster decides, the same on every device).
pub async fn sign_up(
    state: AppState,
    session: &Session,
    name: &str,
    contact: &str,
) -> Result<jiyn_core::SignUp, SaveError> {
    let contact = contact.trim();
    let draft = jiyn_core::SignUp {
        meta: session.meta.clone(),
        session: session.meta.id,
        name: name.trim().to_string(),
        participant: None,
        contact: (!contact.is_empty()).then(|| contact.to_string()),
        cancelled: false,
    };
    save_record(state, Some(session.meta.forum), None, draft).await
}

/// Cancels a sign-up (kept, marked cancelled, so the cancellation merges everywhere).
pub async fn cancel_sign_up(
    state: AppState,
    signup: &jiyn_core::SignUp,
) -> Result<jiyn_core::SignUp, SaveError> {
    let mut draft = signup.clone();
    draft.cancelled = true;
    save_record(state, None, Some(signup), draft).await
}

/// Settings key of this device's desk name (stored in every check-in event it writes).
pub const DESK_NAME_KEY: &str = "desk_name";

/// What a forum's report is computed from: its live forum record and every record the
/// dashboard counts (deleted ones included: `jiyn_core::report` skips them itself).
pub struct ReportRecords {
    pub forum: Forum,
    pub participants: Vec<Participant>,
    pub checkins: Vec<jiyn_core::CheckIn>,
    pub hours: Vec<jiyn_core::HourLog>,
    pub projects: Vec<jiyn_core::SocialProject>,
    pub activities: Vec<jiyn_core::Activity>,
}

/// A forum's report records; `None` when the forum is unknown or deleted.
pub async fn report_records(
    state: AppState,
    forum: Uuid,
) -> Result<Option<ReportRecords>, RepoError> {
    let repo = state.repo();
    let Some(f) = live_forum(state, forum).await? else {
        return Ok(None);
    };
    Ok(Some(ReportRecords {
        forum: f,
        participants: repo.list_by_forum(forum).await?,
        checkins: repo.list_by_forum(forum).await?,
        hours: repo.list_by_forum(forum).await?,
        projects: repo.list_by_forum(forum).await?,
        activities: repo.list_by_forum(forum).await?,
    }))
}

/// The forum `id` unless it is unknown or deleted.
pub async fn live_forum(state: AppState, id: Uuid) -> Result<Option<Forum>, RepoError> {
    Ok(state
        .repo()
        .get::<Forum>(id)
        .await?
        .filter(|f| !f.meta.deleted))
}

/// A device-only setting (never synced): signing seeds, cached keys, and the like.
pub async fn device_setting(state: AppState, key: &str) -> Result<Option<String>, RepoError> {
    state.repo().setting(key).await
}

pub async fn set_device_setting(state: AppState, key: &str, value: &str) -> Result<(), RepoError> {
    state.repo().set_setting(key, value).await
}

/// A live forum's social projects and activity log, for the projects page.
pub async fn project_records(
    state: AppState,
    id: Uuid,
) -> Result<
    Option<(
        Forum,
        Vec<jiyn_core::SocialProject>,
        Vec<jiyn_core::Activity>,
    )>,
    RepoError,
> {
    let Some(forum) = live_forum(state, id).await? else {
        return Ok(None);
    };
    let repo = state.repo();
    let projects = repo.list_by_forum(id).await?;
    let activities = repo.list_by_forum(id).await?;
    Ok(Some((forum, projects, activities)))
}

/// What a volunteer's certificate is made from: the live forum, the person when they
/// are (live) in it, and the forum's hour entries.
pub struct CertificateRecords {
    pub forum: Option<Forum>,
    pub person: Option<Participant>,
    pub hours: Vec<jiyn_core::HourLog>,
}

pub async fn certificate_records(
    state: AppState,
    forum: Uuid,
    person: Uuid,
) -> Result<CertificateRecords, RepoError> {
    let repo = state.repo();
    let Some(f) = live_forum(state, forum).await? else {
        return Ok(CertificateRecords {
            forum: None,
            person: None,
            hours: Vec::new(),
        });
    };
    let person = repo
        .get::<Participant>(person)
        .await?
        .filter(|p| !p.meta.deleted && p.meta.forum == forum);
    let hours = match person {
        Some(_) => repo.list_by_forum(forum).await?,
        None => Vec::new(),
    };
    Ok(CertificateRecords {
        forum: Some(f),
        person,
        hours,
    })
}

/// Moves the rows reads found unreadable into the quarantine store; how many.
pub async fn quarantine_pending(state: AppState) -> Result<usize, RepoError> {
    state.repo().quarantine_pending().await
}

/// Whether hour entries may be decided (approved, rejected, no-show) on this device:
/// not when it syncs with a desk token, whose decisions the server refuses (the role is
/// what the server said at the last pull). A device without sync decides for itself.
pub async fn may_decide_hours(state: AppState) -> Result<bool, RepoError> {
    let repo = state.repo();
    let syncing = repo
        .setting(crate::sync::TOKEN_KEY)
        .await?
        .is_some_and(|t| !t.trim().is_empty());
    let role = repo.setting(crate::sync::ROLE_KEY).await?;
    Ok(!(syncing && role.as_deref() == Some(jiyn_core::sync::TokenRole::Desk.code())))
}

/// This device's desk name, if one was given.
pub async fn desk_name(state: AppState) -> Result<Option<String>, RepoError> {
    Ok(state
        .repo()
        .setting(DESK_NAME_KEY)
        .await?
        .filter(|n| !n.trim().is_empty()))
}

pub async fn set_desk_name(state: AppState, name: &str) -> Result<(), RepoError> {
    state.repo().set_setting(DESK_NAME_KEY, name.trim()).await
}

/// What the registration desk works from: the forum, its live people and every
/// check-in event.
#[derive(Clone)]
pub struct DeskData {
    pub forum: Forum,
    pub people: Vec<Participant>,
    pub events: Vec<CheckIn>,
}

pub async fn desk_data(
    state: AppState,
    forum: Uuid,
) -> Result<Option<std::sync::Arc<DeskData>>, RepoError> {
    let repo = state.repo();
    let Some(f) = live_forum(state, forum).await? else {
        return Ok(None);
    };
    let people = repo.list_by_forum::<Participant>(forum).await?;
    let events = repo.list_by_forum::<CheckIn>(forum).await?;
    Ok(Some(std::sync::Arc::new(DeskData {
        forum: f,
        people,
        events,
    })))
}

/// Writes check-in events (one, or a whole delegation's) in one atomic step. Does not
/// bump the revision: the desk keeps its own state, and reloading 50,000 people after
/// every tap would stall it.
pub async fn write_check_ins(
    state: AppState,
    made: Vec<(CheckIn, jiyn_core::Change)>,
) -> Result<Vec<CheckIn>, SaveError> {
    let repo = state.repo();
    match made.as_slice() {
        [] => {}
        [(event, change)] => repo.write(event, change).await.map_err(SaveError::Store)?,
        _ => {
            let items: Vec<(AnyRecord, jiyn_core::Change)> = made
                .iter()
                .map(|(e, c)| (e.clone().into(), c.clone()))
                .collect();
            repo.write_batch(&items).await.map_err(SaveError::Store)?;
        }
    }
    Ok(made.into_iter().map(|(e, _)| e).collect())
}

/// Checks a person in (or undoes it) at this desk.
pub async fn check_in(
    state: AppState,
    forum: Uuid,
    person: Uuid,
    action: CheckInAction,
    desk: &str,
) -> Result<CheckIn, SaveError> {
    let made = jiyn_core::desk::check_in_event(
        &mut state.writer().borrow_mut(),
        browser::now_ms(),
        forum,
        person,
        action,
        desk,
    )?;
    let mut written = write_check_ins(state, vec![made]).await?;
    Ok(written.remove(0))
}

/// Registers a walk-in (a new participant, badge code made here) and, with `desk`,
/// checks them in, in one atomic step.
pub async fn register_walk_in(
    state: AppState,
    forum: Uuid,
    draft: Participant,
    desk: Option<&str>,
) -> Result<(Participant, Option<CheckIn>), SaveError> {
    let now = browser::now_ms();
    let (person, event, items) = {
        let writer = state.writer();
        let mut writer = writer.borrow_mut();
        let (person, change) =
            writer.create(now, Some(forum), |meta| Participant { meta, ..draft })?;
        let mut items: Vec<(AnyRecord, jiyn_core::Change)> = vec![(person.clone().into(), change)];
        let mut event = None;
        if let Some(desk) = desk {
            let (e, c) = jiyn_core::desk::check_in_event(
                &mut writer,
                now,
                forum,
                person.meta.id,
                CheckInAction::CheckIn,
                desk,
            )?;
            items.push((e.clone().into(), c));
            event = Some(e);
        }
        (person, event, items)
    };
    state
        .repo()
        .write_batch(&items)
        .await
        .map_err(SaveError::Store)?;
    state.bump();
    Ok((person, event))
}

/// Stores an imported list in one transaction: all of it, or (on any failure, a tab
/// closed included) none of it.
pub async fn import_participants(
    state: AppState,
    items: &[(AnyRecord, jiyn_core::Change)],
) -> Result<(), RepoError> {
    state.repo().write_batch(items).await?;
    state.bump();
    Ok(())
}

/// 48 random bits from the browser's cryptographic source (through a v7 UUID's random
/// tail), for badge codes.
pub fn random_u64() -> u64 {
    let id = jiyn_core::ids::new_id();
    let b = id.as_bytes();
    u64::from_le_bytes([b[10], b[11], b[12], b[13], b[14], b[15], 0, 0])
}

/// Settings key of the file exchange's ledger ([`jiyn_core::exchange::Ledger`]).
pub const EXCHANGE_LEDGER_KEY: &str = "exchange.ledger";

/// A file of changes, ready to download.
pub struct ExchangeFile {
    pub name: String,
    pub text: String,
    pub count: usize,
    /// The ledger to save once the download started ([`mark_exchanged`]).
    pub ledger: String,
}

/// "Changes since our last exchange" as a file, or `None` when there is nothing new.
/// With `everything`, every record goes in (for a device that has nothing yet).
pub async fn export_changes(
    state: AppState,
    everything: bool,
) -> Result<Option<ExchangeFile>, RepoError> {
    use jiyn_core::exchange::Ledger;
    let repo = state.repo();
    let records = repo.export(None).await?;
    let mut ledger = if everything {
        Ledger::default()
    } else {
        Ledger::parse(&repo.setting(EXCHANGE_LEDGER_KEY).await?.unwrap_or_default())
    };
    let unsent: Vec<AnyRecord> = ledger.unsent(&records).into_iter().cloned().collect();
    if unsent.is_empty() {
        return Ok(None);
    }
    let now_ms = browser::now_ms();
    let created_at = chrono::DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    let device = device_id(state);
    let body = BackupBody {
        created_at,
        device: device.clone(),
        forum: None,
        records: unsent,
    };
    let text = backup::encode(&body).map_err(|e| RepoError::Backend(e.to_string()))?;
    // Everything this device holds is now "sent" (what it had sent before still is).
    ledger.mark(&records);
    Ok(Some(ExchangeFile {
        name: format!(
            "jiyn-changes-{}-{device}.{}",
            stamp_for_file_name(created_at),
            backup::BACKUP_EXTENSION
        ),
        text,
        count: body.records.len(),
        ledger: ledger.to_text(),
    }))
}

/// Saves the ledger of the file just exported (after its download started).
pub async fn mark_exchanged(state: AppState, ledger: &str) -> Result<(), RepoError> {
    state.repo().set_setting(EXCHANGE_LEDGER_KEY, ledger).await
}

/// What the review after sync shows for one forum.
#[derive(Clone)]
pub struct ReviewData {
    pub people: std::collections::HashMap<Uuid, Participant>,
    pub duplicates: Vec<jiyn_core::review::DuplicatePair>,
    pub doubles: Vec<jiyn_core::review::DoubleCheckIn>,
    pub events: Vec<CheckIn>,
}

pub async fn review_data(state: AppState, forum: Uuid) -> Result<ReviewData, RepoError> {
    let repo = state.repo();
    let people = repo.list_by_forum::<Participant>(forum).await?;
    let events = repo.list_by_forum::<CheckIn>(forum).await?;
    let duplicates = jiyn_core::review::duplicate_pairs(&people);
    let doubles = jiyn_core::review::double_check_ins(&events);
    Ok(ReviewData {
        people: people.into_iter().map(|p| (p.meta.id, p)).collect(),
        duplicates,
        doubles,
        events,
    })
}

/// Merges `other` into `keep` in one atomic step (see [`jiyn_core::review::merge_people`]).
pub async fn merge_people(
    state: AppState,
    keep: &Participant,
    other: &Participant,
    events: &[CheckIn],
) -> Result<(), SaveError> {
    let items = jiyn_core::review::merge_people(
        &mut state.writer().borrow_mut(),
        browser::now_ms(),
        keep,
        other,
        events,
    )?;
    state
        .repo()
        .write_batch(&items)
        .await
        .map_err(SaveError::Store)?;
    state.bump();
    Ok(())
}

/// What the volunteers page works from: the forum, its volunteers (participants with the
/// volunteer role), sessions (for shift templates), shifts, the shifts' sign-ups and
/// every hour entry.
#[derive(Clone)]
pub struct VolunteerData {
    pub forum: Forum,
    pub volunteers: Vec<Participant>,
    pub sessions: Vec<Session>,
    pub shifts: Vec<jiyn_core::Shift>,
    pub signups: Vec<jiyn_core::SignUp>,
    pub hours: Vec<jiyn_core::HourLog>,
}

pub async fn volunteer_data(
    state: AppState,
    forum: Uuid,
) -> Result<Option<VolunteerData>, RepoError> {
    let repo = state.repo();
    let Some(f) = live_forum(state, forum).await? else {
        return Ok(None);
    };
    let mut volunteers: Vec<Participant> = repo
        .list_by_forum::<Participant>(forum)
        .await?
        .into_iter()
        .filter(|p| !p.meta.deleted && p.role == jiyn_core::Role::Volunteer)
        .collect();
    volunteers.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    let mut shifts: Vec<jiyn_core::Shift> = repo
        .list_by_forum::<jiyn_core::Shift>(forum)
        .await?
        .into_iter()
        .filter(|s| !s.meta.deleted)
        .collect();
    shifts.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then(a.meta.id.cmp(&b.meta.id))
    });
    let shift_ids: std::collections::HashSet<Uuid> = shifts.iter().map(|s| s.meta.id).collect();
    let mut signups: Vec<jiyn_core::SignUp> = repo
        .list_by_forum::<jiyn_core::SignUp>(forum)
        .await?
        .into_iter()
        .filter(|s| shift_ids.contains(&s.session))
        .collect();
    jiyn_core::signup::sort_by_creation(&mut signups);
    let mut hours: Vec<jiyn_core::HourLog> = repo
        .list_by_forum::<jiyn_core::HourLog>(forum)
        .await?
        .into_iter()
        .filter(|h| !h.meta.deleted)
        .collect();
    hours.sort_by_key(|h| std::cmp::Reverse(h.started_at));
    let sessions = repo
        .list_by_forum::<Session>(forum)
        .await?
        .into_iter()
        .filter(|s| !s.meta.deleted)
        .collect();
    Ok(Some(VolunteerData {
        forum: f,
        volunteers,
        sessions,
        shifts,
        signups,
        hours,
    }))
}

/// Who decides on hours from this device: its desk name, or else its device id.
pub async fn coordinator_name(state: AppState) -> String {
    match desk_name(state).await {
        Ok(Some(name)) => name,
        _ => device_id(state),
    }
}

/// Makes the shifts a template gives for the forum's sessions, in one atomic write.
pub async fn generate_shifts(
    state: AppState,
    forum: Uuid,
    drafts: Vec<jiyn_core::Shift>,
) -> Result<usize, SaveError> {
    if drafts.is_empty() {
        return Ok(0);
    }
    let now = browser::now_ms();
    let items = {
        let writer = state.writer();
        let mut writer = writer.borrow_mut();
        let mut items: Vec<(AnyRecord, jiyn_core::Change)> = Vec::with_capacity(drafts.len());
        for draft in drafts {
            let (shift, change) =
                writer.create(now, Some(forum), |meta| jiyn_core::Shift { meta, ..draft })?;
            items.push((shift.into(), change));
        }
        items
    };
    let n = items.len();
    state
        .repo()
        .write_batch(&items)
        .await
        .map_err(SaveError::Store)?;
    state.bump();
    Ok(n)
}

/// Signs a volunteer up for a shift (a place, or the waitlist when it is full).
pub async fn assign_shift(
    state: AppState,
    shift: &jiyn_core::Shift,
    volunteer: &Participant,
) -> Result<jiyn_core::SignUp, SaveError> {
    let draft = jiyn_core::SignUp {
        meta: shift.meta.clone(),
        session: shift.meta.id,
        name: volunteer.full_name.clone(),
        participant: Some(volunteer.meta.id),
        contact: None,
        cancelled: false,
    };
    save_record(state, Some(shift.meta.forum), None, draft).await
}

/// Starts a timer (an hour entry with no end) for a volunteer, now.
pub async fn start_timer(
    state: AppState,
    forum: Uuid,
    volunteer: Uuid,
    shift: Option<Uuid>,
    task: &str,
) -> Result<jiyn_core::HourLog, SaveError> {
    let started_at = ms_to_utc(browser::now_ms());
    add_hours(state, forum, volunteer, shift, task, started_at, None, "").await
}

/// Stores a new hour entry (a running timer when `ended_at` is `None`).
#[allow(clippy::too_many_arguments)]
pub async fn add_hours(
    state: AppState,
    forum: Uuid,
    volunteer: Uuid,
    shift: Option<Uuid>,
    task: &str,
    started_at: chrono::DateTime<chrono::Utc>,
    ended_at: Option<chrono::DateTime<chrono::Utc>>,
    note: &str,
) -> Result<jiyn_core::HourLog, SaveError> {
    let draft = jiyn_core::HourLog {
        meta: placeholder_meta(state, forum),
        volunteer,
        shift,
        task: task.trim().to_string(),
        started_at,
        ended_at,
        status: jiyn_core::HourStatus::Pending,
        note: note.trim().to_string(),
    };
    save_record(state, Some(forum), None, draft).await
}

/// Why an hour action did not happen.
#[derive(Debug)]
pub enum HourActionError {
    Refused(jiyn_core::volunteer::HourError),
    Save(SaveError),
}

/// Applies a stop, an edit or a decision to an hour entry (the state machine of
/// `jiyn_core::volunteer` decides whether it may) and stores it.
pub async fn hour_action(
    state: AppState,
    entry: &jiyn_core::HourLog,
    action: jiyn_core::volunteer::HourAction,
) -> Result<jiyn_core::HourLog, HourActionError> {
    let next = jiyn_core::volunteer::apply(entry, action).map_err(HourActionError::Refused)?;
    save_record(state, Some(entry.meta.forum), Some(entry), next)
        .await
        .map_err(HourActionError::Save)
}

/// A UTC instant from epoch milliseconds.
pub fn ms_to_utc(ms: u64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

/// A meta for a draft of a new record; [`save_record`] replaces it.
pub fn placeholder_meta(state: AppState, forum: Uuid) -> jiyn_core::Meta {
    let device = state.writer().borrow().clock().device().clone();
    jiyn_core::Meta::new(Uuid::nil(), forum, jiyn_core::Hlc::new(0, 0, device))
}

/// The hour entries whose latest change this device has not sent yet.
pub async fn unsent_ids(state: AppState) -> Result<std::collections::HashSet<Uuid>, RepoError> {
    Ok(state
        .repo()
        .outbox()
        .await?
        .into_iter()
        .filter(|c| c.kind == jiyn_core::RecordKind::HourLog)
        .map(|c| c.record)
        .collect())
}
