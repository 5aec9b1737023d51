//! Bytes to text as exports really come: UTF-8 with or without a byte-order mark,
//! UTF-16 with one, Windows-1252 when the bytes are not UTF-8 (a spreadsheet saved the
//! old way), or a name given with `--encoding`. A file that is not text csm reads (UTF-32,
//! a spreadsheet's own format, a zip, a PDF) is refused in one line that says what it looks
//! like.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text read from a file, and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Reads `bytes` as text: in the encoding named (any WHATWG label: utf-8, utf-16le,
/// windows-1252, latin1, ...) or, by default, the one its byte-order mark says, else
/// UTF-8, else Windows-1252.
pub fn decode(bytes: &[u8], named: Option<&str>) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if named.is_none()
        && let Some(what) = looks_like(bytes)
    {
        return Err(format!(
            "the file is {what}, not text csm reads: export or save it as CSV (UTF-8)"
        ));
    }
    let encoding = match named {
        Some(label) => Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            format!("`{label}` is not an encoding csm knows (try utf-8, utf-16le, windows-1252)")
        })?,
        None => match Encoding::for_bom(bytes) {
            Some((e, _)) => e,
            None if looks_binary(bytes) => {
                return Err(
                    "the file is binary, not text: export it as CSV (comma, semicolon, tab or pipe separated)"
                        .into(),
                );
            }
            None if std::str::from_utf8(bytes).is_ok() => UTF_8,
            None => WINDOWS_1252,
        },
    };
    let (text, used, bad) = encoding.decode(bytes);
    if bad && named.is_some() {
        return Err(format!("the file is not valid {}", used.name()));
    }
    // Text whose every other character is empty was four bytes a character (UTF-32), read
    // two at a time.
    let empty = text.chars().take(4096).filter(|c| *c == '\0').count();
    if empty * 4 > text.chars().take(4096).count() {
        return Err(
            "the file is UTF-32 text (four bytes a character), which csm does not read: save it as UTF-8 or UTF-16"
                .into(),
        );
    }
    let name = match used {
        e if e == UTF_16LE => "UTF-16LE",
        e if e == UTF_16BE => "UTF-16BE",
        e => e.name(),
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name,
    })
}

/// What a file that is not text looks like, from its first bytes.
fn looks_like(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    Some(
        if starts(&[0xFF, 0xFE, 0, 0]) || starts(&[0, 0, 0xFE, 0xFF]) {
            "UTF-32 text (four bytes a character)"
        } else if starts(b"PK\x03\x04") {
            "a zip archive (an .xlsx workbook is one)"
        } else if starts(&[0xD0, 0xCF, 0x11, 0xE0]) {
            "an old Excel or Word file (.xls, .doc)"
        } else if starts(b"%PDF") {
            "a PDF"
        } else if starts(b"SQLite format 3\0") {
            "an SQLite database"
        } else if starts(&[0x1F, 0x8B]) {
            "gzip-compressed"
        } else {
            return None;
        },
    )
}

/// NUL bytes (outside UTF-16, which has its mark) or many control bytes: not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|b| **b < 0x09 || (0x0e..0x20).contains(*b))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_its_mark() {
        let plain = decode("name\nCafé".as_bytes(), None).unwrap();
        assert_eq!(plain.text, "name\nCafé");
        let marked = decode(b"\xEF\xBB\xBFname\nCaf\xC3\xA9", None).unwrap();
        assert_eq!(
            marked.text, "name\nCafé",
            "the mark is not part of the header"
        );
    }

    #[test]
    fn utf16_with_its_mark() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "id,name\n1,Café".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "id,name\n1,Café");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn windows_1252_when_the_bytes_are_not_utf8() {
        let d = decode(b"name\nCaf\xE9 M\xFCller \x80", None).unwrap();
        assert_eq!(d.text, "name\nCafé Müller €");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn utf32_is_refused_in_one_line_with_or_without_its_mark() {
        let text = "id,name\n1,Acme\n";
        let mut le = vec![0xFF, 0xFE, 0, 0];
        let mut be_behind_a_utf16_mark = vec![0xFE, 0xFF];
        for c in text.chars() {
            le.extend((c as u32).to_le_bytes());
            be_behind_a_utf16_mark.extend((c as u32).to_be_bytes());
        }
        for bytes in [le, be_behind_a_utf16_mark] {
            let err = decode(&bytes, None).unwrap_err();
            assert!(err.contains("UTF-32"), "{err}");
            assert_eq!(err.lines().count(), 1);
        }
    }

    #[test]
    fn binary_and_empty_files_are_refused_in_a_line() {
        let zip = decode(b"PK\x03\x04\x00\x00\x08\x00", None).unwrap_err();
        assert!(zip.contains("zip") && zip.contains("CSV"), "{zip}");
        assert!(
            decode(b"\x00\x01\x02binary\x00stuff", None)
                .unwrap_err()
                .contains("binary")
        );
        assert_eq!(decode(b"", None).unwrap_err(), "the file is empty");
        assert!(
            decode(b"a", Some("klingon"))
                .unwrap_err()
                .contains("not an encoding")
        );
    }
}
