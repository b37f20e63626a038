//! Writes a Y4M video showing a badge's QR code, for Chromium's fake camera:
//!
//! ```text
//! cargo run -p jiyn-core --example qr_video -- K7Q2M9XA /tmp/badge.y4m
//! chromium --use-fake-device-for-media-stream \
//!          --use-file-for-fake-video-capture=/tmp/badge.y4m
//! ```
//!
//! 640×480, 10 frames at 10 fps (Chromium loops the file), 4:2:0 with neutral chroma:
//! the code centred on a light grey background, filling about half the height, with
//! a pixel or two of jitter from frame to frame.

use jiyn_core::qr;

/// Frame width in pixels.
pub const WIDTH: usize = 640;
/// Frame height in pixels.
pub const HEIGHT: usize = 480;
/// Frames in the file.
pub const FRAMES: usize = 10;
/// Background luma (light grey); the code's quiet zone is white.
const BACKGROUND: u8 = 200;

/// The whole Y4M file for the badge code `code`.
pub fn video(code: &str) -> Vec<u8> {
    let matrix = qr::encode_badge(code).expect("a badge code fits in a QR code");
    // The code plus its 4-module quiet zone spans about half the frame's height.
    let scale = (HEIGHT / 2 / (matrix.width + 8)).max(1);
    let (side, _, code_pixels) = matrix.render_luma(scale, 4);
    assert!(
        side <= WIDTH.min(HEIGHT),
        "code {code:?} is too long to fit a frame"
    );
    let frames = (0..FRAMES).map(|n| {
        let jitter = [0, 1, 2, 1, 0, -1, -2, -1][n % 8];
        let left = ((WIDTH - side) / 2).saturating_add_signed(jitter);
        let top = ((HEIGHT - side) / 2).saturating_add_signed(-jitter);
        let mut y_plane = vec![BACKGROUND; WIDTH * HEIGHT];
        for (row, line) in code_pixels.chunks_exact(side).enumerate() {
            let start = (top + row) * WIDTH + left;
            y_plane[start..start + side].copy_from_slice(line);
        }
        y_plane
    });
    y4m_grey(WIDTH, HEIGHT, 10, frames)
}

/// A YUV4MPEG2 (4:2:0, JPEG chroma siting, square pixels, progressive) stream of
/// greyscale frames: each frame's Y plane as given, U and V planes all 128.
pub fn y4m_grey(
    width: usize,
    height: usize,
    fps: u32,
    frames: impl IntoIterator<Item = Vec<u8>>,
) -> Vec<u8> {
    let chroma = width.div_ceil(2) * height.div_ceil(2);
    let mut out = format!("YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n").into_bytes();
    for y_plane in frames {
        assert_eq!(y_plane.len(), width * height, "Y plane size");
        out.extend_from_slice(b"FRAME\n");
        out.extend_from_slice(&y_plane);
        out.resize(out.len() + 2 * chroma, 128);
    }
    out
}

#[allow(dead_code)] // The test suite includes this file for `video` only.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [code, path] = args.as_slice() else {
        eprintln!("usage: qr_video <BADGE-CODE> <out.y4m>");
        std::process::exit(2);
    };
    let code = qr::badge_from_payload(code).unwrap_or_else(|| {
        eprintln!("{code:?} is not a badge code (8 Crockford base-32 characters)");
        std::process::exit(2);
    });
    if let Err(e) = std::fs::write(path, video(&code)) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!("{path}: {FRAMES} frames {WIDTH}x{HEIGHT}, QR code of {code}");
}
