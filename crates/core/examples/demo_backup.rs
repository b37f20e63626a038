//! Writes the demo data as a backup file, which the app's "Load demo data" restores
//! (so the demo builder and its seeds stay out of the app's wasm).
//!
//! Usage: `cargo run -p jiyn-core --example demo_backup -- [OUT]`. Without OUT it
//! writes `$TRUNK_STAGING_DIR/demo.jiyn.json` (as a trunk build hook), else stdout.

use jiyn_core::backup::{encode, BackupBody};
use jiyn_core::demo;

fn main() {
    let records = demo::build()
        .unwrap_or_else(|e| panic!("demo seeds are invalid: {e}"))
        .into_iter()
        .map(|(record, _)| record)
        .collect();
    let body = BackupBody {
        created_at: chrono::DateTime::from_timestamp_millis(demo::DEMO_STAMP_MS as i64)
            .expect("valid time"),
        device: demo::DEMO_DEVICE.into(),
        forum: None,
        records,
    };
    let text = encode(&body).expect("demo encodes");
    let out = std::env::args().nth(1).or_else(|| {
        std::env::var("TRUNK_STAGING_DIR")
            .ok()
            .map(|d| format!("{d}/{}", demo::DEMO_FILE))
    });
    match out {
        Some(path) => {
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {path}: {e}"))
        }
        None => println!("{text}"),
    }
}
