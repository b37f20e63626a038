//! Badge QR codes: encode → raster → decode round trips, camera-like frames, the
//! SVG's character set, manual entry, and the fake-camera Y4M example.

use jiyn_core::demo::badge_code;
use jiyn_core::qr::{
    badge_from_payload, decode_luma, decode_rgba, encode, encode_badge, QrMatrix, BADGE_PREFIX,
};
use proptest::prelude::*;
use std::time::Instant;

#[path = "../examples/qr_video.rs"]
mod qr_video;

/// SplitMix64: a deterministic noise source for test frames.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `-amp..=amp`.
    fn offset(&mut self, amp: i32) -> i32 {
        (self.next() % (2 * amp as u64 + 1)) as i32 - amp
    }
}

/// A 640×480 camera-like frame: a grey gradient background, the badge code's QR code
/// at scale 4 (116 px with its quiet zone) near the top-right corner, contrast lowered
/// to dark 70 / light 175, and ±25 of noise on every pixel.
fn camera_frame(code: &str, seed: u64) -> (usize, usize, Vec<u8>) {
    let (w, h) = (640, 480);
    let (side, _, qr) = encode_badge(code).unwrap().render_luma(4, 4);
    let (left, top) = (w - side - 30, 20);
    let mut noise = Noise(seed);
    let mut frame = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            let inside = (left..left + side).contains(&x) && (top..top + side).contains(&y);
            let base = if inside {
                if qr[(y - top) * side + (x - left)] == 0 {
                    70
                } else {
                    175
                }
            } else {
                // Left-to-right and top-to-bottom gradient, 80..=160.
                80 + (x * 50 / w + y * 30 / h) as i32
            };
            frame.push((base + noise.offset(25)).clamp(0, 255) as u8);
        }
    }
    (w, h, frame)
}

fn to_rgba(luma: &[u8]) -> Vec<u8> {
    // A warm tint: the decoder must weigh the channels, not take one.
    luma.iter()
        .flat_map(|&l| [l.saturating_add(20), l, l.saturating_sub(25), 255])
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn badge_codes_round_trip(random in any::<u64>(), scale in 1usize..6, quiet in 2usize..6) {
        let code = badge_code(random);
        let matrix = encode_badge(&code).unwrap();
        prop_assert_eq!(matrix.width, 21, "badge codes are version 1");
        let (w, h, luma) = matrix.render_luma(scale + 1, quiet);
        prop_assert_eq!(decode_luma(w, h, &luma), Some(code.clone()));
        prop_assert_eq!(decode_rgba(w, h, &to_rgba(&luma)), Some(code));
    }

    #[test]
    fn random_bytes_decode_to_nothing(
        (w, h, bytes) in (1usize..80, 1usize..80)
            .prop_flat_map(|(w, h)| (Just(w), Just(h), proptest::collection::vec(any::<u8>(), w * h)))
    ) {
        prop_assert_eq!(decode_luma(w, h, &bytes), None);
    }
}

#[test]
fn unprefixed_codes_decode_too() {
    let (w, h, luma) = encode("K7Q2M9XA").unwrap().render_luma(3, 4);
    assert_eq!(decode_luma(w, h, &luma).as_deref(), Some("K7Q2M9XA"));
    let (w, h, luma) = encode("https://example.org/x").unwrap().render_luma(3, 4);
    assert_eq!(
        decode_luma(w, h, &luma).as_deref(),
        Some("https://example.org/x")
    );
    assert_eq!(encode(&"x".repeat(5000)), None);
}

#[test]
fn small_code_in_a_noisy_frame() {
    for (n, seed) in [1u64, 2, 3, 4, 5].into_iter().enumerate() {
        let code = badge_code(seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
        let (w, h, luma) = camera_frame(&code, seed);
        assert_eq!(decode_luma(w, h, &luma), Some(code.clone()), "frame {n}");
        assert_eq!(decode_rgba(w, h, &to_rgba(&luma)), Some(code), "frame {n}");
    }
}

#[test]
fn frames_without_a_code_decode_to_nothing() {
    let (w, h) = (640, 480);
    for value in [0u8, 128, 255] {
        assert_eq!(decode_luma(w, h, &vec![value; w * h]), None);
    }
    let mut noise = Noise(7);
    let random: Vec<u8> = (0..w * h).map(|_| noise.next() as u8).collect();
    assert_eq!(decode_luma(w, h, &random), None);
    assert_eq!(decode_rgba(w, h, &to_rgba(&random)), None);
    // Degenerate sizes and short buffers.
    assert_eq!(decode_luma(0, 0, &[]), None);
    assert_eq!(decode_luma(0, 10, &[]), None);
    assert_eq!(decode_luma(10, 10, &[255; 99]), None);
    assert_eq!(decode_rgba(10, 10, &[255; 399]), None);
    assert_eq!(decode_luma(usize::MAX, 2, &[]), None);
    assert_eq!(decode_rgba(usize::MAX / 2, 1, &[]), None);
}

#[test]
fn badge_from_payload_normalises() {
    let table: &[(&str, Option<&str>)] = &[
        ("K7Q2M9XA", Some("K7Q2M9XA")),
        ("  k7q2m9xa\n", Some("K7Q2M9XA")),
        ("JIYN:K7Q2M9XA", Some("K7Q2M9XA")),
        ("jiyn:k7q2m9xa", Some("K7Q2M9XA")),
        ("JIYN: K7Q2-M9XA", Some("K7Q2M9XA")),
        ("k7q2 m9xa", Some("K7Q2M9XA")),
        ("OIL00000", Some("01100000")),
        ("oil0o0o0", Some("01100000")),
        ("B0000001", Some("B0000001")),
        ("K7Q2M9X", None),      // too short
        ("K7Q2M9XAB", None),    // too long
        ("K7Q2M9XU", None),     // U is not Crockford
        ("K7Q2M9X*", None),     // not alphanumeric
        ("K7Q2M9XÄ", None),     // not ASCII
        ("JIYN:", None),        // prefix only
        ("JIYNK7Q2M9XA", None), // no colon: 12 characters
        ("XJIYN:K7Q2M9XA", None),
        ("https://example.org/", None),
        ("", None),
    ];
    for (input, expected) in table {
        assert_eq!(
            badge_from_payload(input).as_deref(),
            *expected,
            "input {input:?}"
        );
    }
    for random in [0, 1, u64::MAX, 0xDEAD_BEEF] {
        let code = badge_code(random);
        assert_eq!(badge_from_payload(&code), Some(code.clone()));
        assert_eq!(
            badge_from_payload(&format!("{BADGE_PREFIX}{code}")),
            Some(code)
        );
    }
}

/// Fills the modules a [`QrMatrix::svg_path`] string covers, interpreting its own
/// small command language (`m dx dy h len v1 h-len z`).
fn rasterize_path(d: &str, width: usize) -> Vec<bool> {
    let mut filled = vec![false; width * width];
    let (mut x, mut y) = (0i64, 0i64);
    let mut rest = d;
    let number = |s: &str| -> (i64, usize) {
        let end = s
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
            .map_or(s.len(), |(i, _)| i);
        (s[..end].parse().unwrap(), end)
    };
    while !rest.is_empty() {
        assert!(rest.starts_with('m'), "subpath starts with m: {rest:?}");
        let (dx, n) = number(&rest[1..]);
        rest = &rest[1 + n..];
        assert!(rest.starts_with(' '));
        let (dy, n) = number(&rest[1..]);
        rest = &rest[1 + n..];
        assert!(rest.starts_with('h'));
        let (len, n) = number(&rest[1..]);
        rest = &rest[1 + n..];
        let tail = format!("v1h-{len}z");
        assert!(rest.starts_with(&tail), "run closes: {rest:?}");
        rest = &rest[tail.len()..];
        (x, y) = (x + dx, y + dy);
        assert!(len > 0);
        for cx in x..x + len {
            let i = y as usize * width + cx as usize;
            assert!(!filled[i], "runs do not overlap");
            filled[i] = true;
        }
    }
    filled
}

#[test]
fn svg_path_covers_exactly_the_dark_modules_with_merged_runs() {
    for text in [
        "JIYN:K7Q2M9XA",
        "JIYN:00000000",
        "a longer payload, version 3 or so",
    ] {
        let matrix = encode(text).unwrap();
        let w = matrix.width;
        let d = matrix.svg_path();
        let filled = rasterize_path(&d, w);
        for y in 0..w {
            for x in 0..w {
                assert_eq!(filled[y * w + x], matrix.is_dark(x, y), "({x}, {y})");
            }
        }
        // Merged: no two subpaths sit side by side on a row.
        let runs: usize = (0..w)
            .map(|y| {
                (0..w)
                    .filter(|&x| matrix.is_dark(x, y) && (x == 0 || !matrix.is_dark(x - 1, y)))
                    .count()
            })
            .sum();
        assert_eq!(d.matches('m').count(), runs);
    }
}

#[test]
fn svg_has_only_expected_characters() {
    let matrix = encode_badge("K7Q2M9XA").unwrap();
    let path = matrix.svg_path();
    assert!(
        path.chars().all(|c| "mhvz0123456789 -".contains(c)),
        "{path}"
    );
    let svg = matrix.svg(4);
    assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 29 29" "#));
    assert!(svg.contains(r#"shape-rendering="crispEdges""#));
    assert!(svg.contains(r##"<rect x="-4" y="-4" width="29" height="29" fill="#fff"/>"##));
    assert!(svg.contains(&format!(r#"d="{path}""#)));
    assert!(svg.ends_with("</svg>"));
    let allowed = |c: char| c.is_ascii_alphanumeric() || " =\"/:.<>#-".contains(c);
    assert!(svg.chars().all(allowed), "{svg}");
    // Markup is the same for every code apart from the path data.
    let other = encode_badge("00000000").unwrap();
    assert_eq!(
        svg.replace(&path, ""),
        other.svg(4).replace(&other.svg_path(), "")
    );
    // Size for the app: one version-1 badge code.
    assert!(svg.len() < 2500, "svg is {} bytes", svg.len());
}

#[test]
fn render_luma_geometry() {
    let matrix: QrMatrix = encode_badge("K7Q2M9XA").unwrap();
    let (w, h, luma) = matrix.render_luma(3, 2);
    assert_eq!((w, h), (75, 75));
    assert_eq!(luma.len(), 75 * 75);
    // Quiet zone is light; the top-left finder's corner module is dark.
    assert!(luma[..w * 6].iter().all(|&p| p == 255));
    assert_eq!(luma[6 * w + 6], 0);
    assert_eq!(luma[6 * w + 5], 255);
    assert_eq!(matrix.render_luma(0, 4), (0, 0, Vec::new()));
}

/// Reads a YUV4MPEG2 file written for the fake camera: header fields and the frames'
/// Y planes.
fn parse_y4m(bytes: &[u8]) -> (usize, usize, Vec<Vec<u8>>) {
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap();
    let header = std::str::from_utf8(&bytes[..header_end]).unwrap();
    let mut fields = header.split(' ');
    assert_eq!(fields.next(), Some("YUV4MPEG2"));
    let (mut w, mut h) = (0, 0);
    let mut seen = Vec::new();
    for field in fields {
        let (tag, value) = field.split_at(1);
        match tag {
            "W" => w = value.parse().unwrap(),
            "H" => h = value.parse().unwrap(),
            "F" => assert_eq!(value, "10:1"),
            "I" => assert_eq!(value, "p"),
            "A" => assert_eq!(value, "1:1"),
            "C" => assert_eq!(value, "420jpeg"),
            other => panic!("unexpected header field {other}"),
        }
        seen.push(tag.to_owned());
    }
    assert_eq!(seen, ["W", "H", "F", "I", "A", "C"]);
    let frame_len = w * h + 2 * (w / 2) * (h / 2);
    let mut rest = &bytes[header_end + 1..];
    let mut frames = Vec::new();
    while !rest.is_empty() {
        assert!(rest.starts_with(b"FRAME\n"), "frame header");
        rest = &rest[6..];
        assert!(rest.len() >= frame_len, "whole frame");
        let (frame, tail) = rest.split_at(frame_len);
        assert!(frame[w * h..].iter().all(|&b| b == 128), "neutral chroma");
        frames.push(frame[..w * h].to_vec());
        rest = tail;
    }
    (w, h, frames)
}

#[test]
fn fake_camera_video_shows_the_code() {
    let code = "K7Q2M9XA";
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("qr_video_test.y4m");
    std::fs::write(&path, qr_video::video(code)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n"));
    let (w, h, frames) = parse_y4m(&bytes);
    assert_eq!((w, h), (qr_video::WIDTH, qr_video::HEIGHT));
    assert_eq!(frames.len(), qr_video::FRAMES);
    for (n, y_plane) in frames.iter().enumerate() {
        assert_eq!(
            decode_luma(w, h, y_plane).as_deref(),
            Some(code),
            "frame {n}"
        );
    }
    let _ = std::fs::remove_file(&path);
}

/// Prints how long decoding one 640×480 frame takes (run with `--release
/// --nocapture` for the number that matters).
#[test]
fn decode_timing() {
    let code = badge_code(42);
    let (w, h, luma) = camera_frame(&code, 9);
    let rgba = to_rgba(&luma);
    let mut noise = Noise(3);
    let empty: Vec<u8> = (0..w * h).map(|_| (120 + noise.offset(30)) as u8).collect();
    let runs = if cfg!(debug_assertions) { 2 } else { 20 };
    let time = |f: &dyn Fn() -> Option<String>| {
        let start = Instant::now();
        let mut result = None;
        for _ in 0..runs {
            result = f();
        }
        (start.elapsed() / runs, result)
    };
    let (luma_time, found) = time(&|| decode_luma(w, h, &luma));
    assert_eq!(found, Some(code.clone()));
    let (rgba_time, found) = time(&|| decode_rgba(w, h, &rgba));
    assert_eq!(found, Some(code));
    let (empty_time, found) = time(&|| decode_luma(w, h, &empty));
    assert_eq!(found, None);
    let mode = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "decode 640x480 ({mode}, mean of {runs}): luma with code {luma_time:?}, \
         rgba with code {rgba_time:?}, noise without code {empty_time:?}"
    );
}
