//! Turning the bytes of an exported file into text: UTF-8 with or without
//! a byte-order mark, UTF-16 (Excel's "Unicode text") with its mark, and
//! Windows-1252 for the older spreadsheets that are neither.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Which encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// UTF-8 (a byte-order mark, if any, removed).
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (what Excel writes as "CSV" on Western Windows).
    Windows1252,
}

impl Detected {
    /// The name shown in the summary.
    pub fn name(self) -> &'static str {
        match self {
            Detected::Utf8 => "UTF-8",
            Detected::Utf16Le => "UTF-16LE",
            Detected::Utf16Be => "UTF-16BE",
            Detected::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes `bytes`, detecting the encoding: a byte-order mark decides; then
/// UTF-16 without a mark is recognised by its zero bytes; then valid UTF-8
/// is UTF-8; anything else is read as Windows-1252 (every byte is a
/// character there, so nothing is refused).
pub fn decode(bytes: Vec<u8>) -> (String, Detected) {
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        let rest = &bytes[bom..];
        let detected = match encoding.name() {
            "UTF-16LE" => Detected::Utf16Le,
            "UTF-16BE" => Detected::Utf16Be,
            _ => Detected::Utf8,
        };
        let (text, _) = encoding.decode_without_bom_handling(rest);
        return (text.into_owned(), detected);
    }
    if let Some(utf16) = unmarked_utf16(&bytes) {
        let encoding = match utf16 {
            Detected::Utf16Le => UTF_16LE,
            _ => UTF_16BE,
        };
        let (text, _) = encoding.decode_without_bom_handling(&bytes);
        return (text.into_owned(), utf16);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, Detected::Utf8),
        Err(e) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            (text.into_owned(), Detected::Windows1252)
        }
    }
}

/// UTF-16 text of mostly ASCII without a mark: every other byte of its
/// start is zero (odd ones for little-endian, even ones for big-endian).
fn unmarked_utf16(bytes: &[u8]) -> Option<Detected> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    // Nine in ten code units with a zero half: text, not a binary accident.
    if zero_at(1) * 10 >= pairs * 9 && zero_at(0) == 0 {
        Some(Detected::Utf16Le)
    } else if zero_at(0) * 10 >= pairs * 9 && zero_at(1) == 0 {
        Some(Detected::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            let b = if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn reads_each_encoding_excel_writes() {
        let text = "Name\tE-mail\nZoë Åberg\tzoe@example.com\n";
        assert_eq!(
            decode(text.as_bytes().to_vec()),
            (text.into(), Detected::Utf8)
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(bom), (text.into(), Detected::Utf8));
        assert_eq!(
            decode(utf16(text, false, true)),
            (text.into(), Detected::Utf16Le)
        );
        assert_eq!(
            decode(utf16(text, true, true)),
            (text.into(), Detected::Utf16Be)
        );
        assert_eq!(
            decode(utf16(text, false, false)),
            (text.into(), Detected::Utf16Le)
        );
        assert_eq!(
            decode(utf16(text, true, false)),
            (text.into(), Detected::Utf16Be)
        );
        // "Zoë" and "€" in Windows-1252.
        let cp1252 = b"Name;Value\nZo\xEB;1.234,50 \x80\n".to_vec();
        assert_eq!(
            decode(cp1252),
            ("Name;Value\nZoë;1.234,50 €\n".into(), Detected::Windows1252)
        );
    }
}
