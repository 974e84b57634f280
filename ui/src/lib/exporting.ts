// What the Export dialog offers and the scope it asks for; the citation a
// quotation is copied with. Pure functions, unit-tested.
import type { ArticleFilter, ArticleView, ExportFormat, ExportScope, QuoteView, ReportGrouping } from './api'
import { NO_FILTER } from './api'

export const EXPORT_FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'csv', label: 'Quotes as CSV', hint: 'One row per quotation, for any spreadsheet (UTF-8).' },
  {
    format: 'xlsx',
    label: 'Excel workbook',
    hint: 'Sheets of quotations, speakers, articles, notes and relations.',
  },
  { format: 'json', label: 'JSON', hint: 'Everything, with the article texts, as the published JSON Schema describes.' },
  { format: 'gexf', label: 'GEXF (Gephi)', hint: 'The relations map with dates, for Gephi’s timeline.' },
  { format: 'graphml', label: 'GraphML', hint: 'The relations map for networkx, yEd or Cytoscape.' },
  { format: 'markdown', label: 'Report (Markdown)', hint: 'Quotations grouped, with sources and your notes.' },
  { format: 'html', label: 'Report (HTML)', hint: 'The same report as one web page that prints well.' },
  {
    format: 'annotations',
    label: 'Web Annotations (JSON-LD)',
    hint: 'Your notes and the quotations as W3C annotations for annotation tools.',
  },
  {
    format: 'parquet',
    label: 'Parquet tables (a folder)',
    hint: 'Quotations, articles, speakers, notes, entities and relations as tables for DuckDB, pandas or Spark.',
  },
]

export type ScopeChoice = 'article' | 'library' | 'all'

/** The scope the dialog's choice stands for. */
export function exportScope(
  choice: ScopeChoice,
  filter: ArticleFilter,
  articleId: number | null,
  groupBy: ReportGrouping,
): ExportScope {
  if (choice === 'article' && articleId !== null) return { filter: { ...NO_FILTER }, article: articleId, group_by: groupBy }
  if (choice === 'library') return { filter: { ...filter }, article: null, group_by: groupBy }
  return { filter: { ...NO_FILTER }, article: null, group_by: groupBy }
}

/** `“…” — Speaker, Role (Outlet, date)`: a quotation as a reporter cites it. */
export function citation(article: ArticleView, quote: QuoteView): string {
  const speaker = quote.speaker === null ? null : article.speakers[quote.speaker]
  const who = [speaker?.name ?? 'Unattributed', speaker?.role].filter(Boolean).join(', ')
  const day = article.published_local?.slice(0, 10) ?? null
  const source = [article.outlet, day].filter(Boolean).join(', ')
  const text = quote.text.trim().replace(/^[“"„«]+|[”"»]+$/g, '')
  return `“${text}” — ${who}${source ? ` (${source})` : ''}`
}
