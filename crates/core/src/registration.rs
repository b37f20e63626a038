//! Self-registration from a partner website: the message the `<jiyn-register>` form
//! posts to the sync server's public route `POST /v1/forums/{forum}/registrations`,
//! its checks (each refusal names the field it concerns), and the [`Participant`] the
//! server makes of it. The server stores that participant as a change of the forum,
//! like a pushed one, so every device pulls it. `docs/sync.md` describes the wire
//! format.
//!
//! Nothing here reads a clock or a random source: the server passes its time and a
//! new badge code in.

use crate::model::{Consent, Guardian, Lang, Meta, Participant, Record, Role, ValidationError};
use crate::people::{normalize_phone, PhoneError};
use crate::sync::ErrorBody;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The most characters of a name, a region, a district or an organisation.
pub const MAX_TEXT_CHARS: usize = 200;
/// The most characters of a consent text's version.
pub const MAX_VERSION_CHARS: usize = 64;
/// The largest registration body the server accepts, in bytes (a real one is well
/// under 2 KiB).
pub const MAX_REGISTRATION_BYTES: usize = 16 * 1024;
/// The device id of the server's own writes (the HLC stamps of registrations).
pub const SERVER_DEVICE: &str = "server";

/// What a registration form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    /// A UUID v7 the form made: the new participant's id and the idempotency key (the
    /// same id sent twice registers once).
    pub id: Uuid,
    pub full_name: String,
    /// As typed; stored in E.164 ([`normalize_phone`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub consent: ConsentShown,
    /// Required when the person is under 18 in the server's current year; ignored
    /// (not stored) otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian: Option<Guardian>,
}

/// The consent text the person agreed to: its version and the language it was shown
/// in. The time of consent is the server's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentShown {
    pub text_version: String,
    pub language: Lang,
}

/// The answer to a registration (`201` registered now, `200` already registered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationAnswer {
    pub status: RegistrationStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationStatus {
    #[serde(rename = "registered")]
    Registered,
    /// A registration with this id was stored before; nothing was stored again.
    #[serde(rename = "already registered")]
    AlreadyRegistered,
}

/// A refused registration on the wire: the [`ErrorBody`] of every error answer plus
/// the field it concerns (a dotted path such as `guardian.full_name`; absent when the
/// whole body is wrong).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRefusal {
    #[serde(flatten)]
    pub body: ErrorBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the body is not JSON")]
    NotJson,
    #[error("not an object")]
    NotAnObject,
    #[error("unknown field")]
    Unknown,
    #[error("required")]
    Required,
    #[error("expected {0}")]
    WrongType(&'static str),
    #[error("longer than {0} characters")]
    TooLong(usize),
    #[error("control characters are not allowed")]
    ControlCharacter,
    #[error("not a UUID v7")]
    NotUuidV7,
    #[error("not one of kk, ru, en")]
    UnknownLanguage,
    #[error("out of range")]
    OutOfRange,
    #[error("not a phone number: {0}")]
    Phone(PhoneError),
    #[error("a guardian is required for participants under 18")]
    GuardianRequired,
}

/// A refused registration: the field (`None`: the whole body) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {problem}", field.as_deref().unwrap_or("body"))]
pub struct RegistrationError {
    pub field: Option<String>,
    pub problem: Problem,
}

impl RegistrationError {
    fn at(field: impl Into<String>, problem: Problem) -> Self {
        RegistrationError {
            field: Some(field.into()),
            problem,
        }
    }

    fn body(problem: Problem) -> Self {
        RegistrationError {
            field: None,
            problem,
        }
    }
}

const FIELDS: [&str; 9] = [
    "id",
    "full_name",
    "phone",
    "birth_year",
    "region",
    "district",
    "organisation",
    "consent",
    "guardian",
];

/// A JSON object's members, refusing any not in `known` (named `prefix` + key).
fn members<'a>(
    value: &'a Value,
    field: Option<&str>,
    known: &[&str],
) -> Result<&'a Map<String, Value>, RegistrationError> {
    let map = value.as_object().ok_or_else(|| match field {
        Some(f) => RegistrationError::at(f, Problem::NotAnObject),
        None => RegistrationError::body(Problem::NotAnObject),
    })?;
    if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
        let name = match field {
            Some(f) => format!("{f}.{k}"),
            None => k.clone(),
        };
        return Err(RegistrationError::at(name, Problem::Unknown));
    }
    Ok(map)
}

/// An optional text member (absent, `null` or blank: `None`), trimmed and checked.
fn text(
    map: &Map<String, Value>,
    key: &str,
    field: &str,
    max: usize,
) -> Result<Option<String>, RegistrationError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else if s.chars().count() > max {
                Err(RegistrationError::at(field, Problem::TooLong(max)))
            } else if s.chars().any(char::is_control) {
                Err(RegistrationError::at(field, Problem::ControlCharacter))
            } else {
                Ok(Some(s.to_string()))
            }
        }
        Some(_) => Err(RegistrationError::at(field, Problem::WrongType("text"))),
    }
}

/// A required text member.
fn required(
    map: &Map<String, Value>,
    key: &str,
    field: &str,
    max: usize,
) -> Result<String, RegistrationError> {
    text(map, key, field, max)?.ok_or_else(|| RegistrationError::at(field, Problem::Required))
}

fn phone_of(raw: Option<String>, field: &str) -> Result<Option<String>, RegistrationError> {
    raw.map(|p| normalize_phone(&p).map_err(|e| RegistrationError::at(field, Problem::Phone(e))))
        .transpose()
}

impl RegistrationRequest {
    /// Reads a request body, naming the field of the first problem. Texts are trimmed
    /// (blank ones become absent) and phones normalised to E.164; the rules that
    /// depend on the date are [`RegistrationRequest::participant`]'s.
    pub fn parse(body: &[u8]) -> Result<RegistrationRequest, RegistrationError> {
        let value: Value =
            serde_json::from_slice(body).map_err(|_| RegistrationError::body(Problem::NotJson))?;
        let map = members(&value, None, &FIELDS)?;
        let id = match map.get("id") {
            None | Some(Value::Null) => return Err(RegistrationError::at("id", Problem::Required)),
            Some(Value::String(s)) => s
                .parse::<Uuid>()
                .ok()
                .filter(|u| u.get_version_num() == 7 && u.get_variant() == uuid::Variant::RFC4122)
                .ok_or_else(|| RegistrationError::at("id", Problem::NotUuidV7))?,
            Some(_) => return Err(RegistrationError::at("id", Problem::WrongType("text"))),
        };
        let full_name = required(map, "full_name", "full_name", MAX_TEXT_CHARS)?;
        let phone = phone_of(text(map, "phone", "phone", 40)?, "phone")?;
        let birth_year = match map.get("birth_year") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(
                n.as_i64()
                    .and_then(|y| i32::try_from(y).ok())
                    .ok_or_else(|| RegistrationError::at("birth_year", Problem::OutOfRange))?,
            ),
            Some(_) => {
                return Err(RegistrationError::at(
                    "birth_year",
                    Problem::WrongType("a whole number"),
                ))
            }
        };
        let region = text(map, "region", "region", MAX_TEXT_CHARS)?;
        let district = text(map, "district", "district", MAX_TEXT_CHARS)?;
        let organisation = text(map, "organisation", "organisation", MAX_TEXT_CHARS)?;
        let consent = match map.get("consent") {
            None | Some(Value::Null) => {
                return Err(RegistrationError::at("consent", Problem::Required))
            }
            Some(v) => {
                let c = members(v, Some("consent"), &["text_version", "language"])?;
                let text_version =
                    required(c, "text_version", "consent.text_version", MAX_VERSION_CHARS)?;
                let language = required(c, "language", "consent.language", 8)?;
                let language = Lang::from_code(&language).ok_or_else(|| {
                    RegistrationError::at("consent.language", Problem::UnknownLanguage)
                })?;
                ConsentShown {
                    text_version,
                    language,
                }
            }
        };
        let guardian = match map.get("guardian") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let g = members(v, Some("guardian"), &["full_name", "phone"])?;
                let name = text(g, "full_name", "guardian.full_name", MAX_TEXT_CHARS)?;
                let phone = phone_of(text(g, "phone", "guardian.phone", 40)?, "guardian.phone")?;
                match (name, phone) {
                    (None, None) => None,
                    (None, Some(_)) => {
                        return Err(RegistrationError::at(
                            "guardian.full_name",
                            Problem::Required,
                        ))
                    }
                    (Some(full_name), phone) => Some(Guardian { full_name, phone }),
                }
            }
        };
        Ok(RegistrationRequest {
            id,
            full_name,
            phone,
            birth_year,
            region,
            district,
            organisation,
            consent,
            guardian,
        })
    }

    /// The participant this registration makes, consenting at `now` (the server's
    /// time), with the given badge code and `meta`: a participant (never another
    /// role), born in 1900 or later and not after `now`'s year, with a guardian when
    /// under 18 in `now`'s year (a guardian given for an adult is not kept). Checked
    /// with the record's own rules too ([`Record::validate`]).
    pub fn participant(
        &self,
        meta: Meta,
        badge_code: String,
        now: DateTime<Utc>,
    ) -> Result<Participant, RegistrationError> {
        if let Some(year) = self.birth_year {
            if !(1900..=now.year()).contains(&year) {
                return Err(RegistrationError::at("birth_year", Problem::OutOfRange));
            }
        }
        let minor = self
            .birth_year
            .is_some_and(|b| now.year() - b < crate::model::ADULT_AGE);
        if minor && self.guardian.is_none() {
            return Err(RegistrationError::at("guardian", Problem::GuardianRequired));
        }
        let p = Participant {
            meta,
            full_name: self.full_name.clone(),
            phone: self.phone.clone(),
            region: self.region.clone().unwrap_or_default(),
            district: self.district.clone().unwrap_or_default(),
            organisation: self.organisation.clone().unwrap_or_default(),
            birth_year: self.birth_year,
            role: Role::Participant,
            delegation: None,
            badge_code,
            iin: None,
            head_of_delegation: false,
            consent: Some(Consent {
                text_version: self.consent.text_version.clone(),
                language: self.consent.language,
                given_at: now,
                guardian: if minor { self.guardian.clone() } else { None },
            }),
        };
        p.validate().map_err(|e| {
            let field = match &e {
                ValidationError::GuardianRequired { .. } => "guardian",
                other => other.field(),
            };
            let problem = match e {
                ValidationError::Required { .. } => Problem::Required,
                ValidationError::GuardianRequired { .. } => Problem::GuardianRequired,
                _ => Problem::OutOfRange,
            };
            RegistrationError::at(field, problem)
        })?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::{DeviceId, Hlc};
    use serde_json::json;

    const ID: &str = "019a7c2e-5b1f-7cc3-9a2d-3f4e5d6c7b8a";

    fn now() -> DateTime<Utc> {
        "2026-11-22T08:30:00Z".parse().unwrap()
    }

    fn meta() -> Meta {
        let hlc = Hlc::new(1, 0, DeviceId::new(SERVER_DEVICE).unwrap());
        Meta::new(ID.parse().unwrap(), Uuid::from_u128(7), hlc)
    }

    fn adult() -> Value {
        json!({
            "id": ID,
            "full_name": "  Ақбота Оқасова ",
            "phone": "8 701 234 56 78",
            "birth_year": 2001,
            "region": "Батыс Қазақстан",
            "consent": { "text_version": "jiyn-embed-2026-1", "language": "kk" }
        })
    }

    fn parse(v: &Value) -> Result<RegistrationRequest, RegistrationError> {
        RegistrationRequest::parse(v.to_string().as_bytes())
    }

    /// The field named by the refusal of `v`.
    fn refused(v: &Value) -> (Option<String>, Problem) {
        let e = parse(v)
            .and_then(|r| r.participant(meta(), "K7Q2M9XA".into(), now()).map(|_| r))
            .unwrap_err();
        (e.field, e.problem)
    }

    fn with(mut v: Value, key: &str, value: Value) -> Value {
        v[key] = value;
        v
    }

    fn without(mut v: Value, key: &str) -> Value {
        v.as_object_mut().unwrap().remove(key);
        v
    }

    #[test]
    fn an_adult_becomes_a_participant_with_the_servers_consent_time() {
        let r = parse(&adult()).unwrap();
        assert_eq!(r.full_name, "Ақбота Оқасова", "trimmed");
        assert_eq!(r.phone.as_deref(), Some("+77012345678"), "E.164");
        let p = r.participant(meta(), "K7Q2M9XA".into(), now()).unwrap();
        assert_eq!(p.meta.id.to_string(), ID);
        assert_eq!(p.role, Role::Participant);
        assert_eq!(p.badge_code, "K7Q2M9XA");
        assert_eq!(p.region, "Батыс Қазақстан");
        assert_eq!(p.district, "");
        let c = p.consent.unwrap();
        assert_eq!(c.given_at, now());
        assert_eq!(c.text_version, "jiyn-embed-2026-1");
        assert_eq!(c.language, Lang::Kk);
        assert_eq!(c.guardian, None);
    }

    #[test]
    fn a_minor_needs_a_guardian_and_an_adults_guardian_is_not_kept() {
        // Born 2009: 17 at the end of 2026.
        let minor = with(adult(), "birth_year", json!(2009));
        assert_eq!(
            refused(&minor),
            (Some("guardian".into()), Problem::GuardianRequired)
        );
        let blank = with(
            minor.clone(),
            "guardian",
            json!({"full_name": " ", "phone": null}),
        );
        assert_eq!(
            refused(&blank),
            (Some("guardian".into()), Problem::GuardianRequired)
        );
        let phone_only = with(minor.clone(), "guardian", json!({"phone": "87011112233"}));
        assert_eq!(
            refused(&phone_only),
            (Some("guardian.full_name".into()), Problem::Required)
        );
        let ok = with(
            minor,
            "guardian",
            json!({"full_name": "Гүлнар Оқасова", "phone": "+7 (701) 111-22-33"}),
        );
        let p = parse(&ok)
            .unwrap()
            .participant(meta(), "K7Q2M9XA".into(), now())
            .unwrap();
        let g = p.consent.unwrap().guardian.unwrap();
        assert_eq!(
            (g.full_name.as_str(), g.phone.as_deref()),
            ("Гүлнар Оқасова", Some("+77011112233"))
        );
        // Born 2008: 18 at the end of 2026, an adult; the guardian is dropped.
        let adult_with = with(
            with(adult(), "birth_year", json!(2008)),
            "guardian",
            json!({"full_name": "Гүлнар Оқасова"}),
        );
        let p = parse(&adult_with)
            .unwrap()
            .participant(meta(), "K7Q2M9XA".into(), now())
            .unwrap();
        assert_eq!(p.consent.unwrap().guardian, None);
    }

    #[test]
    fn each_refusal_names_its_field() {
        let cases: Vec<(Value, &str, Problem)> = vec![
            (without(adult(), "id"), "id", Problem::Required),
            (
                with(adult(), "id", json!("not-a-uuid")),
                "id",
                Problem::NotUuidV7,
            ),
            (
                // A version 4 UUID.
                with(adult(), "id", json!("9b2e4c1a-5d3f-4e8b-a7c6-1d2e3f4a5b6c")),
                "id",
                Problem::NotUuidV7,
            ),
            (
                with(adult(), "id", json!(7)),
                "id",
                Problem::WrongType("text"),
            ),
            (
                without(adult(), "full_name"),
                "full_name",
                Problem::Required,
            ),
            (
                with(adult(), "full_name", json!("   ")),
                "full_name",
                Problem::Required,
            ),
            (
                with(adult(), "full_name", json!("a".repeat(201))),
                "full_name",
                Problem::TooLong(MAX_TEXT_CHARS),
            ),
            (
                with(adult(), "full_name", json!("Ақбота\u{0}")),
                "full_name",
                Problem::ControlCharacter,
            ),
            (
                with(adult(), "phone", json!("8 701 abc")),
                "phone",
                Problem::Phone(PhoneError::UnexpectedCharacter('a')),
            ),
            (
                with(adult(), "birth_year", json!("2001")),
                "birth_year",
                Problem::WrongType("a whole number"),
            ),
            (
                with(adult(), "birth_year", json!(2001.5)),
                "birth_year",
                Problem::OutOfRange,
            ),
            (
                with(adult(), "birth_year", json!(1899)),
                "birth_year",
                Problem::OutOfRange,
            ),
            (
                with(adult(), "birth_year", json!(2027)),
                "birth_year",
                Problem::OutOfRange,
            ),
            (
                with(adult(), "region", json!(["x"])),
                "region",
                Problem::WrongType("text"),
            ),
            (without(adult(), "consent"), "consent", Problem::Required),
            (
                with(adult(), "consent", json!("yes")),
                "consent",
                Problem::NotAnObject,
            ),
            (
                with(adult(), "consent", json!({"language": "kk"})),
                "consent.text_version",
                Problem::Required,
            ),
            (
                with(
                    adult(),
                    "consent",
                    json!({"text_version": "v1", "language": "de"}),
                ),
                "consent.language",
                Problem::UnknownLanguage,
            ),
            (
                with(
                    adult(),
                    "consent",
                    json!({"text_version": "v1", "language": "kk", "given_at": "2000-01-01T00:00:00Z"}),
                ),
                "consent.given_at",
                Problem::Unknown,
            ),
            (
                with(adult(), "role", json!("staff")),
                "role",
                Problem::Unknown,
            ),
            (
                with(adult(), "badge_code", json!("AAAAAAAA")),
                "badge_code",
                Problem::Unknown,
            ),
            (
                with(adult(), "guardian", json!({"full_name": "x", "iin": "1"})),
                "guardian.iin",
                Problem::Unknown,
            ),
        ];
        for (body, field, problem) in cases {
            assert_eq!(refused(&body), (Some(field.to_string()), problem), "{body}");
        }
        for garbage in [&b"not json"[..], b"", b"[1,2]", b"\"x\"", b"{\"id\":"] {
            let e = RegistrationRequest::parse(garbage).unwrap_err();
            assert_eq!(e.field, None, "{garbage:?}");
        }
    }

    #[test]
    fn optional_fields_may_be_absent_null_or_blank() {
        let minimal = json!({
            "id": ID,
            "full_name": "Ақбота",
            "phone": "",
            "birth_year": null,
            "district": null,
            "consent": { "text_version": "v1", "language": "en" }
        });
        let p = parse(&minimal)
            .unwrap()
            .participant(meta(), "K7Q2M9XA".into(), now())
            .unwrap();
        assert_eq!((p.phone, p.birth_year), (None, None));
    }

    #[test]
    fn the_typed_request_is_what_the_parser_reads() {
        // A request serialised from the type parses back to itself.
        let r = parse(&with(
            with(adult(), "birth_year", json!(2010)),
            "guardian",
            json!({"full_name": "Гүлнар Оқасова", "phone": "+77011112233"}),
        ))
        .unwrap();
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(RegistrationRequest::parse(text.as_bytes()).unwrap(), r);
        let typed: RegistrationRequest = serde_json::from_str(&text).unwrap();
        assert_eq!(typed, r);
    }

    #[test]
    fn answers_and_refusals_on_the_wire() {
        let a = |s| serde_json::to_string(&RegistrationAnswer { status: s }).unwrap();
        assert_eq!(
            a(RegistrationStatus::Registered),
            r#"{"status":"registered"}"#
        );
        assert_eq!(
            a(RegistrationStatus::AlreadyRegistered),
            r#"{"status":"already registered"}"#
        );
        let refusal = RegistrationRefusal {
            body: ErrorBody {
                error: crate::sync::ErrorCode::Malformed,
                message: "phone: too short".into(),
                min_protocol: None,
                max_protocol: None,
            },
            field: Some("phone".into()),
        };
        let text = serde_json::to_string(&refusal).unwrap();
        assert_eq!(
            text,
            r#"{"error":"malformed","message":"phone: too short","field":"phone"}"#
        );
        // Any client that reads error answers reads this one too.
        let plain: ErrorBody = serde_json::from_str(&text).unwrap();
        assert_eq!(plain, refusal.body);
    }
}
