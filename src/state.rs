//! The app's shared state: one small `Copy` context with the chosen language, the
//! revision counter that reads key on, and the device's repository and writer.

use crate::i18n::{Lang, Text, DEFAULT_LANG};
use crate::store::IdbRepo;
use jiyn_core::Writer;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// localStorage key of the chosen language (read synchronously at start-up, so the
/// first frame is already in the right language).
pub const LANG_KEY: &str = "jiyn.lang";

/// Everything pages need, provided once the database is open.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    /// Bumped after every write; reads depend on it to refresh.
    pub revision: RwSignal<u64>,
    /// Bumped when sync (or another tab's sync) merged other devices' data in: pages
    /// that keep their own state (the desk) reload then.
    pub remote: RwSignal<u64>,
    /// A new version of the app is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
    /// Another tab upgraded the database: this tab closed its connection and must reload.
    pub reload_needed: RwSignal<bool>,
    repo: StoredValue<Rc<IdbRepo>, LocalStorage>,
    writer: StoredValue<Rc<RefCell<Writer>>, LocalStorage>,
}

impl AppState {
    pub fn new(
        lang: RwSignal<Lang>,
        update_ready: RwSignal<bool>,
        repo: Rc<IdbRepo>,
        writer: Writer,
    ) -> Self {
        Self {
            lang,
            revision: RwSignal::new(0),
            remote: RwSignal::new(0),
            update_ready,
            reload_needed: RwSignal::new(false),
            repo: StoredValue::new_local(repo),
            writer: StoredValue::new_local(Rc::new(RefCell::new(writer))),
        }
    }

    /// The state provided by [`crate::ui::App`]; panics outside it (a programming error).
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    pub fn repo(&self) -> Rc<IdbRepo> {
        self.repo.get_value()
    }

    pub fn writer(&self) -> Rc<RefCell<Writer>> {
        self.writer.get_value()
    }

    /// Marks stored data as changed, so every read runs again.
    pub fn bump(&self) {
        self.revision.update(|r| *r += 1);
    }

    /// Other devices' data arrived: every read runs again, and the desk reloads.
    pub fn bump_remote(&self) {
        self.remote.update(|r| *r += 1);
        self.bump();
    }

    /// A message in the current language (reactive).
    pub fn t(&self, msg: impl Text) -> &'static str {
        msg.text(self.lang.get())
    }
}

/// The language chosen on this device before, or Kazakh.
pub fn saved_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(DEFAULT_LANG)
}

/// Remembers the language on this device. Failure (storage disabled) only means the
/// choice is not remembered, which the user sees on the next start.
pub fn save_lang(lang: Lang) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

/// Sets `<html lang>` so screen readers and hyphenation use the right language.
pub fn apply_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}
