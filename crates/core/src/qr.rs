//! Badge QR codes: encoding to a module matrix and SVG, decoding camera frames.
//!
//! A badge's QR code carries [`BADGE_PREFIX`] followed by the badge code, e.g.
//! `JIYN:K7Q2M9XA`. Every character is in the QR alphanumeric set, so even with the
//! prefix the code is the smallest regular QR code (version 1, 21×21 modules) at
//! error-correction level M. The prefix marks the code as a Jiyn badge for anyone
//! scanning it with another reader; codes without it are accepted too
//! ([`decode_luma`] strips it, [`badge_from_payload`] accepts both).
//!
//! Encoding uses the `qrcode` crate, decoding `quircs`; both without their image
//! features, so nothing here pulls in an image library.

use crate::demo::BADGE_CODE_LEN;
use qrcode::{EcLevel, QrCode};
use std::fmt::Write as _;

/// What a badge's QR payload starts with.
pub const BADGE_PREFIX: &str = "JIYN:";

/// Crockford base-32 digits, as badge codes use them (no I, L, O, U).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A QR code as a square of modules, row by row; `true` is dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side (21 for version 1), without the quiet zone.
    pub width: usize,
    dark: Vec<bool>,
}

/// The QR code of `text` at error-correction level M, in the smallest version that
/// holds it. `None` only if `text` is too long for any QR code (over 2,331 bytes of
/// arbitrary text at level M).
pub fn encode(text: &str) -> Option<QrMatrix> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark = code
        .into_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some(QrMatrix { width, dark })
}

/// The QR code printed on a badge: [`BADGE_PREFIX`] followed by `code` as given.
/// For an 8-character Crockford code this is always a version 1 code; `None` only
/// for absurdly long input (see [`encode`]).
pub fn encode_badge(code: &str) -> Option<QrMatrix> {
    encode(&format!("{BADGE_PREFIX}{code}"))
}

impl QrMatrix {
    /// Whether the module at column `x`, row `y` is dark; outside the matrix (the
    /// quiet zone) is light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// One SVG path `d` string covering every dark module, in module units with the
    /// matrix's top-left corner at `0 0`: one closed rectangle per horizontal run of
    /// dark modules (`m<dx> <dy>h<len>v1h-<len>z`, each move relative to the previous
    /// rectangle's corner). Contains only `m h v z`, digits, `-` and spaces.
    pub fn svg_path(&self) -> String {
        let mut d = String::with_capacity(self.width * self.width * 2);
        // A closed subpath leaves the current point at its start, so each relative
        // move is from the previous run's top-left corner.
        let (mut px, mut py) = (0i64, 0i64);
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x += 1;
                }
                let len = x - start;
                let (sx, sy) = (start as i64, y as i64);
                // Writing to a String cannot fail.
                let _ = write!(d, "m{} {}h{len}v1h-{len}z", sx - px, sy - py);
                (px, py) = (sx, sy);
            }
        }
        d
    }

    /// A complete standalone SVG: a white square including `quiet_zone` light modules
    /// on every side (4 is the standard's minimum), and the dark modules in black.
    /// One unit is one module; it has no `width`/`height`, so it scales to its box.
    /// Built only from numbers and fixed markup, so it is safe to insert as HTML.
    pub fn svg(&self, quiet_zone: usize) -> String {
        let q = quiet_zone;
        let side = self.width + 2 * q;
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-{q} -{q} {s} {s}" "#,
                r#"shape-rendering="crispEdges">"#,
                r##"<rect x="-{q}" y="-{q}" width="{s}" height="{s}" fill="#fff"/>"##,
                r##"<path fill="#000" d="{d}"/></svg>"##
            ),
            q = q,
            s = side,
            d = self.svg_path()
        )
    }

    /// A greyscale raster: each module is `scale`×`scale` pixels, with `quiet` light
    /// modules on every side; dark is 0, light 255. Returns (width, height, pixels row
    /// by row); the image is square.
    pub fn render_luma(&self, scale: usize, quiet: usize) -> (usize, usize, Vec<u8>) {
        let side = (self.width + 2 * quiet) * scale;
        let mut pixels = vec![255u8; side * side];
        for (row, line) in pixels.chunks_exact_mut(side.max(1)).enumerate() {
            let y = (row / scale).wrapping_sub(quiet);
            for (col, px) in line.iter_mut().enumerate() {
                let x = (col / scale).wrapping_sub(quiet);
                if self.is_dark(x, y) {
                    *px = 0;
                }
            }
        }
        (side, side, pixels)
    }
}

/// The text of the first QR code found in a greyscale image (`luma` row by row, one
/// byte a pixel, 0 black), with a leading [`BADGE_PREFIX`] removed. `None` if no code
/// decodes, or if `luma` is shorter than `width * height`.
pub fn decode_luma(width: usize, height: usize, luma: &[u8]) -> Option<String> {
    let len = width.checked_mul(height)?;
    if len == 0 || luma.len() < len {
        return None;
    }
    decode_with(width, height, |x, y| luma[y * width + x])
}

/// Like [`decode_luma`], for RGBA pixels as in a canvas `ImageData` (4 bytes a pixel,
/// alpha ignored), converted to luma with integer BT.601 weights.
pub fn decode_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<String> {
    let len = width.checked_mul(height)?.checked_mul(4)?;
    if len == 0 || rgba.len() < len {
        return None;
    }
    decode_with(width, height, |x, y| {
        let i = (y * width + x) * 4;
        let (r, g, b) = (rgba[i] as u32, rgba[i + 1] as u32, rgba[i + 2] as u32);
        // 0.299, 0.587, 0.114 in 1/256ths (77 + 150 + 29 = 256), rounded.
        ((77 * r + 150 * g + 29 * b + 128) >> 8) as u8
    })
}

/// Decodes with `quircs` (a port of quirc): small in wasm, and robust to the noise and
/// low contrast of phone cameras. It takes the whole frame as luma bytes.
fn decode_with(
    width: usize,
    height: usize,
    mut luma: impl FnMut(usize, usize) -> u8,
) -> Option<String> {
    let mut image = Vec::with_capacity(width * height);
    for y in 0..height {
        for x in 0..width {
            image.push(luma(x, y));
        }
    }
    let mut decoder = quircs::Quirc::default();
    let codes = decoder.identify(width, height, &image);
    for code in codes.flatten() {
        let Ok(data) = code.decode() else { continue };
        let Ok(text) = String::from_utf8(data.payload) else {
            continue;
        };
        return Some(match text.strip_prefix(BADGE_PREFIX) {
            Some(rest) => rest.to_owned(),
            None => text,
        });
    }
    None
}

/// A badge code from a scanned payload or typed input, or `None` if it is not one.
///
/// Trims, uppercases, drops a leading [`BADGE_PREFIX`] (any case) and the hyphens and
/// spaces people type to group characters, and reads the Crockford look-alikes
/// `O` as `0` and `I`/`L` as `1`. The result must be exactly 8 Crockford base-32
/// characters.
pub fn badge_from_payload(text: &str) -> Option<String> {
    let upper = text.trim().to_ascii_uppercase();
    let rest = upper.strip_prefix(BADGE_PREFIX).unwrap_or(&upper);
    let code: String = rest
        .chars()
        .filter(|c| *c != '-' && *c != ' ')
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let valid = code.len() == BADGE_CODE_LEN && code.bytes().all(|b| CROCKFORD.contains(&b));
    valid.then_some(code)
}
