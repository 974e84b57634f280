// The only module that talks to the Rust side: typed wrappers over `invoke`
// and the app's events. Components import from here, never from @tauri-apps.
import { invoke } from '@tauri-apps/api/core'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { getCurrentWebview } from '@tauri-apps/api/webview'
import type { AboutInfo } from './bindings/AboutInfo'
import type { ArticleSummary } from './bindings/ArticleSummary'
import type { ArticleOrder } from './bindings/ArticleOrder'
import type { ArticlePage } from './bindings/ArticlePage'
import type { ArticleView } from './bindings/ArticleView'
import type { ImportReport } from './bindings/ImportReport'
import type { ImportProgress } from './bindings/ImportProgress'
import type { LibraryInfo } from './bindings/LibraryInfo'
import type { ReanalysisStatus } from './bindings/ReanalysisStatus'
import type { SearchHit } from './bindings/SearchHit'
import type { ArticleFilter } from './bindings/ArticleFilter'
import type { LibraryFacets } from './bindings/LibraryFacets'
import type { NameCountView } from './bindings/NameCountView'
import type { SpeakerQuoteView } from './bindings/SpeakerQuoteView'
import type { TimelineMonth } from './bindings/TimelineMonth'
import type { MapView } from './bindings/MapView'
import type { MapPosition } from './bindings/MapPosition'
import type { EvidenceView } from './bindings/EvidenceView'
import type { EntityView } from './bindings/EntityView'
import type { AnnotationView } from './bindings/AnnotationView'
import type { AnnotationInput } from './bindings/AnnotationInput'
import type { AnnotationFilter } from './bindings/AnnotationFilter'
import type { AnnotationList } from './bindings/AnnotationList'
import type { TagCount } from './bindings/TagCount'
import type { SpeakerInput } from './bindings/SpeakerInput'
import type { HistoryStep } from './bindings/HistoryStep'
import type { ExportFormat } from './bindings/ExportFormat'
import type { ExportScope } from './bindings/ExportScope'
import type { ExportCounts } from './bindings/ExportCounts'
import type { ExportProgress } from './bindings/ExportProgress'
import type { ExportSummary } from './bindings/ExportSummary'

export type { AboutInfo, ArticleOrder, ArticlePage, ArticleSummary, ArticleView, ImportProgress, ImportReport, LibraryInfo, ReanalysisStatus, SearchHit }
export type { ArticleFilter, LibraryFacets, NameCountView, SpeakerQuoteView, TimelineMonth }
export type { MapView, MapPosition, EvidenceView, EntityView }
export type { AnnotationView, AnnotationInput, AnnotationFilter, AnnotationList, TagCount, SpeakerInput, HistoryStep }
export type { ExportFormat, ExportScope, ExportCounts, ExportProgress, ExportSummary }
export type { ReportGrouping } from './bindings/ReportGrouping'
export type { SnippetPart } from './bindings/SnippetPart'
export type { BlockView } from './bindings/BlockView'
export type { SegmentView } from './bindings/SegmentView'
export type { SpeakerView } from './bindings/SpeakerView'
export type { QuoteView } from './bindings/QuoteView'
export type { BlockRole } from './bindings/BlockRole'

/** Error shape every command rejects with (see src-tauri/commands/mod.rs). */
export interface CommandError {
  code: string
  message: string
}

/** Event names, shared with src-tauri/lib.rs. */
export const IMPORT_STARTED = 'import-started'
export const IMPORT_FINISHED = 'import-finished'
export const IMPORT_PROGRESS = 'import-progress'
export const LIBRARY_CHANGED = 'library-changed'
export const EXPORT_PROGRESS = 'export-progress'

/** No filter: every article. */
export const NO_FILTER: ArticleFilter = {
  speaker: null,
  outlet: null,
  kind: null,
  from: null,
  to: null,
  entity: null,
  tag: null,
  reviewed: null,
}

/** Rows `offset` to `offset + limit` of the library list the filter keeps, in `order`,
 * with the list's length (the window reads the rows it shows, never the whole library). */
export function listArticlePage(
  filter: ArticleFilter,
  order: ArticleOrder,
  offset: number,
  limit: number,
): Promise<ArticlePage> {
  return invoke('list_article_page', { filter, order, offset, limit })
}

/** Speakers and outlets across the library, for the filters and the speakers view. */
export function libraryFacets(): Promise<LibraryFacets> {
  return invoke('library_facets')
}

/** Quotations per month of what the filter keeps (a speaker's only, with a speaker). */
export function quoteTimeline(filter: ArticleFilter): Promise<TimelineMonth[]> {
  return invoke('quote_timeline', { filter })
}

/** Every quotation of one speaker across the library, oldest first. */
export function speakerQuotes(name: string): Promise<SpeakerQuoteView[]> {
  return invoke('speaker_quotes', { name })
}

/** One article; `evidence` (an EvidenceView's start and end) is marked in its text. */
export function getArticle(id: number, evidence: [number, number] | null = null): Promise<ArticleView> {
  return invoke('get_article', { id, evidence })
}

/** The relations map of the filtered library, or of one article. */
export function relationMap(filter: ArticleFilter, article: number | null): Promise<MapView> {
  return invoke('relation_map', { filter, article })
}

/** Where the user left the nodes of this map (by entity). */
export function mapPositions(filter: ArticleFilter, article: number | null): Promise<MapPosition[]> {
  return invoke('map_positions', { filter, article })
}

/** Keeps where the nodes of this map are, for the next drawing. */
export function saveMapPositions(filter: ArticleFilter, article: number | null, positions: MapPosition[]): Promise<number> {
  return invoke('save_map_positions', { filter, article, positions })
}

/** Forgets this map's layout. */
export function resetMapPositions(filter: ArticleFilter, article: number | null): Promise<void> {
  return invoke('reset_map_positions', { filter, article })
}

/** The sentences behind one edge of the map. */
export function edgeEvidence(kind: string, from: number, to: number): Promise<EvidenceView[]> {
  return invoke('edge_evidence', { kind, from, to })
}

/** One entity: its names, quotations and mentions. */
export function entity(id: number): Promise<EntityView> {
  return invoke('entity', { id })
}

/** An entity's quotations `offset` to `offset + limit` (the panel's "Show more"). */
export function entityQuotes(id: number, offset: number, limit: number): Promise<SpeakerQuoteView[]> {
  return invoke('entity_quotes', { id, offset, limit })
}

/** Titles, text and quotations matching what the user typed, best first. */
export function search(query: string): Promise<SearchHit[]> {
  return invoke('search', { query })
}

export function libraryInfo(): Promise<LibraryInfo> {
  return invoke('library_info')
}

/** How the analysis of older articles behind the window stands (after an upgrade). */
export function reanalysisStatus(): Promise<ReanalysisStatus> {
  return invoke('reanalysis_status')
}

/** Files dropped on the window are imported by the Rust side, each drop or
 * choice as an import with its own number (several can run at once); these tell the UI. */
export function onImportStarted(handler: (started: { import: number; items: number }) => void): Promise<UnlistenFn> {
  return listen<{ import: number; items: number }>(IMPORT_STARTED, (event) => handler(event.payload))
}

export function onImportProgress(handler: (progress: ImportProgress & { import: number }) => void): Promise<UnlistenFn> {
  return listen<ImportProgress & { import: number }>(IMPORT_PROGRESS, (event) => handler(event.payload))
}

/** Another connection wrote to the library (a running import, or another
 * process such as the `quotemap` command): the views are out of date. */
/** A menu item the window handles (its id, as in src-tauri/menu.rs). */
export function onMenu(handler: (id: string) => void): Promise<UnlistenFn> {
  return listen<string>('menu', (event) => handler(event.payload))
}

/** The user chose other colours in View (src-tauri/theme.rs); payload: the choice's name. */
export function onThemeChosen(handler: (choice: string) => void): Promise<UnlistenFn> {
  return listen<string>('theme', (event) => handler(event.payload))
}

/** Versions and the open library, for Help › About. */
export function about(): Promise<AboutInfo> {
  return invoke('about')
}

export function onLibraryChanged(handler: () => void): Promise<UnlistenFn> {
  return listen(LIBRARY_CHANGED, () => handler())
}

/** Shows the native Open dialog (in Rust); what the user picks is imported like a drop. */
export function openImportDialog(folders: boolean): Promise<void> {
  return invoke('open_import_dialog', { folders })
}

/** Stops the running imports before their next file; what is in stays in. */
export function cancelImport(): Promise<void> {
  return invoke('cancel_import')
}

/** Imports the files the app was started with (once); how many there were. */
export function importLaunchFiles(): Promise<number> {
  return invoke('import_launch_files')
}

export function onImportFinished(handler: (report: ImportReport & { import: number }) => void): Promise<UnlistenFn> {
  return listen<ImportReport & { import: number }>(IMPORT_FINISHED, (event) => handler(event.payload))
}

/** Drag hover state, for the drop overlay only (the drop itself is handled in Rust). */
export function onDragHover(handler: (hovering: boolean) => void): Promise<UnlistenFn> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const kind = event.payload.type
    handler(kind === 'enter' || kind === 'over')
  })
}

// The analyst's layer. Offsets are Unicode code points into ArticleView.text
// (see selection.ts); every edit can be undone, and a refused one changes nothing.

/** Highlights [start, end) of an article with a note, tags and a colour. */
export function addAnnotation(article: number, start: number, end: number, input: AnnotationInput): Promise<AnnotationView> {
  return invoke('add_annotation', { article, start, end, input })
}

export function updateAnnotation(id: number, input: AnnotationInput): Promise<AnnotationView> {
  return invoke('update_annotation', { id, input })
}

export function deleteAnnotation(id: number): Promise<void> {
  return invoke('delete_annotation', { id })
}

/** The Annotations view: the newest `limit` notes the filter keeps. */
export function listAnnotations(limit: number, filter: AnnotationFilter): Promise<AnnotationList> {
  return invoke('list_annotations', { filter, limit })
}

/** Every tag of the library, most used first (typeahead, tag filter). */
export function libraryTags(): Promise<TagCount[]> {
  return invoke('library_tags')
}

export function setArticleTags(article: number, tags: string[]): Promise<string[]> {
  return invoke('set_article_tags', { article, tags })
}

export function setReviewed(article: number, reviewed: boolean): Promise<void> {
  return invoke('set_reviewed', { article, reviewed })
}

/** Quotation edits take a QuoteView's `id` and return its id from then on. */
export function confirmQuote(quote: string): Promise<string> {
  return invoke('confirm_quote', { quote })
}

export function rejectQuote(quote: string): Promise<string> {
  return invoke('reject_quote', { quote })
}

export function setQuoteSpeaker(quote: string, speaker: SpeakerInput): Promise<string> {
  return invoke('set_quote_speaker', { quote, speaker })
}

export function setQuoteKind(quote: string, kind: string): Promise<string> {
  return invoke('set_quote_kind', { quote, kind })
}

export function setQuoteSpan(quote: string, start: number, end: number): Promise<string> {
  return invoke('set_quote_span', { quote, start, end })
}

export function addQuote(article: number, start: number, end: number, speaker: SpeakerInput, kind: string): Promise<string> {
  return invoke('add_quote', { article, start, end, speaker, kind })
}

export function renameEntity(id: number, name: string): Promise<number> {
  return invoke('rename_entity', { id, name })
}

/** Merges entity `from` into `into`; resolves to the merged entity's id. */
export function mergeEntities(from: number, into: number): Promise<number> {
  return invoke('merge_entities', { from, into })
}

export function splitEntity(id: number, alias: string): Promise<number> {
  return invoke('split_entity', { id, alias })
}

/** Takes back the last change of notes and corrections (null: nothing to undo). */
export function undo(): Promise<HistoryStep | null> {
  return invoke('undo')
}

export function redo(): Promise<HistoryStep | null> {
  return invoke('redo')
}

/** What an export of the scope would hold, for the Export dialog's preview. */
export function exportCounts(scope: ExportScope): Promise<ExportCounts> {
  return invoke('export_counts', { scope })
}

/** A finished export: the file's name (never its folder) and what it holds. */
export interface ExportDone {
  file_name: string
  summary: ExportSummary
}

/**
 * Shows the native Save dialog (in Rust) and exports to the file chosen;
 * null when the dialog was dismissed; rejects with code `cancelled` after cancelExport().
 */
export function exportFile(format: ExportFormat, scope: ExportScope): Promise<ExportDone | null> {
  return invoke('export_file', { format, scope })
}

export function cancelExport(): Promise<void> {
  return invoke('cancel_export')
}

export function onExportProgress(handler: (progress: ExportProgress) => void): Promise<UnlistenFn> {
  return listen<ExportProgress>(EXPORT_PROGRESS, (event) => handler(event.payload))
}

/** Saves the map as drawn: `png` (base64) or `svg` (the document); resolves to the file's name, or null. */
export function saveMapImage(format: 'png' | 'svg', data: string): Promise<string | null> {
  return invoke('save_map_image', { format, data })
}

/** Turns whatever a command rejected with into a message for the user. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as CommandError).message)
  }
  return String(error)
}
