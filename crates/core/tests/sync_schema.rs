//! The sync messages jiyn-core writes match docs/sync.schema.json, message by message,
//! and the schema refuses what the protocol refuses.

use jiyn_core::sync::*;
use jiyn_core::{AnyRecord, CheckInAction, DeviceId, HlcClock, Participant, Role, Writer};
use serde_json::{json, Value};
use uuid::Uuid;

const SCHEMA: &str = include_str!("../../../docs/sync.schema.json");

/// A validator for one message of the schema (`#/$defs/<name>`).
fn check(name: &str, value: &Value) -> Result<(), String> {
    let mut schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    schema["$ref"] = json!(format!("#/$defs/{name}"));
    schema.as_object_mut().unwrap().remove("oneOf");
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid JSON Schema");
    let errors: Vec<String> = v.iter_errors(value).map(|e| e.to_string()).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

fn sample() -> (Vec<jiyn_core::Change>, Vec<AnyRecord>) {
    let forum = Uuid::from_u128(7);
    let mut w = Writer::new(HlcClock::new(DeviceId::new("desk-1").unwrap()));
    let (p, c1) = w
        .create(1_762_840_800_000, Some(forum), |meta| Participant {
            meta,
            full_name: "Ақбота Оқасова".into(),
            phone: Some("+77011234567".into()),
            region: "Батыс Қазақстан".into(),
            district: String::new(),
            organisation: String::new(),
            birth_year: Some(2003),
            role: Role::Participant,
            delegation: None,
            badge_code: "K7Q2M9XA".into(),
            iin: None,
            head_of_delegation: false,
            consent: None,
        })
        .unwrap();
    let (e, c2) = jiyn_core::desk::check_in_event(
        &mut w,
        1_762_840_900_000,
        forum,
        p.meta.id,
        CheckInAction::CheckIn,
        "Кіреберіс 1",
    )
    .unwrap();
    let (gone, c3) = w.delete(1_762_841_000_000, &e).unwrap();
    (vec![c1, c2, c3], vec![p.into(), gone.into()])
}

#[test]
fn every_message_matches_the_schema() {
    let (changes, records) = sample();
    let ids: Vec<Uuid> = changes.iter().map(|c| c.id).collect();
    let messages = [
        (
            "push_request",
            serde_json::to_value(PushRequest {
                protocol: PROTOCOL_VERSION,
                device: "desk-1".into(),
                changes,
            }),
        ),
        (
            "push_response",
            serde_json::to_value(PushResponse {
                protocol: PROTOCOL_VERSION,
                accepted: vec![ids[0]],
                duplicate: vec![ids[1]],
                rejected: vec![Rejected {
                    id: ids[2],
                    reason: RejectReason::ClockAhead,
                    detail: "stamped ahead".into(),
                }],
                cursor: "42".into(),
            }),
        ),
        (
            "pull_response",
            serde_json::to_value(PullResponse {
                protocol: PROTOCOL_VERSION,
                records,
                cursor: "".into(),
                more: false,
            }),
        ),
        (
            "error",
            serde_json::to_value(ErrorBody {
                error: ErrorCode::ClientTooOld,
                message: "update the app".into(),
                min_protocol: Some(2),
                max_protocol: Some(3),
            }),
        ),
        (
            "hello",
            serde_json::to_value(Hello {
                protocol: 1,
                min_protocol: 1,
                server: "jiyn-server 0.1.0".into(),
            }),
        ),
        (
            "forum_list",
            serde_json::to_value(ForumList {
                protocol: 1,
                role: TokenRole::Desk,
                forums: vec![Uuid::from_u128(7)],
            }),
        ),
    ];
    for (name, value) in messages {
        let value = value.unwrap();
        check(name, &value).unwrap_or_else(|e| panic!("{name}: {e}\n{value:#}"));
    }
    // Every error code and reject reason is in the schema.
    for code in [
        ErrorCode::Malformed,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::TooLarge,
        ErrorCode::RateLimited,
        ErrorCode::ClientTooOld,
        ErrorCode::ServerTooOld,
        ErrorCode::Unavailable,
    ] {
        let body = json!({"error": code, "message": "m"});
        check("error", &body).unwrap();
    }
    for reason in [
        RejectReason::Malformed,
        RejectReason::WrongForum,
        RejectReason::Invalid,
        RejectReason::Forbidden,
        RejectReason::ClockAhead,
        RejectReason::Conflict,
    ] {
        let body = json!({"protocol": 1, "accepted": [], "duplicate": [], "cursor": "1",
            "rejected": [{"id": Uuid::from_u128(1), "reason": reason, "detail": ""}]});
        check("push_response", &body).unwrap();
    }
}

#[test]
fn the_schema_refuses_what_the_protocol_refuses() {
    let (changes, _) = sample();
    let good = serde_json::to_value(PushRequest {
        protocol: 1,
        device: "d".into(),
        changes,
    })
    .unwrap();
    let mut no_id = good.clone();
    no_id["changes"][0].as_object_mut().unwrap().remove("id");
    let mut bad_stamp = good.clone();
    bad_stamp["changes"][0]["hlc"] = json!("yesterday");
    let mut extra = good.clone();
    extra["token"] = json!("secret");
    let mut too_many = good.clone();
    too_many["changes"] = json!(vec![good["changes"][0].clone(); 1001]);
    for (what, v) in [
        ("no change id", no_id),
        ("a stamp that is not one", bad_stamp),
        ("an unknown field", extra),
        ("more than 1,000 changes", too_many),
    ] {
        assert!(check("push_request", &v).is_err(), "{what} must be refused");
    }
    assert!(check(
        "pull_response",
        &json!({"protocol": 1, "records": [], "cursor": "-1", "more": false})
    )
    .is_err());
}
