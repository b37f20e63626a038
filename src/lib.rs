//! Jiyn, the app: a Leptos client-side app on top of `jiyn-core`.
//!
//! Layers (see ARCHITECTURE.md): [`ui`] pages and components read state and call
//! [`commands`]; [`store`] is the only code that touches IndexedDB; [`i18n`] holds
//! every user-visible string in kk, ru and en; [`state`] is the shared context.

pub mod browser;
pub mod camera;
pub mod commands;
pub mod e2e_hooks;
pub mod i18n;
pub mod state;
pub mod store;
pub mod sync;
pub mod ui;

pub use store::IdbRepo;
pub use ui::App;
