/* QuoteLens — the page's own description of itself, for citations and exports: headline, site
 * name, publication date, canonical URL, author. A classic script defining `QuoteLensMetadata`;
 * reads the DOM only (never parses page text as HTML, never fetches).
 *
 *   QuoteLensMetadata.read(doc, href?) -> {headline, site, date, url, author, lang}
 *
 * Sources, first found wins: JSON-LD NewsArticle/Article (headline, publisher.name, datePublished,
 * url / mainEntityOfPage, author), Open Graph (og:title, og:site_name, og:url,
 * article:published_time), <link rel=canonical>, <time datetime> in the article, <h1>, <title>,
 * the location. Only http(s) URLs are taken.
 */
(function (root) {
  'use strict';

  const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|LiveBlogPosting)$/;
  const MAX_FIELD = 500; // characters kept per field

  function clean(s) {
    return String(s == null ? '' : s).replace(/[\s\u00A0]+/g, ' ').trim().slice(0, MAX_FIELD);
  }

  function httpUrl(s, base) {
    if (!s || !String(s).trim()) return '';
    try {
      const u = new URL(String(s || '').trim(), base);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
    } catch (_) {
      return '';
    }
  }

  function meta(doc, names) {
    for (const n of names) {
      const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"]`);
      const v = el && clean(el.getAttribute('content'));
      if (v) return v;
    }
    return '';
  }

  function types(node) {
    const t = node && node['@type'];
    return Array.isArray(t) ? t : [t];
  }

  /** Every object in the page's JSON-LD (arrays and @graph flattened); bad JSON is skipped. */
  function jsonLd(doc) {
    const out = [];
    const walk = (v, depth) => {
      if (!v || typeof v !== 'object' || depth > 4) return;
      if (Array.isArray(v)) { v.forEach((x) => walk(x, depth + 1)); return; }
      out.push(v);
      if (v['@graph']) walk(v['@graph'], depth + 1);
    };
    for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
      try { walk(JSON.parse(s.textContent), 0); } catch (_) { /* not JSON: ignore */ }
    }
    return out;
  }

  function nameOf(v) {
    if (!v) return '';
    if (typeof v === 'string') return clean(v);
    if (Array.isArray(v)) return v.map(nameOf).filter(Boolean).join(', ');
    return clean(v.name || '');
  }

  function read(doc, href) {
    doc = doc || root.document;
    const base = href || (doc.defaultView && doc.defaultView.location.href) || '';
    const ld = jsonLd(doc).find((o) => types(o).some((t) => ARTICLE_TYPES.test(String(t || '')))) || {};
    const main = ld.mainEntityOfPage && (typeof ld.mainEntityOfPage === 'string' ? ld.mainEntityOfPage : ld.mainEntityOfPage['@id']);
    const canonical = doc.querySelector('link[rel~="canonical"]');
    const time = doc.querySelector('article time[datetime], time[pubdate], time[itemprop="datePublished"], time[datetime]');
    const h1 = doc.querySelector('article h1, h1');
    const url = httpUrl(ld.url, base) || httpUrl(main, base) || httpUrl(meta(doc, ['og:url']), base) ||
      httpUrl(canonical && canonical.getAttribute('href'), base) || httpUrl(base, base);
    let site = nameOf(ld.publisher) || meta(doc, ['og:site_name', 'application-name']);
    if (!site && url) site = new URL(url).hostname.replace(/^www\./, '');
    return {
      headline: clean(ld.headline) || meta(doc, ['og:title', 'twitter:title']) || clean(h1 && h1.textContent) || clean(doc.title),
      site,
      date: clean(ld.datePublished) || meta(doc, ['article:published_time', 'datePublished', 'date']) ||
        clean(time && time.getAttribute('datetime')),
      url,
      author: nameOf(ld.author) || meta(doc, ['author', 'article:author']),
      lang: clean(doc.documentElement.getAttribute('lang')),
    };
  }

  root.QuoteLensMetadata = { read, jsonLd, httpUrl };
})(typeof globalThis !== 'undefined' ? globalThis : this);
