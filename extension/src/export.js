/* QuoteLens — taking quotes away: a citation for one quote (plain and rich text) and the page's
 * quotes as JSON, CSV (RFC 4180) or Markdown. Shared by the content script (copy from the card),
 * the popup (export) and the demo page (www/build.mjs copies this very file). No extension API;
 * the output goes to the clipboard or a downloaded file, never anywhere else.
 *
 *   QuoteLensExport.record(item, quote?)        one quote's fields (the demo's export fields)
 *   QuoteLensExport.citation(rec, meta)         -> {text, html}: “…” — Speaker, role, in Headline, Site, date, URL
 *   QuoteLensExport.toJson(records, meta, extra?) / toCsv(records, meta?) / toMarkdown(records, meta)
 *   QuoteLensExport.csvField(v)                 one RFC 4180 field
 *   meta: {headline, site, date, url, author, lang} (QuoteLensMetadata.read), may be {}
 */
(function (root) {
  'use strict';

  const OFFSETS_NOTE = 'start/end are offsets in UTF-16 code units (JavaScript string indices) into the text of block `block` of the article; end is exclusive';
  const CSV_COLUMNS = ['quote_id', 'speaker', 'speaker_kind', 'speaker_role', 'kind', 'rule', 'confidence',
    'block', 'start_utf16', 'end_utf16', 'text'];
  const CSV_PAGE_COLUMNS = ['page_headline', 'page_site', 'page_date', 'page_url'];
  const OPEN_MARK = /^["“«„‘'‹「『]/;

  function round3(x) {
    return typeof x === 'number' ? Math.round(x * 1000) / 1000 : null;
  }

  /** One quote's fields: a render item (QuoteLensExtract.resolve) and, if known, the engine's quote. */
  function record(it, q) {
    q = q || {};
    const span = (s) => (s ? { block: s.block, start: s.start, end: s.end } : null);
    return {
      id: it.id,
      speaker: it.speakerName || null,
      speakerKind: it.speakerKind || null,
      role: it.role || null,
      kind: it.kind,
      rule: it.rule || q.rule || null,
      confidence: round3(it.confidence),
      text: it.fullText || it.text,
      block: q.block != null ? q.block : (it.block != null ? it.block : null),
      start: q.start != null ? q.start : null,
      end: q.end != null ? q.end : null,
      cue: span(q.cue),
      sentence: span(q.sentence),
      mentions: (q.mentions || []).map(span),
      continues: q.continues != null ? q.continues : (it.continues != null ? it.continues : null),
      engineId: it.engineId != null ? it.engineId : null,
    };
  }

  /** The date as YYYY-MM-DD when it is an ISO date (unambiguous in every language), else as given. */
  function shortDate(d) {
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(d || '').trim());
    return m ? m[1] : String(d || '').trim();
  }

  function quoted(rec) {
    const t = String(rec.text || '').trim();
    // direct and mixed quotes carry their own marks; a paraphrase is not put in quotation marks
    if (rec.kind === 'indirect') return t;
    return OPEN_MARK.test(t) ? t : '“' + t + '”';
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  /** “…” — Speaker, role, in Headline, Site, date, URL (rich text: the headline in italics, the URL a link). */
  function citation(rec, meta) {
    meta = meta || {};
    const who = [rec.speaker || 'unattributed', rec.role].filter(Boolean);
    const date = shortDate(meta.date);
    const tail = [meta.site, date].filter(Boolean);
    const q = quoted(rec) + (rec.kind === 'indirect' ? ' (paraphrase)' : '');
    let text = `${q} — ${who.join(', ')}`;
    let html = `${escapeHtml(q)} — ${who.map(escapeHtml).join(', ')}`;
    if (meta.headline) {
      text += `, in ${meta.headline}`;
      html += `, in <i>${escapeHtml(meta.headline)}</i>`;
    }
    if (tail.length) {
      text += ', ' + tail.join(', ');
      html += ', ' + tail.map(escapeHtml).join(', ');
    }
    if (meta.url) {
      text += ', ' + meta.url;
      html += `, <a href="${escapeHtml(meta.url)}">${escapeHtml(meta.url)}</a>`;
    }
    return { text, html: `<p>${html}</p>` };
  }

  function toJson(records, meta, extra) {
    return JSON.stringify(Object.assign({
      generator: 'quotelens',
      page: meta || null,
      offsets: OFFSETS_NOTE,
    }, extra || {}, { quotes: records }), null, 2) + '\n';
  }

  /** RFC 4180: quoted when it holds a comma, quote, CR or LF (or edge spaces), quotes doubled. */
  function csvField(v) {
    const s = v == null ? '' : String(v);
    return /[",\r\n]|^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function toCsv(records, meta) {
    const withPage = !!meta;
    const rows = [withPage ? CSV_COLUMNS.concat(CSV_PAGE_COLUMNS) : CSV_COLUMNS];
    for (const r of records) {
      const row = [r.id, r.speaker || '', r.speakerKind || '', r.role || '', r.kind, r.rule || '',
        r.confidence == null ? '' : r.confidence.toFixed(3), r.block, r.start, r.end, r.text];
      if (withPage) row.push(meta.headline || '', meta.site || '', meta.date || '', meta.url || '');
      rows.push(row);
    }
    // CRLF line ends; a BOM so spreadsheets read UTF-8
    return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  }

  /** Markdown text: backslash before every character Markdown could read as markup. */
  function mdEscape(s) {
    return String(s == null ? '' : s).replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&').replace(/^(\s*)([-=>]|\d+\.)/gm, '$1\\$2');
  }

  function toMarkdown(records, meta) {
    meta = meta || {};
    const out = [];
    out.push(`# Quotes in *${mdEscape(meta.headline || 'this page')}*`, '');
    const src = [meta.site, shortDate(meta.date), meta.author].filter(Boolean).map(mdEscape);
    if (src.length) out.push(src.join(' · ') + '  ');
    if (meta.url) out.push(`<${meta.url.replace(/[<>\s]/g, encodeURIComponent)}>`);
    if (src.length || meta.url) out.push('');
    const groups = new Map();
    for (const r of records) {
      const k = (r.speaker || '').toLowerCase();
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(r);
    }
    const keys = [...groups.keys()].sort((a, b) => (!a - !b) || groups.get(b).length - groups.get(a).length);
    for (const k of keys) {
      const list = groups.get(k);
      const first = list[0];
      const head = first.speaker ? mdEscape(first.speaker) : 'Unattributed';
      const extra = [first.role, first.speakerKind && first.speakerKind !== 'unknown' ? first.speakerKind : ''].filter(Boolean).map(mdEscape);
      out.push(`## ${head}${extra.length ? ` (${extra.join(', ')})` : ''}`, '');
      for (const r of list) out.push(`- ${mdEscape(quoted(r))} — ${r.kind}${r.confidence != null ? `, confidence ${r.confidence.toFixed(2)}` : ''}`);
      out.push('');
    }
    if (!records.length) out.push('No quotes found.', '');
    out.push(`*Exported with QuoteLens${meta.url ? ' from the page above' : ''}; nothing left the browser.*`, '');
    return out.join('\n');
  }

  /** A file name for an export: quotelens-<headline slug>.<ext> */
  function fileName(meta, ext) {
    const slug = String((meta && (meta.headline || meta.site)) || 'page').toLowerCase().normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/^-|-$/g, '') || 'page';
    return `quotelens-${slug}.${ext}`;
  }

  root.QuoteLensExport = {
    OFFSETS_NOTE, CSV_COLUMNS, CSV_PAGE_COLUMNS, record, citation, toJson, toCsv, toMarkdown, csvField,
    mdEscape, shortDate, fileName, escapeHtml,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
