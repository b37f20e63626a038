//! The `jiyn-server` command: `serve`, and `token add|list|revoke`. See docs/server.md.

use jiyn_core::sync::TokenRole;
use jiyn_server::{db, serve, App, Config};
use std::process::ExitCode;

const USAGE: &str = "\
jiyn-server — Jiyn's sync server (protocol: docs/sync.md)

USAGE:
  jiyn-server serve [--db URL] [--listen ADDR] [--cors-origin ORIGIN]...
                    [--max-body BYTES] [--rate PER_MINUTE] [--trust-forwarded]
                    [--register-rate PER_MINUTE] [--register-max-body BYTES]
  jiyn-server token add --role desk|organizer (--forum UUID | --all-forums)
                    [--label TEXT] [--db URL]
  jiyn-server token list [--db URL]
  jiyn-server token revoke ID [--db URL]

  --db URL            sqlite:FILE (default sqlite:jiyn-server.db, created if missing)
                      or postgres://USER@HOST:PORT/DATABASE
  --listen ADDR       default 127.0.0.1:8787
  --cors-origin O     an origin allowed to sync from a browser (repeatable), e.g.
                      https://desk.example.kz
  --max-body BYTES    largest request body, default 8388608
  --rate N            requests per minute per token (or per address for requests
                      without a known token), default 600
  --trust-forwarded   behind a reverse proxy on this machine: the address for the
                      rate limit is the last one in X-Forwarded-For
  --register-rate N   public self-registrations per minute per address, default 10
  --register-max-body BYTES
                      largest self-registration body, default 16384

`token add` prints the new token on stdout (only its hash is stored).
`token list` shows each token's id (the start of its hash), role, forum, date, label;
`token revoke ID` deletes that token: requests with it are refused from then on.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jiyn-server: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("jiyn-server: {message}");
            ExitCode::from(2)
        }
    }
}

/// The value after `flag`, and whether the flag was present.
fn take(args: &mut Vec<String>, flag: &str) -> Result<Option<String>, String> {
    let Some(i) = args.iter().position(|a| a == flag) else {
        return Ok(None);
    };
    if i + 1 >= args.len() {
        return Err(format!("{flag} needs a value"));
    }
    let value = args.remove(i + 1);
    args.remove(i);
    Ok(Some(value))
}

fn take_all(args: &mut Vec<String>, flag: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    while let Some(v) = take(args, flag)? {
        out.push(v);
    }
    Ok(out)
}

fn take_switch(args: &mut Vec<String>, flag: &str) -> bool {
    match args.iter().position(|a| a == flag) {
        Some(i) => {
            args.remove(i);
            true
        }
        None => false,
    }
}

fn done(args: &[String]) -> Result<(), String> {
    match args.first() {
        None => Ok(()),
        Some(a) => Err(format!("unknown argument {a:?}\n\n{USAGE}")),
    }
}

async fn run(mut args: Vec<String>) -> Result<(), String> {
    if args.is_empty() || take_switch(&mut args, "--help") || take_switch(&mut args, "-h") {
        print!("{USAGE}");
        return Ok(());
    }
    let command = args.remove(0);
    let db_url = take(&mut args, "--db")?.unwrap_or_else(|| "sqlite:jiyn-server.db".into());
    match command.as_str() {
        "serve" => {
            let listen = take(&mut args, "--listen")?.unwrap_or_else(|| "127.0.0.1:8787".into());
            let mut config = Config {
                cors_origins: take_all(&mut args, "--cors-origin")?,
                trust_forwarded: take_switch(&mut args, "--trust-forwarded"),
                ..Config::default()
            };
            if let Some(v) = take(&mut args, "--max-body")? {
                config.max_body = v.parse().map_err(|_| "--max-body must be a number")?;
            }
            if let Some(v) = take(&mut args, "--rate")? {
                config.rate_per_minute = v.parse().map_err(|_| "--rate must be a number")?;
            }
            if let Some(v) = take(&mut args, "--register-rate")? {
                config.register_per_minute =
                    v.parse().map_err(|_| "--register-rate must be a number")?;
            }
            if let Some(v) = take(&mut args, "--register-max-body")? {
                config.register_max_body = v
                    .parse()
                    .map_err(|_| "--register-max-body must be a number")?;
            }
            done(&args)?;
            let pool = db::open(&db_url)
                .await
                .map_err(|e| format!("cannot open the database: {e}"))?;
            let listener = tokio::net::TcpListener::bind(&listen)
                .await
                .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
            eprintln!(
                "jiyn-server {} listening on http://{listen} ({})",
                env!("CARGO_PKG_VERSION"),
                if db::is_sqlite(&db_url) {
                    "SQLite"
                } else {
                    "PostgreSQL"
                }
            );
            serve(listener, App::new(pool.clone(), config), shutdown_signal())
                .await
                .map_err(|e| format!("server failed: {e}"))?;
            pool.close().await;
            eprintln!("jiyn-server stopped; every accepted push is stored");
            Ok(())
        }
        "token" if args.first().map(String::as_str) == Some("list") => {
            args.remove(0);
            done(&args)?;
            let pool = db::open(&db_url)
                .await
                .map_err(|e| format!("cannot open the database: {e}"))?;
            let tokens = db::list_tokens(&pool)
                .await
                .map_err(|e| format!("cannot read the tokens: {e}"))?;
            pool.close().await;
            println!("id            role       forum                                 created               label");
            for t in tokens {
                let created = chrono::DateTime::from_timestamp_millis(t.created_ms)
                    .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_default();
                println!(
                    "{:<13} {:<10} {:<37} {:<21} {}",
                    t.id,
                    t.role,
                    t.forum.as_deref().unwrap_or("(all forums)"),
                    created,
                    t.label
                );
            }
            Ok(())
        }
        "token" if args.first().map(String::as_str) == Some("revoke") => {
            args.remove(0);
            let Some(id) = (!args.is_empty()).then(|| args.remove(0)) else {
                return Err("usage: jiyn-server token revoke ID (the id from `token list`)".into());
            };
            done(&args)?;
            let pool = db::open(&db_url)
                .await
                .map_err(|e| format!("cannot open the database: {e}"))?;
            let result = db::revoke_token(&pool, &id).await;
            pool.close().await;
            match result {
                Ok(()) => {
                    println!("revoked {id}");
                    Ok(())
                }
                Err(db::RevokeError::BadId) => {
                    Err("the id is 8 or more hex digits, as `token list` shows".into())
                }
                Err(db::RevokeError::NotFound) => Err(format!("no token with id {id}")),
                Err(db::RevokeError::Ambiguous(n)) => {
                    Err(format!("{n} tokens start with {id}; give more digits"))
                }
                Err(db::RevokeError::Db(e)) => Err(format!("cannot revoke: {e}")),
            }
        }
        "token" => {
            if args.first().map(String::as_str) != Some("add") {
                return Err(format!(
                    "usage: jiyn-server token add|list|revoke …\n\n{USAGE}"
                ));
            }
            args.remove(0);
            let role = take(&mut args, "--role")?
                .and_then(|r| TokenRole::from_code(&r))
                .ok_or("--role must be desk or organizer")?;
            let forum = take(&mut args, "--forum")?;
            let all = take_switch(&mut args, "--all-forums");
            let label = take(&mut args, "--label")?.unwrap_or_default();
            done(&args)?;
            let forum = match (forum, all) {
                (Some(f), false) => Some(f.parse().map_err(|_| "--forum must be a UUID")?),
                (None, true) => None,
                _ => return Err("give either --forum UUID or --all-forums".into()),
            };
            let pool = db::open(&db_url)
                .await
                .map_err(|e| format!("cannot open the database: {e}"))?;
            let token = db::add_token(
                &pool,
                forum,
                role,
                &label,
                chrono::Utc::now().timestamp_millis(),
            )
            .await
            .map_err(|e| format!("cannot store the token: {e}"))?;
            pool.close().await;
            println!("{token}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("jiyn-server: stopping; finishing requests in flight");
}
