//! Zip archives that are the same bytes every time: entries in the order
//! given, one fixed timestamp taken from the content, fixed permissions,
//! no extra fields.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::model::PartialDate;

pub struct Entry<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// Stored as is when false: EPUB's `mimetype`, files already compressed.
    pub deflate: bool,
}

/// The timestamp of every entry: the date, at midnight (zip dates start in 1980).
fn timestamp(date: PartialDate) -> DateTime {
    let year = u16::try_from(date.year).unwrap_or(1980).clamp(1980, 2107);
    let month = date.month.and_then(|m| u8::try_from(m).ok()).unwrap_or(1);
    let day = date.day.and_then(|d| u8::try_from(d).ok()).unwrap_or(1);
    DateTime::from_date_and_time(year, month, day, 0, 0, 0).unwrap_or_default()
}

pub fn zip(entries: &[Entry], date: PartialDate) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(timestamp(date))
        .unix_permissions(0o644);
    for e in entries {
        let method = if e.deflate {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        w.start_file(e.name, base.compression_method(method))?;
        w.write_all(e.bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        zip(
            &[
                Entry {
                    name: "mimetype",
                    bytes: b"application/epub+zip",
                    deflate: false,
                },
                Entry {
                    name: "a/b.txt",
                    bytes: "hello ".repeat(100).as_bytes(),
                    deflate: true,
                },
            ],
            "2026-11-22".parse().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn archives_are_reproducible_and_mimetype_comes_first_uncompressed() {
        let a = sample();
        assert_eq!(a, sample());
        // Local header: signature, then at 30 the name, right after it the data.
        assert_eq!(&a[..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([a[8], a[9]]), 0, "stored");
        assert_eq!(u16::from_le_bytes([a[28], a[29]]), 0, "no extra field");
        assert_eq!(&a[30..38], b"mimetype");
        assert_eq!(&a[38..58], b"application/epub+zip");
    }
}
