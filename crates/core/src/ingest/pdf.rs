//! PDF text in reading order, through `pdf_oxide` (pure Rust, the best
//! recovery and fewest panics of the crates we probed). PDF parsers are
//! the least hardened readers we use, so the importer runs this in a
//! worker process with a time limit and a memory cap (see `worker`).

use pdf_oxide::PdfDocument;

/// Pages read from one document at most.
pub const MAX_PAGES: usize = 2_000;

/// Why a PDF gives no text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    /// Password-protected or otherwise encrypted.
    #[error("the PDF is encrypted; save an unprotected copy and import that")]
    Encrypted,
    /// Not a PDF, or damaged beyond repair.
    #[error("not a readable PDF ({0})")]
    Damaged(String),
    /// More pages than we read.
    #[error("the PDF has {0} pages; at most {MAX_PAGES} are read")]
    TooManyPages(usize),
    /// Only images (a scan): there is no text layer to read.
    #[error("the PDF has no text layer (a scan?); OCR is not done")]
    NoText,
}

/// The text of a PDF: its title from the document properties when set, and
/// the paragraphs of its pages in reading order.
#[derive(Debug, Default)]
pub struct PdfText {
    /// `/Title` of the document information, if any.
    pub title: Option<String>,
    /// Paragraphs, hard line wraps joined.
    pub paragraphs: Vec<String>,
}

/// Reads the text of a PDF.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfError> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(PdfError::Damaged("no %PDF header".to_owned()));
    }
    let document =
        PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| PdfError::Damaged(e.to_string()))?;
    if document.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages = document
        .page_count()
        .map_err(|e| PdfError::Damaged(e.to_string()))?;
    if pages > MAX_PAGES {
        return Err(PdfError::TooManyPages(pages));
    }
    let mut paragraphs = Vec::new();
    for page in 0..pages {
        let text = document
            .extract_text(page)
            .map_err(|e| PdfError::Damaged(format!("page {}: {e}", page + 1)))?;
        paragraphs.extend(page_paragraphs(&text));
    }
    if paragraphs.is_empty() {
        // A file cut short loses its pages; say so rather than blame a scan.
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(PdfError::Damaged(
                "the file is cut short: no end-of-file marker".to_owned(),
            ));
        }
        return Err(PdfError::NoText);
    }
    Ok(PdfText {
        title: None,
        paragraphs,
    })
}

/// A page's lines grouped into paragraphs: a blank line, or a line that ends a
/// sentence and is clearly shorter than the page's lines, ends a paragraph;
/// a word hyphenated at a line end is joined.
fn page_paragraphs(page: &str) -> Vec<String> {
    let lines: Vec<&str> = page.lines().map(str::trim_end).collect();
    let full_width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if current.ends_with('-') && trimmed.chars().next().is_some_and(char::is_lowercase) {
            current.pop();
        } else if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(trimmed);
        let short = trimmed.chars().count() * 10 < full_width * 7;
        if short && trimmed.ends_with(['.', '!', '?', '"', '\u{201D}', ':']) {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_join_into_paragraphs_and_hyphens_mend() {
        let page = "The minister said the talks would go on for an-\nother week at least, and\nthat nobody should expect a deal.\n\nA new paragraph.";
        assert_eq!(
            page_paragraphs(page),
            vec![
                "The minister said the talks would go on for another week at least, and that nobody should expect a deal.",
                "A new paragraph."
            ]
        );
    }

    #[test]
    fn junk_is_not_a_pdf() {
        assert!(matches!(read_pdf(b"hello"), Err(PdfError::Damaged(_))));
        assert!(matches!(
            read_pdf(b"%PDF-1.4\n%%EOF"),
            Err(PdfError::Damaged(_))
        ));
    }
}
