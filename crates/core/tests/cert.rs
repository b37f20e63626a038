//! Certificates of volunteer hours: the Ed25519 key matches RFC 8032, a certificate
//! round-trips, and every kind of damage or forgery is refused with its own reason;
//! random text never panics and never verifies. Also the approved-minutes sum.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jiyn_core::cert::{
    self, approved_minutes, base64url_decode, base64url_encode, extract_wire, key_id, peek,
    verification_url, verify, verify_any, CertError, KeyPair, Payload, CERT_VERSION,
};
use jiyn_core::*;
use proptest::prelude::*;
use uuid::Uuid;

/// RFC 8032 §7.1, TEST 1: the secret key (seed) and its public key.
const RFC_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
/// RFC 8032 §7.1, TEST 1: the signature of the empty message.
const RFC_SIG_EMPTY: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn forum_id() -> Uuid {
    Uuid::parse_str("0199a000-0000-7000-8000-000000000001").unwrap()
}

fn volunteer_id() -> Uuid {
    Uuid::parse_str("0199a000-0000-7000-8000-0000000000aa").unwrap()
}

fn keys() -> KeyPair {
    KeyPair::from_seed([7u8; 32])
}

fn other_keys() -> KeyPair {
    KeyPair::from_seed([8u8; 32])
}

fn payload() -> Payload {
    Payload::new(
        forum_id(),
        "Қазақстан–Ресей жастар форумы",
        volunteer_id(),
        "Айгүл Серікова",
        750,
        NaiveDate::from_ymd_opt(2025, 11, 14).unwrap(),
        Lang::Kk,
    )
}

/// The payload part and signature part of a wire text.
fn parts(wire: &str) -> (Vec<u8>, String) {
    let (p, s) = wire.split_once('.').unwrap();
    (base64url_decode(p).unwrap(), s.to_string())
}

#[test]
fn the_key_is_rfc_8032_ed25519() {
    let seed: [u8; 32] = hex(RFC_SEED).try_into().unwrap();
    let pair = KeyPair::from_seed(seed);
    assert_eq!(pair.public_key_text(), base64url_encode(&hex(RFC_PUBLIC)));
    assert_eq!(pair.public_key_text().len(), 43);
    assert_eq!(pair.seed_text(), base64url_encode(&seed));
    assert_eq!(
        KeyPair::from_seed_text(&pair.seed_text())
            .unwrap()
            .public_key_text(),
        pair.public_key_text()
    );
    // The RFC's genuine signature of the empty message, under this very key: a correct
    // signature over bytes that are not a payload is still refused.
    let wire = format!("{}.{}", "", base64url_encode(&hex(RFC_SIG_EMPTY)));
    assert_eq!(
        verify(&wire, &pair.public_key_text()),
        Err(CertError::Malformed)
    );
}

#[test]
fn the_seed_is_not_in_debug_output() {
    let pair = keys();
    let debug = format!("{pair:?}");
    assert!(debug.contains(&pair.public_key_text()));
    assert!(!debug.contains(&pair.seed_text()));
    assert!(!debug.contains("7, 7, 7"));
}

#[test]
fn a_signed_certificate_round_trips() {
    let pair = keys();
    let wire = pair.sign(&payload());
    let checked = verify(&wire, &pair.public_key_text()).unwrap();
    let mut expected = payload();
    expected.key = key_id(&pair.public_key_text());
    assert_eq!(checked, expected);
    assert_eq!(checked.hours_and_minutes(), (12, 30));
    assert_eq!(peek(&wire).unwrap(), expected);
    // Deterministic (Ed25519 needs no randomness): the same payload, the same text.
    assert_eq!(pair.sign(&payload()), wire);
    // Only the URL-safe alphabet and the one separator.
    assert_eq!(wire.matches('.').count(), 1);
    assert!(wire
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'));
}

#[test]
fn the_payload_is_compact_json_in_a_fixed_order() {
    let wire = keys().sign(&payload());
    let (bytes, signature) = parts(&wire);
    let text = String::from_utf8(bytes).unwrap();
    let id = key_id(&keys().public_key_text());
    assert_eq!(
        text,
        format!(
            concat!(
                r#"{{"v":1,"forum":"0199a000-0000-7000-8000-000000000001","#,
                r#""title":"Қазақстан–Ресей жастар форумы","#,
                r#""volunteer":"0199a000-0000-7000-8000-0000000000aa","#,
                r#""name":"Айгүл Серікова","minutes":750,"issued":"2025-11-14","#,
                r#""lang":"kk","key":"{id}"}}"#
            ),
            id = id
        )
    );
    assert_eq!(id.len(), 8);
    // 64 signature bytes → 86 characters without padding.
    assert_eq!(signature.len(), 86);
}

#[test]
fn the_verification_url_carries_the_wire_text_in_its_fragment() {
    let wire = keys().sign(&payload());
    let url = verification_url("https://jiyn.example/", &wire);
    assert_eq!(url, format!("https://jiyn.example/verify#c={wire}"));
    assert_eq!(extract_wire(&url).as_deref(), Some(wire.as_str()));
    assert_eq!(
        extract_wire(&format!("  #c={wire}\n")).as_deref(),
        Some(wire.as_str())
    );
    assert_eq!(extract_wire(&wire).as_deref(), Some(wire.as_str()));
    assert_eq!(
        extract_wire(&format!("https://x.example/verify?a=1#x=2&c={wire}")).as_deref(),
        Some(wire.as_str())
    );
    for nothing in [
        "",
        "   ",
        "https://jiyn.example/verify",
        "#c=",
        "hello world",
    ] {
        assert_eq!(extract_wire(nothing), None, "{nothing:?}");
    }
    // A long certificate still fits one QR code.
    let mut long = payload();
    long.name = "Әлихан Нұрсұлтанұлы Жақсыбековтың-Сейітқазиев".into();
    long.title = "Халықаралық жастар форумы «Болашақ көшбасшылары» — 2025".into();
    let url = verification_url("https://forum.jiyn.example.kz", &keys().sign(&long));
    let qr = jiyn_core::qr::encode(&url).expect("fits a QR code");
    let version = (qr.width - 17) / 4;
    // 97 modules for the long one: at 6 cm, a module is 0.6 mm, fine for a phone.
    assert!(version <= 22, "version {version}");
    eprintln!(
        "long certificate: {} characters, QR version {version}",
        url.len()
    );
}

#[test]
fn a_tampered_payload_byte_is_refused() {
    let pair = keys();
    let wire = pair.sign(&payload());
    let (mut bytes, signature) = parts(&wire);
    // "minutes":750 → "minutes":950: one byte, still valid JSON.
    let at = String::from_utf8(bytes.clone())
        .unwrap()
        .find("750")
        .unwrap();
    bytes[at] = b'9';
    let forged = format!("{}.{signature}", base64url_encode(&bytes));
    assert_eq!(peek(&forged).unwrap().minutes, 950);
    assert_eq!(
        verify(&forged, &pair.public_key_text()),
        Err(CertError::BadSignature)
    );
}

#[test]
fn a_re_encoded_payload_with_more_minutes_is_refused() {
    let pair = keys();
    let wire = pair.sign(&payload());
    let (bytes, signature) = parts(&wire);
    let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    value["minutes"] = serde_json::Value::from(6000);
    let forged = format!(
        "{}.{signature}",
        base64url_encode(serde_json::to_string(&value).unwrap().as_bytes())
    );
    assert_eq!(peek(&forged).unwrap().minutes, 6000);
    assert_eq!(
        verify(&forged, &pair.public_key_text()),
        Err(CertError::BadSignature)
    );
    // The same payload re-serialized with spaces is other bytes: refused too.
    let spaced =
        serde_json::to_string_pretty(&serde_json::from_slice::<serde_json::Value>(&bytes).unwrap())
            .unwrap();
    let forged = format!("{}.{signature}", base64url_encode(spaced.as_bytes()));
    assert_eq!(
        verify(&forged, &pair.public_key_text()),
        Err(CertError::BadSignature)
    );
}

#[test]
fn a_tampered_signature_is_refused() {
    let pair = keys();
    let wire = pair.sign(&payload());
    let (bytes, signature) = parts(&wire);
    let mut sig = base64url_decode(&signature).unwrap();
    sig[10] ^= 1;
    let forged = format!("{}.{}", base64url_encode(&bytes), base64url_encode(&sig));
    assert_eq!(
        verify(&forged, &pair.public_key_text()),
        Err(CertError::BadSignature)
    );
}

#[test]
fn a_certificate_signed_by_another_key_is_refused_as_foreign() {
    let forger = other_keys();
    let wire = forger.sign(&payload());
    assert_eq!(
        verify(&wire, &keys().public_key_text()),
        Err(CertError::ForeignKey)
    );
    // Naming the forum's key id does not help the forger: the signature still fails.
    let mut claimed = payload();
    claimed.key = key_id(&keys().public_key_text());
    let bytes = serde_json::to_vec(&claimed).unwrap();
    let (_, signature) = parts(&wire);
    let forged = format!("{}.{signature}", base64url_encode(&bytes));
    assert_eq!(
        verify(&forged, &keys().public_key_text()),
        Err(CertError::BadSignature)
    );
    // And it verifies under the forger's own key, which the verifier never uses.
    assert!(verify(&wire, &forger.public_key_text()).is_ok());
}

#[test]
fn several_candidate_keys_the_first_that_verifies_wins() {
    let forum = keys();
    let wire = forum.sign(&payload());
    let (ours, theirs) = (forum.public_key_text(), other_keys().public_key_text());
    // The forum record has an old key, the feed the current one.
    let (checked, index) = verify_any(&wire, [theirs.as_str(), ours.as_str()]).unwrap();
    assert_eq!(index, 1);
    assert_eq!(checked.minutes, 750);
    assert_eq!(verify_any(&wire, [ours.as_str()]).unwrap().1, 0);
    // None verifies: the first key's reason.
    let forged = other_keys().sign(&payload());
    assert_eq!(
        verify_any(&forged, [ours.as_str(), "not-a-key"]),
        Err(CertError::ForeignKey)
    );
    // No key at all: "no key" for a readable certificate, "malformed" for garbage.
    assert_eq!(verify_any(&wire, []), Err(CertError::NoKey));
    assert_eq!(verify_any("garbage", []), Err(CertError::Malformed));
}

#[test]
fn truncated_and_garbage_codes_are_malformed() {
    let pair = keys();
    let key = pair.public_key_text();
    let wire = pair.sign(&payload());
    let (payload_part, signature) = wire.split_once('.').unwrap();
    let cases = [
        String::new(),
        "hello".to_string(),
        ".".to_string(),
        payload_part.to_string(),
        format!("{payload_part}."),
        format!(".{signature}"),
        wire[..wire.len() - 1].to_string(),
        wire[..wire.len() - 4].to_string(),
        format!("{}.{signature}", &payload_part[..payload_part.len() / 2]),
        format!("{payload_part}.{signature}AAAA"),
        format!("{payload_part}.{signature}.{signature}"),
        format!("{payload_part}={signature}"),
        format!("+{}", &wire[1..]),
        format!("{} ", &wire[..wire.len() - 1]),
        format!("{}.{signature}", base64url_encode(b"[1,2,3]")),
        format!("{}.{signature}", base64url_encode(b"{\"v\":1}")),
        format!("{}.{signature}", base64url_encode(b"{\"v\":\"1\"}")),
    ];
    for case in &cases {
        assert_eq!(verify(case, &key), Err(CertError::Malformed), "{case:?}");
        assert_eq!(peek(case), Err(CertError::Malformed), "{case:?}");
    }
}

#[test]
fn a_newer_version_is_named_as_such() {
    let pair = keys();
    let mut newer = payload();
    newer.version = 2;
    let wire = pair.sign(&newer);
    assert_eq!(peek(&wire), Err(CertError::UnsupportedVersion(2)));
    assert_eq!(
        verify(&wire, &pair.public_key_text()),
        Err(CertError::UnsupportedVersion(2))
    );
    // A future version with other fields: still named, not "malformed".
    let text = format!(
        "{}.{}",
        base64url_encode(br#"{"v":3,"something":"else"}"#),
        "A".repeat(86)
    );
    assert_eq!(peek(&text), Err(CertError::UnsupportedVersion(3)));
    assert_eq!(CERT_VERSION, 1);
}

#[test]
fn a_bad_public_key_is_reported_as_such() {
    let wire = keys().sign(&payload());
    for bad in ["", "abc", "Zg==", &"A".repeat(44)] {
        assert_eq!(verify(&wire, bad), Err(CertError::BadKey), "{bad:?}");
    }
    assert!(KeyPair::from_seed_text("short").is_err());
}

fn log(volunteer: Uuid, minutes: i64, status: HourStatus) -> HourLog {
    let at: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 11, 12, 5, 0, 0).unwrap();
    let device = DeviceId::new("test").unwrap();
    HourLog {
        meta: Meta::new(jiyn_core::ids::new_id(), forum_id(), Hlc::new(1, 0, device)),
        volunteer,
        shift: None,
        task: "Тіркеу үстелі".into(),
        started_at: at,
        ended_at: Some(at + chrono::TimeDelta::minutes(minutes)),
        status,
        note: String::new(),
    }
}

#[test]
fn only_approved_finished_live_entries_of_the_volunteer_count() {
    let me = volunteer_id();
    let someone = Uuid::from_u128(99);
    let at = Utc.with_ymd_and_hms(2025, 11, 12, 12, 0, 0).unwrap();
    let approved = || HourStatus::Approved {
        by: "coordinator".into(),
        at,
    };
    let mut running = log(me, 0, approved());
    running.ended_at = None;
    let mut deleted = log(me, 500, approved());
    deleted.meta.deleted = true;
    let hours = vec![
        log(me, 240, approved()),         // counts
        log(me, 95, approved()),          // counts
        log(me, 60, HourStatus::Pending), // not yet approved
        log(
            me,
            120,
            HourStatus::Rejected {
                by: "coordinator".into(),
                at,
                reason: "not on shift".into(),
            },
        ),
        log(
            me,
            180,
            HourStatus::NoShow {
                by: "coordinator".into(),
                at,
            },
        ),
        running,
        deleted,
        log(someone, 300, approved()), // someone else's
    ];
    // 240 + 95 = 335 minutes = 5 h 35 min.
    assert_eq!(approved_minutes(&hours, me), 335);
    assert_eq!(approved_minutes(&hours, someone), 300);
    assert_eq!(approved_minutes(&hours, Uuid::from_u128(1)), 0);
    assert_eq!(approved_minutes(&[], me), 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn base64url_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = base64url_encode(&bytes);
        prop_assert!(!text.contains('='));
        prop_assert_eq!(text.len(), (bytes.len() * 4).div_ceil(3));
        prop_assert_eq!(base64url_decode(&text), Some(bytes));
    }

    #[test]
    fn base64url_decoding_is_canonical(text in "[A-Za-z0-9_=+/ -]{0,40}") {
        // Whatever decodes re-encodes to the same text: one text per byte string.
        if let Some(bytes) = base64url_decode(&text) {
            prop_assert_eq!(base64url_encode(&bytes), text);
        }
    }

    #[test]
    fn random_bytes_never_panic_and_never_verify(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let key = keys().public_key_text();
        let text = String::from_utf8_lossy(&bytes);
        prop_assert!(verify(&text, &key).is_err());
        let _ = peek(&text);
        let _ = extract_wire(&text);
        // The same bytes as a well-formed wire text (payload and signature parts).
        let split = bytes.len() / 2;
        let wire = format!("{}.{}", base64url_encode(&bytes[..split]), base64url_encode(&bytes[split..]));
        prop_assert!(verify(&wire, &key).is_err());
    }

    #[test]
    fn random_signatures_never_verify(sig in prop::collection::vec(any::<u8>(), 64)) {
        let pair = keys();
        let wire = pair.sign(&payload());
        let (bytes, _) = parts(&wire);
        let forged = format!("{}.{}", base64url_encode(&bytes), base64url_encode(&sig));
        prop_assert_eq!(verify(&forged, &pair.public_key_text()), Err(CertError::BadSignature));
    }
}

proptest! {
    // Each case derives a key and signs: fewer cases keep the debug build quick.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_payload_round_trips(
        name in "\\PC{1,60}",
        title in "\\PC{0,60}",
        minutes in 0u64..1_000_000,
        day in 0u32..3650,
        seed in any::<[u8; 32]>(),
    ) {
        let pair = KeyPair::from_seed(seed);
        let mut p = payload();
        p.name = name;
        p.title = title;
        p.minutes = minutes;
        p.issued = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(u64::from(day));
        let wire = pair.sign(&p);
        let back = verify(&wire, &pair.public_key_text()).unwrap();
        p.key = key_id(&pair.public_key_text());
        prop_assert_eq!(back, p);
        // Any single flipped character of the payload part breaks it.
        let at = minutes as usize % wire.find('.').unwrap().max(1);
        let mut damaged = wire.clone().into_bytes();
        damaged[at] = if damaged[at] == b'A' { b'B' } else { b'A' };
        let damaged = String::from_utf8(damaged).unwrap();
        prop_assert!(verify(&damaged, &pair.public_key_text()).is_err());
    }
}

#[test]
fn the_module_constant_paths() {
    assert_eq!(cert::VERIFY_PATH, "/verify");
    assert_eq!(cert::FRAGMENT_KEY, "c");
}
