//! Word documents (.docx): the paragraphs of `word/document.xml`, then the
//! footnotes and endnotes, read with `zip` and a streaming XML reader
//! (quick-xml, which expands no DTD or external entity). Tracked deletions
//! (`w:delText`) are left out; insertions are kept.
//!
//! The archive is untrusted, so every read is bounded: at most
//! [`MAX_ENTRIES`] entries, each part read through `take` up to
//! [`MAX_PART_BYTES`], and a part claiming more than [`MAX_RATIO`] times its
//! compressed size is refused as a zip bomb.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// Entries an archive may list.
pub const MAX_ENTRIES: usize = 10_000;
/// Bytes read from one XML part at most.
pub const MAX_PART_BYTES: u64 = 50 * 1024 * 1024;
/// Uncompressed / compressed size beyond which a part is a zip bomb.
pub const MAX_RATIO: u64 = 100;

/// Why a .docx file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive, or a damaged one.
    #[error("not a Word document (the archive is damaged or not a zip file)")]
    NotAnArchive,
    /// The archive has no `word/document.xml`.
    #[error("not a Word document (no word/document.xml)")]
    NoDocument,
    /// Too many entries, or a part that unpacks far beyond its size.
    #[error("refused: {0} (a zip bomb?)")]
    Bomb(String),
    /// The XML of a part is broken.
    #[error("the document's XML is damaged: {0}")]
    Xml(String),
}

/// The text of a Word document: a title (from the document properties or the
/// first short paragraph) and the paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocxText {
    /// `dc:title` of `docProps/core.xml`, when set.
    pub title: Option<String>,
    /// `dc:creator` of `docProps/core.xml`, when set.
    pub author: Option<String>,
    /// Body paragraphs, then footnotes and endnotes.
    pub paragraphs: Vec<String>,
}

/// Reads the paragraphs of a .docx file's bytes.
pub fn read_docx(bytes: &[u8]) -> Result<DocxText, DocxError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotAnArchive)?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::Bomb(format!("{} entries", archive.len())));
    }
    let document = read_part(&mut archive, "word/document.xml")?.ok_or(DocxError::NoDocument)?;
    let mut paragraphs = read_paragraphs(&document, "p", "t")?;
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = read_part(&mut archive, part)? {
            paragraphs.extend(paragraphs_of_notes(&xml)?);
        }
    }
    let (title, author) = match read_part(&mut archive, "docProps/core.xml")? {
        Some(xml) => (
            read_paragraphs(&xml, "title", "title")?.into_iter().next(),
            read_paragraphs(&xml, "creator", "creator")?
                .into_iter()
                .next(),
        ),
        None => (None, None),
    };
    Ok(DocxText {
        title,
        author,
        paragraphs,
    })
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(DocxError::NotAnArchive),
    };
    let (size, compressed) = (entry.size(), entry.compressed_size().max(1));
    if size > MAX_PART_BYTES || size / compressed > MAX_RATIO {
        return Err(DocxError::Bomb(format!(
            "{name} unpacks to {size} bytes from {compressed}"
        )));
    }
    // The declared size may lie: read no more than the limit whatever it says.
    let mut bytes = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| DocxError::NotAnArchive)?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(DocxError::Bomb(format!(
            "{name} unpacks beyond {MAX_PART_BYTES} bytes"
        )));
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Footnotes and endnotes, without Word's separator notes (ids -1 and 0).
fn paragraphs_of_notes(xml: &str) -> Result<Vec<String>, DocxError> {
    Ok(read_paragraphs(xml, "p", "t")?
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect())
}

/// Text of the elements named `paragraph` (by local name), from their `text`
/// children; `tab` and `br` become spaces; `delText` (a tracked deletion) is skipped.
fn read_paragraphs(xml: &str, paragraph: &str, text: &str) -> Result<Vec<String>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut result = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    loop {
        match reader
            .read_event()
            .map_err(|error| DocxError::Xml(error.to_string()))?
        {
            Event::Start(element) => {
                let name = element.local_name();
                if name.as_ref() == text {
                    in_text = true;
                }
            }
            Event::Empty(element) => {
                let name = element.local_name();
                if matches!(name.as_ref(), "tab" | "br" | "cr") {
                    current.push(' ');
                }
            }
            Event::End(element) => {
                let name = element.local_name();
                if name.as_ref() == text {
                    in_text = false;
                }
                if name.as_ref() == paragraph {
                    let done: String = current.split_whitespace().collect::<Vec<_>>().join(" ");
                    current.clear();
                    if !done.is_empty() {
                        result.push(done);
                    }
                }
            }
            Event::Text(content) if in_text => current.push_str(&content.xml10_content()),
            Event::GeneralRef(reference) if in_text => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    current.push(c);
                } else {
                    current.push_str(match reference.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut buffer = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut buffer);
        for (name, content) in parts {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
        buffer.into_inner()
    }

    const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Port strike ends</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Workers voted </w:t></w:r><w:del><w:r><w:delText>not </w:delText></w:r></w:del><w:ins><w:r><w:t>on Friday</w:t></w:r></w:ins><w:r><w:tab/><w:t>to return &amp; resume.</w:t></w:r></w:p>
<w:p><w:r><w:t>&#8220;We won,&#8221; the union said.</w:t></w:r></w:p>
</w:body></w:document>"#;

    #[test]
    fn paragraphs_insertions_and_notes() {
        let bytes = docx(&[
            ("word/document.xml", DOCUMENT),
            (
                "word/footnotes.xml",
                r#"<w:footnotes xmlns:w="x"><w:footnote><w:p><w:r><w:t>Source: union.</w:t></w:r></w:p></w:footnote></w:footnotes>"#,
            ),
            (
                "docProps/core.xml",
                r#"<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:title>Strike report</dc:title><dc:creator>Lena Park</dc:creator></cp:coreProperties>"#,
            ),
        ]);
        let text = read_docx(&bytes).unwrap();
        assert_eq!(text.title.as_deref(), Some("Strike report"));
        assert_eq!(text.author.as_deref(), Some("Lena Park"));
        assert_eq!(
            text.paragraphs,
            [
                "Port strike ends",
                "Workers voted on Friday to return & resume.",
                "“We won,” the union said.",
                "Source: union."
            ]
        );
    }

    #[test]
    fn bad_archives_are_refused() {
        assert_eq!(read_docx(b"not a zip at all"), Err(DocxError::NotAnArchive));
        assert_eq!(
            read_docx(&docx(&[("other.xml", "<a/>")])),
            Err(DocxError::NoDocument)
        );
        let truncated = docx(&[("word/document.xml", DOCUMENT)]);
        assert!(read_docx(&truncated[..truncated.len() / 2]).is_err());
        // A zip bomb: megabytes of one repeated byte compress to almost nothing.
        let bomb_text = format!(
            "<w:document><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            "a".repeat(5_000_000)
        );
        let mut buffer = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut buffer);
        writer
            .start_file(
                "word/document.xml",
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated),
            )
            .unwrap();
        writer.write_all(bomb_text.as_bytes()).unwrap();
        writer.finish().unwrap();
        assert!(matches!(
            read_docx(&buffer.into_inner()),
            Err(DocxError::Bomb(_))
        ));
    }
}
