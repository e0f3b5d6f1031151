//! A small PNG encoder for QR codes (1-bit greyscale).
//!
//! The `png` crate adds about 40 KB (brotli) to the wasm; a QR image needs far
//! less: scaled rows repeat, so PNG filter "Up" turns them into zero bytes and
//! a fixed-Huffman deflate with matches at distance 1 (runs) and one row back
//! (repeated rows) compresses them well.

use crate::qr::{QrMatrix, QUIET_ZONE};

/// Largest pixels-per-module factor [`QrMatrix::to_png`] uses.
pub const MAX_PNG_SCALE: u32 = 32;

impl QrMatrix {
    /// Renders the code as PNG file bytes: black on white, 1 bit per pixel,
    /// `scale` pixels per module (clamped to 1–32), 4-module quiet zone.
    pub fn to_png(&self, scale: u32) -> Vec<u8> {
        let scale = scale.clamp(1, MAX_PNG_SCALE) as usize;
        let modules = self.width() + 2 * QUIET_ZONE;
        let px = modules * scale;
        let stride = px.div_ceil(8);

        let mut raw = Vec::with_capacity((stride + 1) * px);
        for my in 0..modules {
            // First pixel row of a module row: filter None with the bits.
            raw.push(0);
            let start = raw.len();
            raw.resize(start + stride, 0);
            for x in 0..px {
                let mx = x / scale;
                let dark = mx >= QUIET_ZONE
                    && my >= QUIET_ZONE
                    && self.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE);
                // Greyscale: bit 1 = white.
                if !dark {
                    raw[start + x / 8] |= 0x80 >> (x % 8);
                }
            }
            // The repeats: filter Up with all-zero differences.
            for _ in 1..scale {
                raw.push(2);
                raw.resize(raw.len() + stride, 0);
            }
        }

        let mut ihdr = Vec::with_capacity(13);
        ihdr.extend_from_slice(&(px as u32).to_be_bytes());
        ihdr.extend_from_slice(&(px as u32).to_be_bytes());
        // Bit depth 1, colour type 0 (greyscale), deflate, adaptive filters, no interlace.
        ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);

        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", &zlib(&raw, stride + 1));
        chunk(&mut out, b"IEND", &[]);
        out
    }
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

/// LSB-first bit writer as deflate needs it.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, len: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// Huffman codes are defined MSB-first.
    fn put_code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }

    fn literal_or_length(&mut self, sym: u32) {
        match sym {
            0..=143 => self.put_code(0x30 + sym, 8),
            144..=255 => self.put_code(0x190 + sym - 144, 9),
            256..=279 => self.put_code(sym - 256, 7),
            _ => self.put_code(0xC0 + sym - 280, 8),
        }
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Index of the last table entry whose base is ≤ `value`.
fn bucket(bases: &[u16], value: usize) -> usize {
    bases
        .iter()
        .rposition(|&b| usize::from(b) <= value)
        .unwrap_or(0)
}

/// zlib stream with one fixed-Huffman deflate block; matches are only tried
/// at distance 1 and `row` (one scanline back, ≤ 32 KiB by the scale cap).
fn zlib(data: &[u8], row: usize) -> Vec<u8> {
    let mut bits = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = fixed Huffman
    let match_len = |i: usize, dist: usize| {
        if dist == 0 || dist > i || dist > 32768 {
            return 0;
        }
        let max = (data.len() - i).min(258);
        (0..max)
            .take_while(|&k| data[i + k] == data[i + k - dist])
            .count()
    };
    let mut i = 0;
    while i < data.len() {
        let (len, dist) = [(match_len(i, 1), 1), (match_len(i, row), row)]
            .into_iter()
            .max_by_key(|&(len, _)| len)
            .unwrap_or((0, 1));
        if len < 3 {
            bits.literal_or_length(u32::from(data[i]));
            i += 1;
            continue;
        }
        let l = bucket(&LEN_BASE, len);
        bits.literal_or_length(257 + l as u32);
        bits.put(
            (len - usize::from(LEN_BASE[l])) as u32,
            u32::from(LEN_EXTRA[l]),
        );
        let d = bucket(&DIST_BASE, dist);
        bits.put_code(d as u32, 5);
        bits.put(
            (dist - usize::from(DIST_BASE[d])) as u32,
            u32::from(DIST_EXTRA[d]),
        );
        i += len;
    }
    bits.literal_or_length(256); // end of block
    if bits.n > 0 {
        bits.put(0, 8 - bits.n);
    }
    let mut out = bits.out;
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn png_header() {
        let m = QrMatrix::encode(b"BCD").unwrap();
        let png = m.to_png(2);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"));
        // (21 + 8) modules * 2 px = 58 px
        assert_eq!(&png[16..24], &[0, 0, 0, 58, 0, 0, 0, 58]);
        assert!(png.ends_with(b"IEND\xae\x42\x60\x82"));
    }
}
