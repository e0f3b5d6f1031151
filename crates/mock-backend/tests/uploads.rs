//! Resumable uploads (tus shape): create, append at the offset, ask the offset, finish with a
//! type check, expiry of unfinished uploads.

mod common;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{get, json_request, send, state, Reply};
use domain::upload::{plan, CHUNK_BYTES, EXPIRY_SECS, MAX_BYTES};
use mock_backend::AppState;
use serde_json::json;

async fn create(state: &AppState, name: &str, size: u64, ctype: &str) -> Reply {
    send(
        state,
        json_request(
            Method::POST,
            "/api/v1/uploads/resumable",
            &json!({"name": name, "size": size, "content_type": ctype}),
            "de",
            None,
        ),
    )
    .await
}

async fn patch(state: &AppState, id: &str, offset: u64, bytes: &[u8]) -> Reply {
    send(
        state,
        Request::builder()
            .method(Method::PATCH)
            .uri(format!("/api/v1/uploads/resumable/{id}"))
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .header("Upload-Offset", offset.to_string())
            .header(header::ACCEPT_LANGUAGE, "de")
            .body(Body::from(bytes.to_vec()))
            .expect("request"),
    )
    .await
}

fn jpeg(len: usize) -> Vec<u8> {
    let mut b: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
    b[..4].copy_from_slice(&[0xFF, 0xD8, 0xFF, 0xE0]);
    b
}

fn id_of(r: &Reply) -> String {
    r.json["id"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn chunks_in_order_complete_the_file_byte_for_byte() {
    let s = state();
    let file = jpeg(600_000);
    let c = create(&s, "C:\\fotos\\schein.jpg", file.len() as u64, "image/jpeg").await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.text);
    let id = id_of(&c);
    assert!(id.starts_with("res_") && id.len() == 24);
    assert_eq!(c.location(), format!("/api/v1/uploads/resumable/{id}"));
    assert_eq!(c.header("upload-offset".parse().expect("name")), "0");
    let chunks = plan(file.len() as u64, CHUNK_BYTES);
    assert_eq!(chunks.len(), 3);
    let mut last = None;
    for ch in chunks {
        let r = patch(
            &s,
            &id,
            ch.offset,
            &file[ch.offset as usize..(ch.offset + ch.len) as usize],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json["offset"], ch.offset + ch.len);
        last = Some(r);
    }
    let last = last.expect("chunks");
    let receipt = &last.json["receipt"];
    assert_eq!(receipt["name"], "schein.jpg");
    assert_eq!(receipt["size"], file.len());
    assert_eq!(receipt["content_type"], "image/jpeg");
    let upl = receipt["id"].as_str().expect("receipt id");
    assert!(upl.starts_with("upl_"));
    let stored = get(&s, &format!("/api/v1/dev/uploads/{upl}/content")).await;
    assert_eq!(stored.status, StatusCode::OK);
    assert_eq!(stored.ctype(), "image/jpeg");
    assert_eq!(
        s.forms().upload_content(upl).map(|(_, b)| b.to_vec()),
        Some(file)
    );
    // A client whose last answer got lost asks and gets the receipt.
    let again = get(&s, &format!("/api/v1/uploads/resumable/{id}")).await;
    assert_eq!(again.json["receipt"]["id"], upl);
}

#[tokio::test]
async fn a_chunk_at_the_wrong_offset_is_refused_with_the_right_one() {
    let s = state();
    let file = jpeg(30);
    let id = id_of(&create(&s, "a.jpg", 30, "image/jpeg").await);
    assert_eq!(patch(&s, &id, 0, &file[..10]).await.status, StatusCode::OK);
    // Out of order: skips ahead, or repeats the first chunk.
    for offset in [20, 0] {
        let r = patch(
            &s,
            &id,
            offset,
            &file[offset as usize..offset as usize + 10],
        )
        .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.json["type"], "/problems/upload-offset");
        assert_eq!(r.header("upload-offset".parse().expect("name")), "10");
    }
    let missing = send(
        &s,
        Request::builder()
            .method(Method::PATCH)
            .uri(format!("/api/v1/uploads/resumable/{id}"))
            .body(Body::from("x"))
            .expect("request"),
    )
    .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        get(&s, &format!("/api/v1/uploads/resumable/{id}"))
            .await
            .json["offset"],
        10
    );
}

#[tokio::test]
async fn too_large_announced_or_sent() {
    let s = state();
    let r = create(&s, "big.pdf", MAX_BYTES + 1, "application/pdf").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["type"], "/problems/upload-too-large");
    assert!(r.json["detail"]
        .as_str()
        .unwrap_or("")
        .contains("größer als 10 MB"));
    let id = id_of(&create(&s, "a.jpg", 10, "image/jpeg").await);
    let r = patch(&s, &id, 0, &jpeg(11)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        r.header("upload-offset".parse().expect("name")),
        "",
        "not an offset conflict"
    );
    assert_eq!(r.json["type"], "/problems/upload-too-large");
    assert_eq!(
        create(&s, "a.gif", 10, "image/gif").await.json["type"],
        "/problems/upload-type"
    );
    assert_eq!(
        create(&s, "a.pdf", 0, "application/pdf").await.json["type"],
        "/problems/upload-empty"
    );
    // Names are only shown back: never a reason to refuse a file.
    let dots = create(&s, "..", 10, "application/pdf").await;
    assert_eq!(dots.status, StatusCode::CREATED);
    let long = format!("{}.pdf", "a".repeat(300));
    assert_eq!(
        create(&s, &long, 10, "application/pdf").await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn the_finished_file_is_sniffed_by_its_first_bytes() {
    let s = state();
    let id = id_of(&create(&s, "falsch.pdf", 12, "application/pdf").await);
    // The first chunk alone is not judged; the finished file is.
    assert_eq!(
        patch(&s, &id, 0, b"MZ\x90\x00").await.status,
        StatusCode::OK
    );
    let r = patch(&s, &id, 4, b"12345678").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["type"], "/problems/upload-type");
    assert_eq!(
        get(&s, &format!("/api/v1/uploads/resumable/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "dropped"
    );
    let id = id_of(&create(&s, "ok.pdf", 9, "application/pdf").await);
    let r = patch(&s, &id, 0, b"%PDF-1.7\n").await;
    assert_eq!(r.json["receipt"]["content_type"], "application/pdf");
}

#[tokio::test]
async fn resume_after_an_interrupted_chunk() {
    let s = state();
    let file = jpeg(40);
    let id = id_of(&create(&s, "a.jpg", 40, "image/jpeg").await);
    assert_eq!(patch(&s, &id, 0, &file[..20]).await.status, StatusCode::OK);
    // The connection dropped while the second chunk was on its way: the client does not know
    // whether it arrived, asks (HEAD, as tus), and continues at the acknowledged offset.
    let head = send(
        &s,
        Request::builder()
            .method(Method::HEAD)
            .uri(format!("/api/v1/uploads/resumable/{id}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(head.status, StatusCode::OK);
    assert_eq!(head.header("upload-offset".parse().expect("name")), "20");
    let r = patch(&s, &id, 20, &file[20..]).await;
    assert_eq!(r.status, StatusCode::OK);
    let upl = r.json["receipt"]["id"]
        .as_str()
        .expect("receipt")
        .to_owned();
    assert_eq!(
        s.forms().upload_content(&upl).map(|(_, b)| b.to_vec()),
        Some(file)
    );
}

#[tokio::test]
async fn unfinished_uploads_expire() {
    let s = state();
    let id = id_of(&create(&s, "a.jpg", 40, "image/jpeg").await);
    assert_eq!(
        patch(&s, &id, 0, &jpeg(20)[..10]).await.status,
        StatusCode::OK
    );
    s.clock().advance(EXPIRY_SECS - 10);
    // A chunk keeps it alive for another day.
    assert_eq!(patch(&s, &id, 10, &[1; 10]).await.status, StatusCode::OK);
    s.clock().advance(EXPIRY_SECS - 10);
    assert_eq!(
        get(&s, &format!("/api/v1/uploads/resumable/{id}"))
            .await
            .status,
        StatusCode::OK
    );
    s.clock().advance(11);
    let gone = get(&s, &format!("/api/v1/uploads/resumable/{id}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(gone.json["detail"]
        .as_str()
        .unwrap_or("")
        .contains("erneut"));
    assert_eq!(
        patch(&s, &id, 20, &[1; 20]).await.status,
        StatusCode::NOT_FOUND
    );
}
