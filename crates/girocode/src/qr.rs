//! QR encoding (via `fast_qr`): error correction M, byte mode, smallest version.

use crate::error::{ErrorKind, Field, GiroError};

/// Light modules around the code that scanners need (QR spec: 4).
pub const QUIET_ZONE: usize = 4;
/// Largest QR version EPC069-12 allows.
pub const MAX_QR_VERSION: u8 = 13;

/// A QR code's modules, row-major, `true` = dark, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QrMatrix {
    width: usize,
    version: u8,
    modules: Vec<bool>,
}

impl QrMatrix {
    /// Encodes bytes with error correction level M in byte mode, using the
    /// smallest QR version that holds them; fails with
    /// [`ErrorKind::QrTooLarge`] above version 13.
    pub fn encode(data: &[u8]) -> Result<Self, GiroError> {
        use fast_qr::{Mode, QRBuilder, ECL};
        let too_large = GiroError::new(Field::Payload, ErrorKind::QrTooLarge);
        // Byte mode always: the payload holds LF and lowercase anyway, and a fixed
        // mode makes the 331-byte limit map exactly to version 13-M.
        let qr = QRBuilder::new(data)
            .ecl(ECL::M)
            .mode(Mode::Byte)
            .build()
            .map_err(|_| too_large)?;
        let width = qr.size;
        let version = u8::try_from((width.saturating_sub(17)) / 4).unwrap_or(u8::MAX);
        if version > MAX_QR_VERSION {
            return Err(too_large);
        }
        let modules = qr.data[..width * width].iter().map(|m| m.value()).collect();
        Ok(Self {
            width,
            version,
            modules,
        })
    }

    /// Modules per side (21 for version 1 … 69 for version 13), quiet zone excluded.
    pub fn width(&self) -> usize {
        self.width
    }

    /// QR version 1–13.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// All modules, row-major, `width × width`, `true` = dark.
    pub fn modules(&self) -> &[bool] {
        &self.modules
    }

    /// `true` if the module at column `x`, row `y` is dark; `false` outside the code.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.modules[y * self.width + x]
    }

    /// Moves the modules out: `(modules, width)`, e.g. for drawing to a canvas.
    pub fn into_modules(self) -> (Vec<bool>, usize) {
        (self.modules, self.width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_version_and_limit() {
        // Byte-mode capacities at level M: v1 14 bytes, v12 287, v13 331.
        assert_eq!(QrMatrix::encode(&[b'a'; 14]).unwrap().version(), 1);
        assert_eq!(QrMatrix::encode(&[b'a'; 15]).unwrap().version(), 2);
        assert_eq!(QrMatrix::encode(&[b'a'; 287]).unwrap().version(), 12);
        let v13 = QrMatrix::encode(&[b'a'; 331]).unwrap();
        assert_eq!((v13.version(), v13.width()), (13, 69));
        assert_eq!(v13.modules().len(), 69 * 69);
        assert_eq!(
            QrMatrix::encode(&[b'a'; 332]),
            Err(GiroError::new(Field::Payload, ErrorKind::QrTooLarge))
        );
        assert_eq!(
            QrMatrix::encode(&[b'a'; 5000]),
            Err(GiroError::new(Field::Payload, ErrorKind::QrTooLarge))
        );
    }

    #[test]
    fn finder_pattern_and_bounds() {
        let m = QrMatrix::encode(b"BCD").unwrap();
        // Top-left finder: dark ring, light ring, dark 3x3 centre.
        assert!(m.is_dark(0, 0) && m.is_dark(6, 6) && m.is_dark(3, 3));
        assert!(!m.is_dark(1, 1) && !m.is_dark(7, 7));
        assert!(!m.is_dark(m.width(), 0));
        let (modules, width) = m.clone().into_modules();
        assert_eq!((modules.len(), width), (21 * 21, 21));
    }
}
