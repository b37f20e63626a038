//! The camera, for scanning badge QR codes: open the back camera into a `<video>`,
//! grab frames into a canvas, and read a QR code from them with the browser's
//! `BarcodeDetector` where it exists, or with `jiyn_core::qr` (wasm) everywhere else.
//! Nothing leaves the device, so scanning works offline.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream};

/// Why the camera could not start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraError {
    /// The browser has no camera API here (an insecure page, an old browser).
    NoApi,
    /// The user (or a policy) refused access.
    Denied,
    /// No camera, or it is in use by another app.
    NoCamera,
}

fn describe(e: &JsValue) -> String {
    Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

/// An open camera shown in a `<video>`.
pub struct Camera {
    stream: MediaStream,
    video: HtmlVideoElement,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    detector: Option<JsValue>,
}

impl Camera {
    /// Opens the back camera (the front one if there is no other) into `video`.
    pub async fn open(video: HtmlVideoElement) -> Result<Self, CameraError> {
        let window = web_sys::window().ok_or(CameraError::NoApi)?;
        let devices = window
            .navigator()
            .media_devices()
            .map_err(|_| CameraError::NoApi)?;
        let want = Object::new();
        let facing = Object::new();
        let _ = Reflect::set(&facing, &"ideal".into(), &"environment".into());
        let _ = Reflect::set(&want, &"facingMode".into(), &facing);
        let constraints = web_sys::MediaStreamConstraints::new();
        constraints.set_video(&want);
        constraints.set_audio(&JsValue::FALSE);
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|_| CameraError::NoApi)?;
        let stream: MediaStream = JsFuture::from(promise)
            .await
            .map_err(|e| match describe(&e).as_str() {
                "NotAllowedError" | "SecurityError" => CameraError::Denied,
                _ => CameraError::NoCamera,
            })?
            .unchecked_into();
        video.set_muted(true);
        let _ = video.set_attribute("playsinline", "");
        video.set_src_object(Some(&stream));
        if let Ok(p) = video.play() {
            let _ = JsFuture::from(p).await;
        }
        let document = window.document().ok_or(CameraError::NoApi)?;
        let canvas: HtmlCanvasElement = document
            .create_element("canvas")
            .map_err(|_| CameraError::NoApi)?
            .unchecked_into();
        let options = Object::new();
        let _ = Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE);
        let context: CanvasRenderingContext2d = canvas
            .get_context_with_context_options("2d", &options)
            .ok()
            .flatten()
            .ok_or(CameraError::NoApi)?
            .unchecked_into();
        Ok(Self {
            stream,
            video,
            canvas,
            context,
            detector: barcode_detector(),
        })
    }

    /// Whether the browser's own detector is used (else the wasm decoder).
    pub fn native(&self) -> bool {
        self.detector.is_some()
    }

    /// The QR text in the current frame, if any.
    pub async fn scan(&self) -> Option<String> {
        if self.video.ready_state() < 2 {
            return None;
        }
        let (w, h) = (self.video.video_width(), self.video.video_height());
        if w == 0 || h == 0 {
            return None;
        }
        // Frames larger than 640 px wide are scaled down: enough for a badge held up
        // to the camera, and decoding time grows with the pixel count.
        let scale = (640.0 / w as f64).min(1.0);
        let (cw, ch) = ((w as f64 * scale) as u32, (h as f64 * scale) as u32);
        if self.canvas.width() != cw || self.canvas.height() != ch {
            self.canvas.set_width(cw);
            self.canvas.set_height(ch);
        }
        self.context
            .draw_image_with_html_video_element_and_dw_and_dh(
                &self.video,
                0.0,
                0.0,
                cw as f64,
                ch as f64,
            )
            .ok()?;
        if let Some(detector) = &self.detector {
            return detect_native(detector, &self.canvas).await;
        }
        let data = self
            .context
            .get_image_data(0.0, 0.0, cw as f64, ch as f64)
            .ok()?;
        jiyn_core::qr::decode_rgba(cw as usize, ch as usize, &data.data())
    }

    /// Stops the camera (its light goes off).
    pub fn close(&self) {
        let tracks = self.stream.get_tracks();
        for t in tracks.iter() {
            if let Ok(track) = t.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
        self.video.set_src_object(None);
    }
}

/// `new BarcodeDetector({formats: ["qr_code"]})` where the browser has one that reads QR
/// codes (Chrome on Android and macOS; not Chromium on Linux or Windows).
fn barcode_detector() -> Option<JsValue> {
    let global = js_sys::global();
    let class = Reflect::get(&global, &"BarcodeDetector".into()).ok()?;
    let class: js_sys::Function = class.dyn_into().ok()?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into()));
    Reflect::construct(&class, &Array::of1(&options)).ok()
}

async fn detect_native(detector: &JsValue, canvas: &HtmlCanvasElement) -> Option<String> {
    let detect: js_sys::Function = Reflect::get(detector, &"detect".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = detect.call1(detector, canvas).ok()?.dyn_into().ok()?;
    let found: Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let first = found.get(0);
    Reflect::get(&first, &"rawValue".into()).ok()?.as_string()
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
