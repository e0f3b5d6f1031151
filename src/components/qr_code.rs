//! QR codes drawn in the browser (the GiroCode, the resume link), from a chunk of their own.

use crate::chunk::ChunkError;
use leptos::wasm_split::wasm_split;

/// What the QR chunk makes of a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrFormat {
    /// SVG markup; the text alternative is passed along.
    Svg,
    /// PNG file bytes at 8 px per module, for "Bild speichern".
    Png,
}

/// The QR encoder (fast_qr, compiled at opt-level 3) and the SVG/PNG writers: a chunk of their
/// own, so that the hearing and notice landing pages show the case and the transfer data without
/// waiting for them. `None`: the payload does not fit a QR code (the data as text still work).
#[wasm_split(qr, wasm_split_path = ::leptos::wasm_split, preload(preload_qr), fallible)]
fn qr(payload: Vec<u8>, format: QrFormat, alt: String) -> Result<Option<Vec<u8>>, ChunkError> {
    let Ok(matrix) = girocode::QrMatrix::encode(&payload) else {
        return Ok(None);
    };
    Ok(Some(match format {
        QrFormat::Svg => matrix.to_svg(&alt).into_bytes(),
        QrFormat::Png => matrix.to_png(8),
    }))
}

/// The QR code of `payload` as SVG markup (see [`qr`]).
pub async fn qr_svg(payload: Vec<u8>, alt: String) -> Result<Option<String>, ChunkError> {
    let bytes = qr(payload, QrFormat::Svg, alt).await?;
    Ok(bytes.and_then(|b| String::from_utf8(b).ok()))
}

/// The QR code of `payload` as a PNG file.
pub async fn qr_png(payload: Vec<u8>) -> Result<Option<Vec<u8>>, ChunkError> {
    qr(payload, QrFormat::Png, String::new()).await
}

/// Loads the chunk without drawing anything (the idle prefetch); a failure is forgotten.
pub async fn prefetch() {
    let _ = preload_qr().await;
}
