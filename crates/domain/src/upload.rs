//! Rules of resumable uploads, shared by the app and the backend: limits, how a file is cut
//! into chunks, which append the server accepts, how far a photo is scaled down, when progress
//! is announced to screen readers, and how often a dropped connection is retried on its own.

use serde::{Deserialize, Serialize};

/// "10 MB" as users' file managers show it.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Photos larger than this on their long side are scaled down in the browser.
pub const MAX_LONG_SIDE_PX: u32 = 2000;
/// JPEG quality of a re-encoded photo: text on a photographed document stays readable.
pub const JPEG_QUALITY: f64 = 0.85;
/// 256 KiB: about 1.3 s on the 1.6 Mbit/s benchmark connection, so little is lost on a drop.
pub const CHUNK_BYTES: u64 = 256 * 1024;
/// The server refuses bodies above this per request.
pub const MAX_CHUNK_BYTES: u64 = 1024 * 1024;
/// Unfinished uploads are forgotten after a day without a chunk.
pub const EXPIRY_SECS: i64 = 24 * 60 * 60;
/// A chunk that takes longer than this counts as a dropped connection.
pub const CHUNK_TIMEOUT_MS: u32 = 30_000;

/// `POST /api/v1/uploads/resumable`: announce a file before sending it in chunks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResumableCreate {
    /// The file name, shown back (any path removed; longer than 200 characters: the last 200;
    /// nothing usable left: `Datei`).
    pub name: String,
    /// Total length in bytes (`Upload-Length` in tus), at most 10 MB.
    #[serde(deserialize_with = "crate::wire::whole_int64")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10_485_760))]
    pub size: u64,
    /// `application/pdf`, `image/jpeg` or `image/png`; the finished file's first bytes must match.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(application/pdf|image/jpeg|image/png)$")
    )]
    pub content_type: String,
}

/// State of a resumable upload: where the next chunk goes; the receipt once it is complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResumableUpload {
    /// `res_` + 20 characters: unguessable and without personal data.
    pub id: String,
    /// Bytes received and acknowledged (`Upload-Offset` in tus).
    pub offset: u64,
    pub size: u64,
    /// RFC 3339; an unfinished upload is forgotten after this.
    pub expires_at: String,
    /// Set once the last byte arrived and the type was checked: the id for the form answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<crate::application::UploadReceipt>,
}

/// A byte range of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub offset: u64,
    pub len: u64,
}

/// The chunk to send after the server acknowledged `offset` bytes; `None` when done.
pub fn next_chunk(offset: u64, total: u64, chunk_bytes: u64) -> Option<Chunk> {
    (offset < total && chunk_bytes > 0).then(|| Chunk {
        offset,
        len: chunk_bytes.min(total - offset),
    })
}

/// Every chunk of a file of `total` bytes, in order.
pub fn plan(total: u64, chunk_bytes: u64) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut offset = 0;
    while let Some(c) = next_chunk(offset, total, chunk_bytes) {
        offset += c.len;
        out.push(c);
    }
    out
}

/// What the server does with a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Append {
    /// Stored; the new offset and whether the file is complete.
    Accept { offset: u64, complete: bool },
    /// The client's offset is not what the server has: it must ask and continue from there.
    WrongOffset { expected: u64 },
    /// More bytes than announced.
    TooLarge,
}

/// Whether a chunk of `len` bytes claimed at `claimed` fits an upload with `have` of `total`
/// bytes. An empty chunk at the right offset is accepted (tus allows it) and changes nothing.
pub fn check_append(have: u64, total: u64, claimed: u64, len: u64) -> Append {
    if claimed != have {
        return Append::WrongOffset { expected: have };
    }
    match have.checked_add(len) {
        Some(end) if end <= total => Append::Accept {
            offset: end,
            complete: end == total,
        },
        _ => Append::TooLarge,
    }
}

/// The pixel size a photo is scaled down to (aspect kept, long side = `max_long`), or `None`
/// when it is small enough already and is sent as it is.
pub fn target_size(width: u32, height: u32, max_long: u32) -> Option<(u32, u32)> {
    let long = width.max(height);
    if long <= max_long || width == 0 || height == 0 {
        return None;
    }
    let scale = |side: u32| -> u32 {
        let v = (u64::from(side) * u64::from(max_long) + u64::from(long) / 2) / u64::from(long);
        (v as u32).max(1)
    };
    Some((scale(width), scale(height)))
}

/// Whether a file of this type is re-encoded in the browser when larger than the limit.
/// PDFs are sent as they are.
pub fn is_photo(content_type: &str) -> bool {
    matches!(content_type, "image/jpeg" | "image/png")
}

/// Whole percent, rounded down, so 100 % means every byte arrived.
pub fn percent(sent: u64, total: u64) -> u8 {
    if total == 0 {
        return 100;
    }
    ((sent.min(total) as u128 * 100) / total as u128) as u8
}

/// Screen readers hear 25, 50, 75 and 100 %, not every byte: the step reached when progress
/// moves from `before` to `now` percent (the highest one crossed), if any.
pub fn announcement(before: u8, now: u8) -> Option<u8> {
    [100, 75, 50, 25]
        .into_iter()
        .find(|&step| before < step && now >= step)
}

/// Automatic attempts after a dropped connection before the page shows a button.
pub const AUTO_RETRIES: u32 = 3;

/// Wait before automatic retry `attempt` (1-based): 1 s, 2 s, 4 s; then `None` (the button).
pub fn retry_delay_ms(attempt: u32) -> Option<u32> {
    (1..=AUTO_RETRIES)
        .contains(&attempt)
        .then(|| 1000 * 2u32.pow(attempt - 1))
}

/// "8,1 MB" (German) or "8.1 MB" (English): one decimal, MB = 1024 × 1024 bytes as file
/// managers show it; below 0.1 MB "0,1 MB" so a size is never shown as zero.
pub fn format_mb(bytes: u64, decimal_comma: bool) -> String {
    let tenths = ((bytes * 10 + 524_288) / 1_048_576).max(1);
    let s = format!("{}.{} MB", tenths / 10, tenths % 10);
    if decimal_comma {
        s.replace('.', ",")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_file_in_order() {
        assert_eq!(plan(0, 10), vec![]);
        assert_eq!(
            plan(25, 10),
            vec![
                Chunk { offset: 0, len: 10 },
                Chunk {
                    offset: 10,
                    len: 10
                },
                Chunk { offset: 20, len: 5 }
            ]
        );
        assert_eq!(plan(20, 10).len(), 2);
        assert_eq!(next_chunk(20, 20, 10), None);
        assert_eq!(next_chunk(5, 20, 0), None);
        let total = 8_500_000;
        let p = plan(total, CHUNK_BYTES);
        assert_eq!(p.iter().map(|c| c.len).sum::<u64>(), total);
        assert!(p.windows(2).all(|w| w[0].offset + w[0].len == w[1].offset));
    }

    #[test]
    fn server_accepts_only_the_next_offset() {
        assert_eq!(
            check_append(0, 25, 0, 10),
            Append::Accept {
                offset: 10,
                complete: false
            }
        );
        assert_eq!(
            check_append(20, 25, 20, 5),
            Append::Accept {
                offset: 25,
                complete: true
            }
        );
        assert_eq!(
            check_append(10, 25, 0, 10),
            Append::WrongOffset { expected: 10 }
        );
        assert_eq!(
            check_append(10, 25, 20, 5),
            Append::WrongOffset { expected: 10 }
        );
        assert_eq!(check_append(20, 25, 20, 6), Append::TooLarge);
        assert_eq!(
            check_append(u64::MAX, u64::MAX, u64::MAX, 1),
            Append::TooLarge
        );
    }

    #[test]
    fn photos_are_scaled_to_the_long_side() {
        assert_eq!(target_size(4000, 3000, 2000), Some((2000, 1500)));
        assert_eq!(target_size(3000, 4000, 2000), Some((1500, 2000)));
        assert_eq!(target_size(4032, 3024, 2000), Some((2000, 1500)));
        assert_eq!(target_size(2000, 1000, 2000), None);
        assert_eq!(target_size(800, 600, 2000), None);
        assert_eq!(target_size(10_000, 1, 2000), Some((2000, 1)));
        assert!(is_photo("image/jpeg") && is_photo("image/png") && !is_photo("application/pdf"));
    }

    #[test]
    fn progress_is_announced_in_quarters() {
        assert_eq!(percent(0, 100), 0);
        assert_eq!(percent(999, 1000), 99);
        assert_eq!(percent(1000, 1000), 100);
        assert_eq!(percent(5, 0), 100);
        assert_eq!(announcement(0, 10), None);
        assert_eq!(announcement(10, 25), Some(25));
        assert_eq!(announcement(25, 49), None);
        assert_eq!(
            announcement(40, 80),
            Some(75),
            "only the highest step crossed"
        );
        assert_eq!(announcement(99, 100), Some(100));
        assert_eq!(announcement(100, 100), None);
    }

    #[test]
    fn retries_back_off_then_stop() {
        assert_eq!(retry_delay_ms(0), None);
        assert_eq!(retry_delay_ms(1), Some(1000));
        assert_eq!(retry_delay_ms(3), Some(4000));
        assert_eq!(retry_delay_ms(4), None);
    }

    #[test]
    fn sizes_in_mb() {
        assert_eq!(format_mb(8_493_466, true), "8,1 MB");
        assert_eq!(format_mb(943_718, true), "0,9 MB");
        assert_eq!(format_mb(943_718, false), "0.9 MB");
        assert_eq!(format_mb(10, true), "0,1 MB");
        assert_eq!(format_mb(MAX_BYTES, false), "10.0 MB");
    }
}
