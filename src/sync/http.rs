//! The one place the app makes network requests: `fetch` with a bearer token, the
//! protocol header and a timeout. Tokens go in the `Authorization` header only, never
//! in a URL, and nothing here logs.

use jiyn_core::sync::{SyncError, PROTOCOL_HEADER, PROTOCOL_VERSION};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long one request may take before it counts as failed.
pub const TIMEOUT_MS: i32 = 20_000;

/// A finished HTTP exchange.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// The endpoint's base URL without a trailing slash, or `None` when it is not an
/// http(s) URL.
pub fn normalise_base(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    let parsed = web_sys::Url::new(url).ok()?;
    let scheme = parsed.protocol();
    if scheme != "https:" && scheme != "http:" {
        return None;
    }
    if !parsed.search().is_empty() || !parsed.hash().is_empty() || !parsed.username().is_empty() {
        return None;
    }
    Some(url.to_string())
}

/// Sends one request. Network failures become [`SyncError::Offline`], a request over
/// [`TIMEOUT_MS`] becomes [`SyncError::Timeout`]; any HTTP status is an `Answer`.
pub async fn call(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<Answer, SyncError> {
    request(method, url, token, body, true).await
}

/// A plain GET of a public route (the agenda feed): no token and no protocol header,
/// because the public routes' CORS allows no request headers.
pub async fn get_public(url: &str) -> Result<Answer, SyncError> {
    request("GET", url, None, None, false).await
}

async fn request(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&str>,
    protocol_header: bool,
) -> Result<Answer, SyncError> {
    let window = web_sys::window().ok_or(SyncError::Offline)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(|_| SyncError::Offline)?;
    let set = |k: &str, v: &str| headers.set(k, v).map_err(|_| SyncError::Offline);
    if protocol_header {
        set(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string())?;
    }
    if let Some(token) = token {
        set("authorization", &format!("Bearer {token}"))?;
    }
    if let Some(body) = body {
        set("content-type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let abort = web_sys::AbortController::new().ok();
    if let Some(a) = &abort {
        init.set_signal(Some(&a.signal()));
    }
    let timer = abort.as_ref().and_then(|a| {
        let a = a.clone();
        let cb = Closure::once_into_js(move || a.abort());
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), TIMEOUT_MS)
            .ok()
    });
    let request =
        web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| SyncError::NotJiyn)?;
    let result = JsFuture::from(window.fetch_with_request(&request)).await;
    let outcome = async {
        let response: web_sys::Response = match result {
            Ok(r) => r.unchecked_into(),
            Err(e) => return Err(network_error(&e)),
        };
        let text = response.text().map_err(|e| network_error(&e))?;
        let body = JsFuture::from(text).await.map_err(|e| network_error(&e))?;
        Ok(Answer {
            status: response.status(),
            body: body.as_string().unwrap_or_default(),
        })
    }
    .await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    outcome
}

fn network_error(e: &JsValue) -> SyncError {
    let name = js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string());
    if name.as_deref() == Some("AbortError") {
        SyncError::Timeout
    } else {
        SyncError::Offline
    }
}
