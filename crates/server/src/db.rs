//! The server's database: SQLite (a file) or PostgreSQL, through one code path (sqlx's
//! `Any` driver; every statement is plain SQL both understand, parameters `$1, $2, …`
//! each used once, in order).
//!
//! Tables:
//! - `forums (forum, seq)`: each forum's last sequence number;
//! - `records (id, forum, kind, seq, body)`: the merged copy of every record, `body` its
//!   wire JSON (`{"kind":…,"record":…}`), `seq` the forum's number of its last change;
//! - `changes_seen (id, forum, received_ms)`: every change id stored, for idempotency;
//! - `tokens (hash, forum, role, label, created_ms)`: SHA-256 of each bearer token
//!   (`forum` NULL: every forum);
//! - `schema_version (version)`: one row, the layout's version, so a later build can
//!   migrate an older file and an older build refuses a newer one.

use jiyn_core::sync::TokenRole;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};
use uuid::Uuid;

pub type Db = AnyPool;

/// The layout this build writes ([`SCHEMA`]); `open` refuses a database of a later one.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS forums (forum TEXT PRIMARY KEY, seq BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, forum TEXT NOT NULL, kind TEXT NOT NULL, seq BIGINT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS records_by_seq ON records (forum, seq)",
    "CREATE TABLE IF NOT EXISTS changes_seen (id TEXT PRIMARY KEY, forum TEXT NOT NULL, received_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, forum TEXT, role TEXT NOT NULL, label TEXT NOT NULL, created_ms BIGINT NOT NULL)",
];

/// Whether a database URL is SQLite's.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Opens (and for SQLite creates) the database and brings its schema up to date.
pub async fn open(url: &str) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let sqlite = is_sqlite(url);
    let url = if sqlite && !url.contains('?') && !url.contains(":memory:") {
        format!("{url}?mode=rwc")
    } else {
        url.to_string()
    };
    let options = AnyPoolOptions::new()
        .max_connections(if sqlite { 4 } else { 8 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    // WAL: readers do not wait for the writer. FULL: a push answered
                    // "accepted" is on disk even if the machine loses power next.
                    for pragma in [
                        "PRAGMA journal_mode = WAL",
                        "PRAGMA synchronous = FULL",
                        "PRAGMA busy_timeout = 10000",
                    ] {
                        sqlx::query(pragma).execute(&mut *conn).await?;
                    }
                }
                Ok(())
            })
        });
    let pool = options.connect(&url).await?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Creates the tables that are missing and records the layout's version, in one
/// transaction (PostgreSQL's DDL is transactional; SQLite's too).
async fn migrate(pool: &Db) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for statement in SCHEMA {
        sqlx::query(statement).execute(&mut *tx).await?;
    }
    let found: Option<i64> = sqlx::query("SELECT MAX(version) FROM schema_version")
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    match found {
        None => {
            sqlx::query("INSERT INTO schema_version (version) VALUES ($1)")
                .bind(SCHEMA_VERSION)
                .execute(&mut *tx)
                .await?;
        }
        Some(v) if v > SCHEMA_VERSION => {
            return Err(sqlx::Error::Protocol(format!(
                "the database was written by a newer jiyn-server (schema {v}, this build knows {SCHEMA_VERSION})"
            )));
        }
        // Later layouts add their steps here, from `v` up to SCHEMA_VERSION.
        Some(_) => {}
    }
    tx.commit().await
}

/// SHA-256 of a token, in hex: what the database keeps.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token's rights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// `None`: every forum.
    pub forum: Option<Uuid>,
    pub role: TokenRole,
}

impl Grant {
    pub fn covers(&self, forum: Uuid) -> bool {
        self.forum.is_none_or(|f| f == forum)
    }
}

/// A new random token: 32 bytes from the operating system's generator, in hex.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Makes a new random token, stores its hash, returns it (shown once).
pub async fn add_token(
    db: &Db,
    forum: Option<Uuid>,
    role: TokenRole,
    label: &str,
    now_ms: i64,
) -> Result<String, sqlx::Error> {
    let token = new_token().map_err(|e| sqlx::Error::Io(std::io::Error::other(e.to_string())))?;
    sqlx::query(
        "INSERT INTO tokens (hash, forum, role, label, created_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(forum.map(|f| f.to_string()))
    .bind(role.code())
    .bind(label)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(token)
}

/// One stored token, as `token list` shows it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// The first 12 hex digits of the token's SHA-256: what `token revoke` takes.
    pub id: String,
    pub forum: Option<String>,
    pub role: String,
    pub label: String,
    pub created_ms: i64,
}

/// Every stored token, oldest first.
pub async fn list_tokens(db: &Db) -> Result<Vec<TokenInfo>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT hash, forum, role, label, created_ms FROM tokens ORDER BY created_ms, hash",
    )
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let hash: String = r.try_get(0)?;
            Ok(TokenInfo {
                id: hash.chars().take(12).collect(),
                forum: r.try_get(1)?,
                role: r.try_get(2)?,
                label: r.try_get(3)?,
                created_ms: r.try_get(4)?,
            })
        })
        .collect()
}

/// Why a token could not be revoked.
#[derive(Debug)]
pub enum RevokeError {
    /// The id must be 8 or more hex digits of the hash, as `token list` shows.
    BadId,
    NotFound,
    /// More than one stored token starts with these digits: give more of them.
    Ambiguous(usize),
    Db(sqlx::Error),
}

/// Deletes the one token whose hash starts with `id` (from `token list`): a lost
/// desk laptop's token stops working at once.
pub async fn revoke_token(db: &Db, id: &str) -> Result<(), RevokeError> {
    let id = id.trim().to_ascii_lowercase();
    if id.len() < 8 || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(RevokeError::BadId);
    }
    let hashes: Vec<String> = sqlx::query("SELECT hash FROM tokens")
        .fetch_all(db)
        .await
        .map_err(RevokeError::Db)?
        .iter()
        .filter_map(|r| r.try_get::<String, _>(0).ok())
        .filter(|h| h.starts_with(&id))
        .collect();
    match hashes.as_slice() {
        [] => Err(RevokeError::NotFound),
        [hash] => {
            sqlx::query("DELETE FROM tokens WHERE hash = $1")
                .bind(hash)
                .execute(db)
                .await
                .map_err(RevokeError::Db)?;
            Ok(())
        }
        many => Err(RevokeError::Ambiguous(many.len())),
    }
}

/// The rights of a presented token, if it is known.
pub async fn grant_of(db: &Db, token: &str) -> Result<Option<Grant>, sqlx::Error> {
    let row: Option<AnyRow> = sqlx::query("SELECT forum, role FROM tokens WHERE hash = $1")
        .bind(token_hash(token))
        .fetch_optional(db)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let forum: Option<String> = row.try_get(0)?;
    let role: String = row.try_get(1)?;
    let Some(role) = TokenRole::from_code(&role) else {
        return Ok(None);
    };
    let forum = match forum {
        None => None,
        Some(f) => match f.parse() {
            Ok(f) => Some(f),
            Err(_) => return Ok(None),
        },
    };
    Ok(Some(Grant { forum, role }))
}

/// Every forum the server holds records of, in id order.
pub async fn forums(db: &Db) -> Result<Vec<Uuid>, sqlx::Error> {
    let rows = sqlx::query("SELECT forum FROM forums ORDER BY forum")
        .fetch_all(db)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<String, _>(0).ok()?.parse().ok())
        .collect())
}

/// A forum's current sequence number (0 when it has none).
pub async fn forum_seq(conn: &mut sqlx::AnyConnection, forum: Uuid) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT seq FROM forums WHERE forum = $1")
        .bind(forum.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some(r) => r.try_get(0)?,
        None => 0,
    })
}

/// Where a record is stored: its kind code and forum, when the server holds it.
pub async fn record_place(db: &Db, id: Uuid) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query("SELECT kind, forum FROM records WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db)
        .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// The stored body of a forum's own record (`kind` its kind code), if the server
/// holds it.
pub async fn forum_body(db: &Db, forum: Uuid, kind: &str) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT body FROM records WHERE id = $1 AND forum = $2 AND kind = $3")
        .bind(forum.to_string())
        .bind(forum.to_string())
        .bind(kind)
        .fetch_optional(db)
        .await?;
    row.map(|r| r.try_get(0)).transpose()
}
