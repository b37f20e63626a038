//! Writes sample agenda feeds (see `jiyn_embed::sample`):
//!
//! ```sh
//! cargo run -p jiyn-embed --example feeds -- bench [OUT] [SESSIONS] [ROOMS] [DAYS]
//! cargo run -p jiyn-embed --example feeds -- demo [OUT] [INDEX]
//! cargo run -p jiyn-embed --example feeds -- records [OUT] [SESSIONS] [ROOMS] [DAYS]
//! ```
//!
//! `bench`: the benchmark's generated forum in Asia/Almaty, by default 200 sessions in 8
//! rooms over 3 days. `demo`: a demo forum's feed (index 0, the Oral forum, by default;
//! 1 is the Akmola tour in Asia/Almaty, 2 Taraz). Without OUT (or with `-`) the feed goes
//! to stdout. `records`: the records behind `bench`, as `{"forum": …, "sessions": […]}`
//! in the stored format (the end-to-end test pushes them to a sync server).

use jiyn_core::feed;
use jiyn_embed::sample;

fn arg(n: usize) -> Option<String> {
    std::env::args().nth(n).filter(|a| a != "-")
}

fn number(n: usize, default: usize) -> usize {
    arg(n).map_or(default, |a| {
        a.parse()
            .unwrap_or_else(|_| panic!("argument {n} is not a number: {a}"))
    })
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let text = match which.as_str() {
        "records" => {
            let (forum, sessions) =
                sample::bench_records(number(3, 200), number(4, 8), number(5, 3) as u32);
            serde_json::json!({ "forum": forum, "sessions": sessions }).to_string()
        }
        "bench" | "demo" => feed::encode(&feed_of(&which)).expect("the feed encodes"),
        _ => {
            eprintln!("usage: feeds bench|demo|records [OUT] [...] (see the file's header)");
            std::process::exit(2);
        }
    };
    match arg(2) {
        Some(path) => {
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {path}: {e}"))
        }
        None => println!("{text}"),
    }
}

fn feed_of(which: &str) -> feed::AgendaFeed {
    match which {
        "bench" => sample::bench_feed(number(3, 200), number(4, 8), number(5, 3) as u32),
        _ => {
            let all = sample::demo_feeds();
            let i = number(3, 0);
            all.get(i)
                .unwrap_or_else(|| panic!("the demo has {} forums", all.len()))
                .clone()
        }
    }
}
