//! Encodes payloads, decodes the QR with an independent decoder (rqrr) and
//! checks content, error correction level and version.

use girocode::{Charset, GiroCode, QrMatrix, QUIET_ZONE};

/// Decodes a greyscale image; returns (bytes, ecc level, version).
fn decode(width: usize, pixel: impl Fn(usize, usize) -> u8) -> (Vec<u8>, u16, usize) {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(width, width, pixel);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "expected exactly one QR code");
    let mut out = Vec::new();
    let meta = grids[0].decode_to(&mut out).expect("decodable");
    (out, meta.ecc_level, meta.version.0)
}

/// Draws the module matrix with quiet zone at `scale` pixels per module.
fn decode_matrix(qr: &QrMatrix) -> (Vec<u8>, u16, usize) {
    let scale = 4;
    let size = (qr.width() + 2 * QUIET_ZONE) * scale;
    decode(size, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let dark =
            mx >= QUIET_ZONE && my >= QUIET_ZONE && qr.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE);
        if dark {
            0
        } else {
            255
        }
    })
}

// In rqrr the level is the format field's two bits: M = 0, L = 1, H = 2, Q = 3.
const ECC_M: u16 = 0;

fn codes() -> Vec<GiroCode> {
    let b = || {
        GiroCode::builder()
            .name("Stadtkasse Musterstadt")
            .iban("DE89370400440532013000")
    };
    vec![
        b().build().unwrap(),
        b().amount_cents(5500)
            .remittance("Kassenzeichen 5.123.456.789")
            .build()
            .unwrap(),
        b().name("Jürgen Weiß")
            .amount_cents(1)
            .info("Grüße")
            .build()
            .unwrap(),
        b().name("Jürgen Weiß")
            .remittance("Gebühr")
            .transliterate_remittance(false)
            .charset(Charset::Latin1)
            .build()
            .unwrap(),
        // Largest: exactly 331 UTF-8 bytes with multibyte characters.
        b().name("ä".repeat(70))
            .remittance("x".repeat(78))
            .info("y".repeat(70))
            .build()
            .unwrap(),
        b().version(girocode::Version::V001)
            .bic("COBADEFFXXX")
            .iban("MT84MALT011000012345MTLCAST001S")
            .amount_cents(99_999_999_999)
            .purpose("GOVT")
            .reference("RF18539007547034")
            .info("Danke")
            .build()
            .unwrap(),
    ]
}

#[test]
fn decoded_content_equals_payload() {
    for code in codes() {
        let qr = code.qr().unwrap();
        let (bytes, ecc, version) = decode_matrix(&qr);
        assert_eq!(bytes, code.payload_bytes(), "{}", code.payload());
        assert_eq!(ecc, ECC_M);
        assert_eq!(version, usize::from(qr.version()));
        assert!(qr.version() <= 13);
        assert_eq!(&girocode::parse_bytes(&bytes).unwrap(), code.fields());
        if code.charset() == Charset::Utf8 {
            assert_eq!(String::from_utf8(bytes).unwrap(), code.payload());
        }
    }
}

#[test]
fn largest_payload_is_version_13() {
    let big = &codes()[4];
    assert_eq!(big.payload().len(), 331);
    assert_eq!(big.qr().unwrap().version(), 13);
}

#[cfg(feature = "png")]
#[test]
fn png_decodes_to_the_same_modules_and_content() {
    for code in codes() {
        let qr = code.qr().unwrap();
        for scale in [1u32, 3, 8] {
            let png_bytes = code.to_png(scale).unwrap();
            let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
                .read_info()
                .unwrap();
            let mut buf = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut buf).unwrap();
            let s = scale as usize;
            let size = (qr.width() + 2 * QUIET_ZONE) * s;
            assert_eq!((info.width as usize, info.height as usize), (size, size));
            assert_eq!(
                (info.color_type, info.bit_depth),
                (png::ColorType::Grayscale, png::BitDepth::One)
            );
            let white =
                |x: usize, y: usize| buf[y * info.line_size + x / 8] & (0x80 >> (x % 8)) != 0;
            for y in 0..size {
                for x in 0..size {
                    let (mx, my) = (x / s, y / s);
                    let dark = mx >= QUIET_ZONE
                        && my >= QUIET_ZONE
                        && qr.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE);
                    assert_eq!(white(x, y), !dark, "pixel {x},{y} at scale {scale}");
                }
            }
            if scale == 3 {
                let (bytes, ecc, _) = decode(size, |x, y| if white(x, y) { 255 } else { 0 });
                assert_eq!((bytes, ecc), (code.payload_bytes(), ECC_M));
            }
        }
    }
}

#[cfg(feature = "png")]
#[test]
fn png_is_small_and_scale_is_clamped() {
    let code = &codes()[1];
    let png = code.to_png(8).unwrap();
    assert!(png.len() < 4000, "PNG is {} bytes", png.len());
    assert_eq!(code.to_png(0).unwrap(), code.to_png(1).unwrap());
    assert_eq!(
        code.to_png(1000).unwrap(),
        code.to_png(girocode::MAX_PNG_SCALE).unwrap()
    );
}
