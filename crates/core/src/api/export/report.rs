//! A findings report for the editor, as Markdown or as one standalone HTML
//! file (inline CSS that prints well, no script, a CSP that forbids any):
//! a summary table at the top, then the quotations grouped by speaker or by
//! tag, each with its source article, outlet, date and the user's notes.
//! Every text from an article or the user is escaped. The report holds the
//! selection's quotations in memory to group them; it is meant for what an
//! editor reads, not for whole libraries (CSV and JSON stream).

use super::selection::Selection;
use super::text::xml_safe;
use super::*;
use std::collections::{BTreeMap, HashSet};

/// One quotation in the report.
#[derive(Clone)]
struct Item {
    speaker: String,
    role: Option<String>,
    affiliation: Option<String>,
    kind: String,
    status: String,
    text: String,
    article: i64,
    title: String,
    outlet: Option<String>,
    day: Option<String>,
    notes: Vec<String>,
    tags: Vec<String>,
}

/// The report's content: its sections (title, items) in order, and totals.
struct Report {
    heading: String,
    /// What the sections are: `Speaker` or `Tag`.
    group: &'static str,
    totals: Vec<(&'static str, u64)>,
    sections: Vec<(String, Vec<Item>)>,
}

const UNATTRIBUTED: &str = "Unattributed";
const UNTAGGED: &str = "Untagged";

fn gather(selection: &mut Selection<'_>) -> Result<Report, ExportError> {
    let mut items = Vec::new();
    selection.for_each(|article| {
        let view = &article.view;
        for quote in &article.quotes {
            items.push(Item {
                speaker: quote
                    .speaker
                    .clone()
                    .unwrap_or_else(|| UNATTRIBUTED.to_owned()),
                role: quote.role.clone(),
                affiliation: quote.affiliation.clone(),
                kind: quote.kind.clone(),
                status: quote.status.clone(),
                text: quote.text.clone(),
                article: view.id,
                title: view.title.clone(),
                outlet: view.outlet.clone(),
                day: article.day().map(str::to_owned),
                notes: quote.notes.clone(),
                tags: quote.tags.clone(),
            });
        }
        Ok(())
    })?;
    let summary = selection.summary();
    let speakers: HashSet<&str> = items
        .iter()
        .filter(|i| i.speaker != UNATTRIBUTED)
        .map(|i| i.speaker.as_str())
        .collect();
    let totals = vec![
        ("Articles", summary.articles),
        ("Quotations", summary.quotes),
        ("Speakers", speakers.len() as u64),
        ("Annotations", summary.annotations),
    ];
    let grouping = selection.scope.group_by;
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for item in items {
        match grouping {
            ReportGrouping::Speaker => groups.entry(item.speaker.clone()).or_default().push(item),
            ReportGrouping::Tag if item.tags.is_empty() => {
                groups.entry(UNTAGGED.to_owned()).or_default().push(item);
            }
            ReportGrouping::Tag => {
                for tag in &item.tags {
                    groups.entry(tag.clone()).or_default().push(item.clone());
                }
            }
        }
    }
    let mut sections: Vec<(String, Vec<Item>)> = groups.into_iter().collect();
    // Largest group first; the catch-all groups last.
    sections.sort_by(|a, b| {
        let rest = |name: &str| name == UNATTRIBUTED || name == UNTAGGED;
        rest(&a.0)
            .cmp(&rest(&b.0))
            .then(b.1.len().cmp(&a.1.len()))
            .then_with(|| a.0.cmp(&b.0))
    });
    let (heading, group) = match grouping {
        ReportGrouping::Speaker => ("Quotations by speaker", "Speaker"),
        ReportGrouping::Tag => ("Quotations by tag", "Tag"),
    };
    Ok(Report {
        heading: heading.to_owned(),
        group,
        totals,
        sections,
    })
}

/// "Outlet, 2019-04-19" or what of it is known.
fn source_line(item: &Item) -> String {
    [item.outlet.as_deref(), item.day.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Foreign Minister, Russia" or what of it is known.
fn role_line(item: &Item) -> String {
    [item.role.as_deref(), item.affiliation.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text that Markdown shows as written: its punctuation escaped, and a line
/// start that would begin a list or heading escaped too.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (number, line) in xml_safe(text).split('\n').enumerate() {
        if number > 0 {
            out.push('\n');
        }
        let line = line.trim_end_matches('\r');
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        for (at, c) in line.char_indices() {
            let line_start = line[..at].trim().is_empty();
            let list_dot = digits > 0 && at == digits && matches!(c, '.' | ')');
            if matches!(
                c,
                '\\' | '`'
                    | '*'
                    | '_'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '#'
                    | '|'
                    | '~'
                    | '!'
                    | '&'
                    | '{'
                    | '}'
                    | '('
                    | ')'
            ) || (line_start && matches!(c, '-' | '+' | '='))
                || list_dot
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

pub(super) fn write_markdown(
    selection: &mut Selection<'_>,
    out: impl Write,
) -> Result<(), ExportError> {
    let report = gather(selection)?;
    let mut out = out;
    writeln!(out, "# Quotemap findings\n")?;
    writeln!(out, "| | |\n|---|---:|")?;
    for (label, value) in &report.totals {
        writeln!(out, "| {label} | {value} |")?;
    }
    writeln!(out)?;
    if report.sections.is_empty() {
        writeln!(out, "No quotations in this selection.")?;
    } else {
        writeln!(out, "| {} | Quotations |\n|---|---:|", report.group)?;
        for (name, items) in &report.sections {
            writeln!(out, "| {} | {} |", markdown_text(name), items.len())?;
        }
        writeln!(out, "\n## {}", report.heading)?;
    }
    for (name, items) in &report.sections {
        writeln!(out, "\n### {}\n", markdown_text(name))?;
        for item in items {
            for line in markdown_text(&item.text).split('\n') {
                writeln!(out, "> {line}")?;
            }
            let who = role_line(item);
            let speaker = if who.is_empty() {
                markdown_text(&item.speaker)
            } else {
                format!("{}, {}", markdown_text(&item.speaker), markdown_text(&who))
            };
            writeln!(out, ">\n> — {speaker}\n")?;
            let source = source_line(item);
            write!(out, "*{}*", markdown_text(&item.title))?;
            if !source.is_empty() {
                write!(out, " ({})", markdown_text(&source))?;
            }
            writeln!(
                out,
                " · {} · {} · article {}",
                item.kind, item.status, item.article
            )?;
            for note in &item.notes {
                writeln!(
                    out,
                    "\n**Note:** {}",
                    markdown_text(note).replace('\n', "  \n")
                )?;
            }
            if !item.tags.is_empty() {
                writeln!(out, "\nTags: {}", markdown_text(&item.tags.join(", ")))?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

const STYLE: &str = "body{font:15px/1.5 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}\
h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.2}h3{margin-top:2rem;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}\
td.n{text-align:right}blockquote{margin:1rem 0 .3rem;padding-left:1rem;border-left:3px solid #8a6d3b;white-space:pre-wrap}\
.who{font-family:system-ui,sans-serif;font-size:.9rem}.src{color:#555;font-size:.85rem}\
.note{background:#fff8d6;padding:.3rem .6rem;white-space:pre-wrap}.tags{font-size:.8rem;color:#555}\
article{break-inside:avoid}@media print{body{margin:0;max-width:none}h3{break-after:avoid}}";

fn html(text: &str) -> String {
    html_escape::encode_text(&xml_safe(text)).into_owned()
}

pub(super) fn write_html(
    selection: &mut Selection<'_>,
    out: impl Write,
) -> Result<(), ExportError> {
    let report = gather(selection)?;
    let mut out = out;
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>Quotemap findings</title><style>{STYLE}</style></head><body>"
    )?;
    writeln!(out, "<h1>Quotemap findings</h1>\n<table>")?;
    for (label, value) in &report.totals {
        writeln!(out, "<tr><th>{label}</th><td class=\"n\">{value}</td></tr>")?;
    }
    writeln!(out, "</table>")?;
    if report.sections.is_empty() {
        writeln!(out, "<p>No quotations in this selection.</p>")?;
    } else {
        writeln!(
            out,
            "<table><tr><th>{}</th><th>Quotations</th></tr>",
            report.group
        )?;
        for (name, items) in &report.sections {
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                html(name),
                items.len()
            )?;
        }
        writeln!(out, "</table>\n<h2>{}</h2>", html(&report.heading))?;
    }
    for (name, items) in &report.sections {
        writeln!(out, "<section><h3>{}</h3>", html(name))?;
        for item in items {
            writeln!(
                out,
                "<article><blockquote>{}</blockquote>",
                html(&item.text)
            )?;
            let who = role_line(item);
            write!(out, "<div class=\"who\">— {}", html(&item.speaker))?;
            if !who.is_empty() {
                write!(out, ", {}", html(&who))?;
            }
            writeln!(out, "</div>")?;
            let source = source_line(item);
            write!(out, "<div class=\"src\"><cite>{}</cite>", html(&item.title))?;
            if !source.is_empty() {
                write!(out, " ({})", html(&source))?;
            }
            writeln!(
                out,
                " · {} · {} · article {}</div>",
                html(&item.kind),
                html(&item.status),
                item.article
            )?;
            for note in &item.notes {
                writeln!(out, "<div class=\"note\">{}</div>", html(note))?;
            }
            if !item.tags.is_empty() {
                writeln!(
                    out,
                    "<div class=\"tags\">Tags: {}</div>",
                    html(&item.tags.join(", "))
                )?;
            }
            writeln!(out, "</article>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</body></html>")?;
    out.flush()?;
    Ok(())
}
