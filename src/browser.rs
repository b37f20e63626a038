//! Small wrappers around browser APIs that are not storage or network: the storage
//! manager (persistence, usage), file download and reading, the service worker's
//! registration and update, page reload. Each reports failure instead of panicking.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the service worker script is served (the root, so it controls every page).
pub const SERVICE_WORKER_URL: &str = "/sw.js";
/// Message that tells a waiting service worker to take over.
pub const SKIP_WAITING: &str = "SKIP_WAITING";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

async fn await_promise(p: Result<Promise, JsValue>) -> Result<JsValue, String> {
    let p = p.map_err(describe)?;
    JsFuture::from(p).await.map_err(describe)
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The device storage as the browser reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct StorageStatus {
    /// Whether the browser promised not to evict this site's data on its own.
    pub persisted: bool,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

/// Reads persistence and usage. `None` fields when the browser does not say.
pub async fn storage_status() -> Result<StorageStatus, String> {
    let storage = window().ok_or("no window")?.navigator().storage();
    let persisted = await_promise(storage.persisted())
        .await?
        .as_bool()
        .unwrap_or(false);
    let estimate: web_sys::StorageEstimate =
        await_promise(storage.estimate()).await?.unchecked_into();
    Ok(StorageStatus {
        persisted,
        usage_bytes: estimate.get_usage(),
        quota_bytes: estimate.get_quota(),
    })
}

/// Asks the browser to keep this site's data; returns whether it agreed.
pub async fn request_persistence() -> Result<bool, String> {
    let storage = window().ok_or("no window")?.navigator().storage();
    Ok(await_promise(storage.persist())
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Offers `text` as a file download called `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(describe)
}

/// The text of a file the user picked.
pub async fn read_file_text(file: &web_sys::File) -> Result<String, String> {
    let value = JsFuture::from(file.text()).await.map_err(describe)?;
    value
        .as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// Reloads the page.
pub fn reload() {
    if let Some(w) = window() {
        let _ = w.location().reload();
    }
}

/// Points `<link id="manifest">` at the manifest in `code`'s language, so an installed
/// app gets its name in the language the user chose.
pub fn set_manifest_language(code: &str) {
    if let Some(link) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("manifest"))
    {
        let _ = link.set_attribute("href", &format!("/manifest.{code}.webmanifest"));
    }
}

thread_local! {
    /// Set when this tab asked the waiting worker to take over, so that the
    /// `controllerchange` that follows reloads the page. The first install also fires
    /// `controllerchange` (the worker claims the page), which must not reload.
    static UPDATE_REQUESTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Registers the service worker and calls `on_update` when a new version has been
/// installed and waits. When the new worker takes control, the page reloads.
pub fn register_service_worker(on_update: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    let container = w.navigator().service_worker();
    let on_update = std::rc::Rc::new(on_update);
    // The page reloads once the waiting worker took over (after `apply_update`).
    let reload_on_change = Closure::<dyn FnMut()>::new(|| {
        if UPDATE_REQUESTED.with(|r| r.get()) {
            reload();
        }
    });
    container.set_oncontrollerchange(Some(reload_on_change.as_ref().unchecked_ref()));
    reload_on_change.forget();

    let had_controller = container.controller().is_some();
    let registered = Closure::<dyn FnMut(JsValue)>::new(move |reg: JsValue| {
        // With service workers blocked, `register` may resolve to nothing useful.
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        if reg.waiting().is_some() && had_controller {
            on_update();
        }
        let on_update = on_update.clone();
        let reg2 = reg.clone();
        let found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let on_update = on_update.clone();
            let worker = installing.clone();
            let state_changed = Closure::<dyn FnMut()>::new(move || {
                let has_controller = web_sys::window()
                    .map(|w| w.navigator().service_worker().controller().is_some())
                    .unwrap_or(false);
                if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller {
                    on_update();
                }
            });
            installing.set_onstatechange(Some(state_changed.as_ref().unchecked_ref()));
            state_changed.forget();
        });
        reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(|_e: JsValue| {
        // No service worker (unsupported, or blocked by policy): the app still works
        // online; offline reloads will not. Nothing to tell the user here.
    });
    let _ = container
        .register(SERVICE_WORKER_URL)
        .then2(&registered, &failed);
    registered.forget();
    failed.forget();
}

/// Tells the waiting service worker to take over (the page then reloads).
pub async fn apply_update() -> Result<(), String> {
    let container = window().ok_or("no window")?.navigator().service_worker();
    let reg: web_sys::ServiceWorkerRegistration =
        JsFuture::from(container.ready().map_err(describe)?)
            .await
            .map_err(describe)?
            .dyn_into()
            .map_err(describe)?;
    match reg.waiting() {
        Some(waiting) => {
            UPDATE_REQUESTED.with(|r| r.set(true));
            let msg = js_sys::Object::new();
            js_sys::Reflect::set(&msg, &"type".into(), &SKIP_WAITING.into()).map_err(describe)?;
            waiting.post_message(&msg).map_err(describe)
        }
        None => {
            reload();
            Ok(())
        }
    }
}

/// The text of one of the app's own files (served next to it, and kept offline by the
/// service worker). Not for data exchange: that is `sync`'s job.
pub async fn fetch_own_file(path: &str) -> Result<String, String> {
    let w = window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(w.fetch_with_str(path))
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    if !response.ok() {
        return Err(format!("{path}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    text.as_string().ok_or_else(|| format!("{path}: not text"))
}

/// Lets the browser paint before going on (a zero-delay timer, not a microtask).
pub async fn yield_to_browser() {
    let promise = Promise::new(&mut |resolve, _reject| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Milliseconds since the Unix epoch, from the device clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// "HH:MM" of a moment (ms since the epoch) in the device's local time.
pub fn local_hh_mm(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The device's own offset from UTC now, in minutes (east positive: +300 in Almaty).
pub fn device_utc_offset_minutes() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

/// Replaces the address bar's URL without navigating (the page already shows it).
pub fn replace_url(url: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// A `window.matchMedia` query as a signal. Call it once per query for the app's life
/// (the listener stays registered).
pub fn media_query(query: &'static str) -> leptos::prelude::Signal<bool> {
    use leptos::prelude::*;
    let Some(list) = web_sys::window().and_then(|w| w.match_media(query).ok().flatten()) else {
        return Signal::stored(false);
    };
    let matches = RwSignal::new(list.matches());
    let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
        move |e: web_sys::MediaQueryListEvent| matches.set(e.matches()),
    );
    let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    on_change.forget();
    matches.into()
}

/// `encodeURIComponent`, for a value put into a URL's query.
pub fn encode_uri_component(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The bytes of a file the user picked.
pub async fn read_file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Focuses the first element matching `selector`, if any.
pub fn focus_selector(selector: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}
