//! Certificates of volunteer hours: a signed summary of one volunteer's approved hours
//! that anyone can check by scanning its QR code, offline once the forum's public key is
//! known.
//!
//! - The [`Payload`] is compact JSON with a fixed field order (the struct's order), e.g.
//!   `{"v":1,"forum":"…","title":"…","volunteer":"…","name":"…","minutes":750,
//!   "issued":"2025-11-14","lang":"kk","key":"q3G1xZ0a"}`.
//! - The signature is Ed25519 over exactly those payload bytes (the bytes as carried,
//!   never a re-serialization).
//! - The wire text is `<base64url(payload)>.<base64url(signature)>`, without padding,
//!   carried in a verification URL `<origin>/verify#c=<wire>` (the fragment never
//!   reaches a server).
//! - `key` is a short id of the signing key (see [`key_id`]). It is not trusted for
//!   anything: the verifier brings its own public key, and the id only tells "signed by
//!   another key" apart from "changed after signing" when the signature fails.
//!
//! Keys come from a 32-byte seed made by the organizer's device; nothing here reads a
//! random source. The format is described in `docs/certificates.md`.

use crate::model::{HourLog, Lang};
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The payload version this code writes and reads.
pub const CERT_VERSION: u32 = 1;

/// The verification page's path; the wire text follows in the fragment as `c=`.
pub const VERIFY_PATH: &str = "/verify";

/// The fragment parameter that carries the wire text.
pub const FRAGMENT_KEY: &str = "c";

/// What a certificate states. Field order is the wire order; do not reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// Always [`CERT_VERSION`] when written by this code.
    #[serde(rename = "v")]
    pub version: u32,
    /// The forum whose key signs (and whose public key verifies) the certificate.
    pub forum: Uuid,
    /// The forum's title in the certificate's language (as printed).
    pub title: String,
    /// The volunteer's participant id.
    pub volunteer: Uuid,
    /// The volunteer's full name, as printed.
    pub name: String,
    /// Approved minutes, as computed by [`approved_minutes`].
    pub minutes: u64,
    /// The day the certificate was issued.
    pub issued: NaiveDate,
    /// The certificate's language.
    pub lang: Lang,
    /// The id of the key that signed it ([`key_id`]); [`KeyPair::sign`] fills it in.
    #[serde(default)]
    pub key: String,
}

impl Payload {
    /// A version-[`CERT_VERSION`] payload; `key` is filled in when it is signed.
    pub fn new(
        forum: Uuid,
        title: &str,
        volunteer: Uuid,
        name: &str,
        minutes: u64,
        issued: NaiveDate,
        lang: Lang,
    ) -> Self {
        Self {
            version: CERT_VERSION,
            forum,
            title: title.to_string(),
            volunteer,
            name: name.to_string(),
            minutes,
            issued,
            lang,
            key: String::new(),
        }
    }

    /// Whole hours and the remaining minutes.
    pub fn hours_and_minutes(&self) -> (u64, u64) {
        (self.minutes / 60, self.minutes % 60)
    }
}

/// Why a certificate was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    /// Not a certificate code at all, or damaged beyond reading (bad base64, no
    /// separator, not JSON, a missing field, a signature of the wrong length).
    #[error("the certificate code is damaged or not a certificate")]
    Malformed,
    /// Made by a newer (or unknown) version of the format.
    #[error("the certificate has format version {0}, which this app does not read")]
    UnsupportedVersion(u32),
    /// The public key given to check against is not a valid Ed25519 key.
    #[error("the forum's public key is not a valid key")]
    BadKey,
    /// The signature is not the forum key's, and the certificate names another key.
    #[error("the certificate was signed by another key than the forum's")]
    ForeignKey,
    /// The signature does not match: the contents were changed after signing.
    #[error("the certificate's signature does not match its contents")]
    BadSignature,
    /// No public key of the certificate's forum is known here (see [`verify_any`]).
    #[error("no public key of the certificate's forum is known")]
    NoKey,
}

/// An organizer's signing key, made from a 32-byte seed. Its `Debug` shows only the
/// public key, so the seed never reaches a log by accident.
#[derive(Clone)]
pub struct KeyPair {
    signing: SigningKey,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("public", &self.public_key_text())
            .finish_non_exhaustive()
    }
}

impl KeyPair {
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// The key from a seed stored as base64url text (32 bytes).
    pub fn from_seed_text(text: &str) -> Result<Self, CertError> {
        let bytes = base64url_decode(text.trim()).ok_or(CertError::BadKey)?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| CertError::BadKey)?;
        Ok(Self::from_seed(seed))
    }

    /// The seed as base64url text, for the device's settings (never synced).
    pub fn seed_text(&self) -> String {
        base64url_encode(self.signing.as_bytes())
    }

    /// The public key as base64url text (32 bytes, 43 characters): what the forum
    /// record's `signing_key` and the public feed carry.
    pub fn public_key_text(&self) -> String {
        base64url_encode(self.signing.verifying_key().as_bytes())
    }

    /// The wire text of a signed certificate: the payload (with `key` set to this key's
    /// id) as compact JSON, and the Ed25519 signature over those bytes.
    pub fn sign(&self, payload: &Payload) -> String {
        let mut payload = payload.clone();
        payload.key = key_id(&self.public_key_text());
        let bytes = serde_json::to_vec(&payload).expect("a payload always serializes");
        let signature = self.signing.sign(&bytes);
        format!(
            "{}.{}",
            base64url_encode(&bytes),
            base64url_encode(&signature.to_bytes())
        )
    }
}

/// A short id of a public key: base64url of the first 6 bytes of the SHA-256 of its
/// text (8 characters). Only to name the key in messages and to tell "another key"
/// apart from "changed"; never used to find or trust a key.
pub fn key_id(public_key_text: &str) -> String {
    let digest = Sha256::digest(public_key_text.trim().as_bytes());
    base64url_encode(&digest[..6])
}

/// The payload bytes and signature of a wire text, unchecked.
fn split(wire: &str) -> Result<(Vec<u8>, [u8; 64]), CertError> {
    let (payload, signature) = wire.trim().split_once('.').ok_or(CertError::Malformed)?;
    let payload = base64url_decode(payload).ok_or(CertError::Malformed)?;
    let signature: [u8; 64] = base64url_decode(signature)
        .ok_or(CertError::Malformed)?
        .try_into()
        .map_err(|_| CertError::Malformed)?;
    Ok((payload, signature))
}

/// Parses payload bytes: the version first (so a newer format is named as such), then
/// the fields.
fn parse(bytes: &[u8]) -> Result<Payload, CertError> {
    #[derive(Deserialize)]
    struct Envelope {
        v: serde_json::Value,
    }
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|_| CertError::Malformed)?;
    let version = envelope.v.as_u64().ok_or(CertError::Malformed)?;
    if version != u64::from(CERT_VERSION) {
        return Err(CertError::UnsupportedVersion(
            u32::try_from(version).unwrap_or(u32::MAX),
        ));
    }
    serde_json::from_slice(bytes).map_err(|_| CertError::Malformed)
}

/// Reads a certificate WITHOUT checking its signature: only to learn which forum's key
/// to check it with. Nothing read here may be shown as valid.
pub fn peek(wire: &str) -> Result<Payload, CertError> {
    let (bytes, _) = split(wire)?;
    parse(&bytes)
}

/// Checks a certificate against a forum's public key (base64url, 32 bytes) that the
/// caller found on its own (the forum record or the forum's public feed), never one
/// carried by the certificate.
pub fn verify(wire: &str, public_key_text: &str) -> Result<Payload, CertError> {
    let (bytes, signature) = split(wire)?;
    let payload = parse(&bytes)?;
    let key_bytes: [u8; 32] = base64url_decode(public_key_text.trim())
        .ok_or(CertError::BadKey)?
        .try_into()
        .map_err(|_| CertError::BadKey)?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| CertError::BadKey)?;
    let signature = Signature::from_bytes(&signature);
    match key.verify_strict(&bytes, &signature) {
        Ok(()) => Ok(payload),
        Err(_) if payload.key != key_id(public_key_text) => Err(CertError::ForeignKey),
        Err(_) => Err(CertError::BadSignature),
    }
}

/// Checks a certificate against the candidate keys of its forum, in order of preference
/// (the forum record's key, then one learned from the forum's public feed): the first
/// that verifies wins, with its index. When none does, the error for the first key
/// (the most authoritative); with no keys, [`CertError::NoKey`] once the text itself has
/// been read (a damaged text is still [`CertError::Malformed`]).
pub fn verify_any<'k>(
    wire: &str,
    keys: impl IntoIterator<Item = &'k str>,
) -> Result<(Payload, usize), CertError> {
    let mut first_error = None;
    for (i, key) in keys.into_iter().enumerate() {
        match verify(wire, key) {
            Ok(payload) => return Ok((payload, i)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => peek(wire).and(Err(CertError::NoKey)),
    }
}

/// The verification URL of a wire text: `<origin>/verify#c=<wire>`. The wire text is
/// base64url and `.`, so it needs no escaping.
pub fn verification_url(origin: &str, wire: &str) -> String {
    format!(
        "{}{VERIFY_PATH}#{FRAGMENT_KEY}={wire}",
        origin.trim_end_matches('/')
    )
}

/// The wire text in what a person pasted or a scanner read: a verification URL (only
/// its fragment's `c=` is read; the rest of the URL is ignored), a fragment `#c=…` or
/// `c=…`, or the bare wire text. `None` when there is nothing that looks like one.
pub fn extract_wire(text: &str) -> Option<String> {
    let text = text.trim();
    let fragment = match text.split_once('#') {
        Some((_, f)) => f,
        None => text,
    };
    let prefix = format!("{FRAGMENT_KEY}=");
    let wire = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(prefix.as_str()))
        .unwrap_or(fragment)
        .trim();
    let ok = !wire.is_empty()
        && wire.contains('.')
        && wire
            .bytes()
            .all(|b| b == b'.' || b == b'-' || b == b'_' || b.is_ascii_alphanumeric());
    ok.then(|| wire.to_string())
}

/// A volunteer's approved minutes: finished, not deleted, approved entries only
/// (pending, rejected and no-show entries and running timers count nothing; an entry
/// ending before it starts counts nothing).
pub fn approved_minutes(hours: &[HourLog], volunteer: Uuid) -> u64 {
    let mine = hours.iter().filter(|h| h.volunteer == volunteer);
    u64::try_from(crate::volunteer::minutes_of(mine).approved).unwrap_or(0)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url (RFC 4648 §5) without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes base64url without padding, strictly: `None` for any other character
/// (padding, `+`, `/`, spaces), an impossible length, or non-zero unused bits (so each
/// byte string has exactly one text).
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'-' => Some(62),
            b'_' => Some(63),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let full = chunk.len() - 1;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // Bits below the last whole byte must be zero.
        let unused = n & ((1u32 << (24 - 8 * full)) - 1);
        if unused != 0 {
            return None;
        }
        out.extend_from_slice(&decoded[..full]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_the_rfc_4648_vectors_without_padding() {
        let vectors: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (bytes, text) in vectors {
            assert_eq!(base64url_encode(bytes), text);
            assert_eq!(base64url_decode(text).as_deref(), Some(bytes));
        }
        // The URL alphabet: 0xfb 0xff → "-_8" (standard base64 would give "+/8").
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8"), Some(vec![0xfb, 0xff]));
    }

    #[test]
    fn base64url_decoding_is_strict() {
        // Padding, the standard alphabet, impossible lengths, spaces, and unused bits
        // that are not zero ("Zh" and "Zm9" would be "f" and "fo" in a lax decoder).
        for bad in ["Zg==", "Zm9v+", "Zm9/", "Z", "Zm9vY", "Zm 9v", "Zh", "Zm9"] {
            assert_eq!(base64url_decode(bad), None, "{bad:?}");
        }
        assert_eq!(base64url_decode("Zm8"), Some(b"fo".to_vec()));
    }
}
