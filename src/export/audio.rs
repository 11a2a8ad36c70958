//! The spoken edition: one MP3 a part, read by espeak-ng and encoded by
//! lame (mono, 32 kbit/s: speech, small files). The ID3 tag is written
//! here, so that it carries no encoder name or date: the same content gives
//! the same bytes.

use super::book::Book;
use super::linear::{self, Role};
use super::tools::{ToolError, Tools};

/// Words a minute: a little slower than espeak-ng's default, as RNIB
/// recommends for listening to long documents.
const RATE: &str = "160";

/// What is read aloud for a part: its title, then each line, headings and
/// list items ending as sentences so that the voice pauses after them.
pub fn script(book: &Book, index: usize) -> String {
    let part = &book.parts[index];
    let mut out = String::new();
    if index == 0 {
        out.push_str(&format!("{}\n\n", book.words.audio_title));
    }
    for line in linear::part(part, &book.words) {
        let mut text = match &line.role {
            Role::Item { marker, .. } if marker != "-" => format!("{marker} {}", line.text),
            Role::Rule => continue,
            _ => line.text.clone(),
        };
        if !text.ends_with(['.', '!', '?', ':', ';']) {
            text.push('.');
        }
        out.push_str(&text);
        out.push_str("\n\n");
    }
    if index == 0 && book.parts.len() > 1 {
        out.push_str(&book.words.audio_parts);
        out.push('\n');
    }
    out
}

/// The MP3 of one part of a book.
pub fn track(book: &Book, index: usize, tools: &Tools) -> Result<Vec<u8>, ToolError> {
    let script = script(book, index);
    let voice = &book.words.voice;
    let mp3 = tools.pipe(
        (
            &tools.espeak_ng,
            &["-v", voice, "-s", RATE, "-b", "1", "--stdout"],
        ),
        script.as_bytes(),
        (
            &tools.lame,
            &[
                "--quiet",
                "-t",
                "-m",
                "m",
                "-b",
                "32",
                "-q",
                "7",
                "--noreplaygain",
                "-",
                "-",
            ],
        ),
    )?;
    if mp3.len() < 4 || mp3[0] != 0xFF || mp3[1] & 0xE0 != 0xE0 {
        return Err(ToolError::Output {
            program: tools.lame.program.clone(),
            detail: "no MP3 frames".to_string(),
        });
    }
    let part = &book.parts[index];
    let tag = id3(&[
        (*b"TIT2", format!("{}. {}", part.number, part.title)),
        (*b"TALB", book.title.clone()),
        (*b"TPE1", book.publisher.clone()),
        (*b"TRCK", format!("{}/{}", part.number, book.parts.len())),
        (*b"TCON", "Speech".to_string()),
    ]);
    Ok([tag, mp3].concat())
}

/// An ID3v2.3 tag of text frames, in UTF-16 with a byte-order mark.
fn id3(frames: &[([u8; 4], String)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (id, text) in frames {
        let mut data = vec![1u8, 0xFF, 0xFE];
        for unit in text.encode_utf16() {
            data.extend_from_slice(&unit.to_le_bytes());
        }
        body.extend_from_slice(id);
        body.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(&[0, 0]);
        body.extend_from_slice(&data);
    }
    let size = body.len() as u32;
    // The tag's size is "synchsafe": seven bits a byte.
    let synchsafe = [
        ((size >> 21) & 0x7F) as u8,
        ((size >> 14) & 0x7F) as u8,
        ((size >> 7) & 0x7F) as u8,
        (size & 0x7F) as u8,
    ];
    let mut out = b"ID3\x03\x00\x00".to_vec();
    out.extend_from_slice(&synchsafe);
    out.extend_from_slice(&body);
    out
}

/// `01-introduction`: the track's number and name, for its file name.
pub fn file_stem(book: &Book, index: usize) -> String {
    let p = &book.parts[index];
    format!("{}-{:02}-{}", book.slug, p.number, p.slug)
}

/// An M3U playlist of the tracks, in order.
pub fn playlist(book: &Book, files: &[String]) -> String {
    let mut out = String::from("#EXTM3U\n");
    for (p, f) in book.parts.iter().zip(files) {
        out.push_str(&format!("#EXTINF:-1,{}. {}\n{f}\n", p.number, p.title));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id3_tags_have_a_header_and_frames() {
        let tag = id3(&[(*b"TIT2", "Ab".to_string())]);
        assert_eq!(&tag[..6], b"ID3\x03\x00\x00");
        assert_eq!(&tag[6..10], &[0, 0, 0, 17]);
        assert_eq!(&tag[10..14], b"TIT2");
        assert_eq!(&tag[14..18], &[0, 0, 0, 7]);
        assert_eq!(&tag[20..], &[1, 0xFF, 0xFE, b'A', 0, b'b', 0]);
    }

    /// The voice is the locale's: `audio.voice` of en-GB.yaml.
    #[test]
    fn voices_follow_the_locale() {
        let book = crate::export::book::sample(vec![("Book", "Text.")]);
        assert_eq!(book.words.voice, "en-gb");
        assert!(script(&book, 0).starts_with("Book, audio edition.\n"));
    }
}
