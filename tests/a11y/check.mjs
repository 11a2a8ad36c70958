#!/usr/bin/env node
// The accessibility gate: every HTML page of a built site, checked in headless
// Chromium and by the Nu Html Checker.
//
//   node check.mjs SITE_DIR BASE_PATH        e.g. node check.mjs /tmp/x/public /strategies/
//
// SITE_DIR is served on 127.0.0.1 (an ephemeral port) under BASE_PATH, with
// Node's own http module. For every .html file:
//   axe      axe-core, tags wcag2a wcag2aa wcag21a wcag21aa wcag22aa best-practice
//   skip     the first Tab reaches a skip link to <main>; Enter moves focus there
//            (needed only where links or controls come before <main>)
//   reflow   at 320 CSS px wide nothing scrolls sideways and no text is clipped
//            (WCAG 1.4.10); axe's layout-dependent rules run again there
//   zoom     at 200% zoom (a 640 px viewport, as a 1280 px window zoomed 200%)
//            and with text alone at 200% (root font size doubled, 1280 px),
//            nothing scrolls sideways and no text is clipped (WCAG 1.4.4)
//   chart    every <svg> in <main> has role="img", a <title>, a <desc> and an
//            accessible name, is in a <figure>, and has a <table> of its data
//            after it in the figure or straight after the figure; in a figure
//            with a caption, it is named by that caption alone, and the caption
//            does not repeat its description (heard twice); at each width
//            below, every word of a chart shown there is 12 CSS px or larger
//            and inside its <svg>'s box (none cut off)
//   heading  no heading comes before the page's <h1>
//   table    at 320 CSS px, every table wider than its scrolling box is in a
//            region (role="region") that is named, focusable, says in view
//            that it scrolls (visible text outside the table), and whose
//            table's caption wraps within the box instead of scrolling away
// For one page of each template (named by the page's data-template):
//   keyboard Tab from the top reaches every link and control, in DOM order,
//            each with a visible focus indicator (outline, box-shadow, border
//            or background colour differing from its unfocused state)
// Then the Nu Html Checker (vnu-jar) validates every page: errors only.
//
// Every failure is printed with its page, rule and element. The last line is
// the summary; the exit code is 0 when there is no failure, 1 when there is
// any, 2 when the check itself could not run.
//
// Environment: CHROMIUM (default /usr/bin/chromium), JAVA (default java),
// A11Y_WORKERS (browser pages checked at once; default: 2, or 1 on one core).

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_PATH = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const VNU_JAR = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const AXE_URL = '/__a11y__/axe.min.js';
let AXE_SOURCE = '';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
// Rules whose outcome depends on the layout: run again at 320 CSS px.
// (color-contrast is not repeated: it is the costliest rule, and colours do
// not change with the width in this theme; only text sizes do.)
const AXE_LAYOUT_RULES = ['target-size', 'scrollable-region-focusable', 'link-in-text-block'];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JAVA = process.env.JAVA || 'java';
// HotSpot options for a short run (others ignore them).
const JAVA_QUICK = ['-XX:+IgnoreUnrecognizedVMOptions', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--hide-scrollbars',
];
const DESKTOP = { width: 1280, height: 800 };
const PAGE_TIMEOUT_MS = 60_000;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`check.mjs: ${message}`);
  console.error('usage: node check.mjs SITE_DIR BASE_PATH   (e.g. node check.mjs public /strategies/)');
  process.exit(2);
}

const [siteArg, baseArg] = process.argv.slice(2);
if (!siteArg || !baseArg || process.argv.length > 4) usage();
const SITE = path.resolve(siteArg);
if (!fs.existsSync(SITE) || !fs.statSync(SITE).isDirectory()) usage(`${SITE} is not a folder`);
const BASE = ('/' + baseArg.replace(/^\/+|\/+$/g, '') + '/').replace(/^\/\/$/, '/');

// ---------------------------------------------------------------- pages

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

const files = htmlFiles(SITE)
  .map((f) => path.relative(SITE, f).split(path.sep).join('/'))
  .sort();
if (files.length === 0) usage(`no .html files in ${SITE}`);

/** The URL path a reader uses for a file: folders end in '/'. */
function urlPath(rel) {
  if (rel === 'index.html') return BASE;
  if (rel.endsWith('/index.html')) return BASE + rel.slice(0, -'index.html'.length);
  return BASE + rel;
}

// The template that made each page, as the page says on its <html> element
// (data-template="priority.html"); the keyboard walk runs on the first page
// of each. Pages that name no template (the exports' large print) are checked
// in every other way.
const TEMPLATE = /<html\b[^>]*\sdata-template="([^"]+)"/i;
const REDIRECT = /<meta\s+http-equiv="refresh"/i;
const keyboardPages = new Map(); // file -> template: the first page of each template
const redirects = new Set(); // pages that send the reader on with a meta refresh
for (const file of files) {
  const html = fs.readFileSync(path.join(SITE, file), 'utf8');
  if (REDIRECT.test(html)) redirects.add(file);
  const template = TEMPLATE.exec(html)?.[1];
  if (template && ![...keyboardPages.values()].includes(template)) keyboardPages.set(file, template);
}

// ---------------------------------------------------------------- server

function serve() {
  const send404 = (res) => {
    const notFound = path.join(SITE, '404.html');
    res.writeHead(404, { 'content-type': CONTENT_TYPES['.html'] });
    res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'Not found');
  };
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === AXE_URL) {
      // axe-core, from its own address so that Chromium caches its compiled code.
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.js'], 'cache-control': 'public, max-age=3600' });
      res.end(AXE_SOURCE);
      return;
    }
    if (!pathname.startsWith(BASE)) {
      if (pathname + '/' === BASE) {
        res.writeHead(301, { location: BASE }).end();
        return;
      }
      send404(res);
      return;
    }
    let file = path.join(SITE, pathname.slice(BASE.length));
    if (file !== SITE && !file.startsWith(SITE + path.sep)) {
      send404(res);
      return;
    }
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: pathname + '/' }).end();
        return;
      }
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      send404(res);
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- failures

const failures = []; // { kind, page, rule, detail, elements: [{target, html}] }
const notes = [];
function fail(kind, page, rule, detail, elements = []) {
  failures.push({ kind, page, rule, detail, elements });
}

// ---------------------------------------------------------------- in-page helpers
// Functions passed to page.evaluate run in the browser; they cannot close over
// anything here.

/** Installs window.__a11y: selector paths, snippets, tabbable elements. */
function installHelpers() {
  if (window.__a11y) return;
  const cssPath = (el) => {
    if (!(el instanceof Element)) return String(el);
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      if (e.id) {
        parts.unshift(`${e.localName}#${CSS.escape(e.id)}`);
        break;
      }
      let part = e.localName;
      const cls = [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      part += cls;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === e.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const snippet = (el) => {
    if (!(el instanceof Element)) return '';
    const html = el.outerHTML;
    const open = html.slice(0, html.indexOf('>') + 1);
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return (open.length > 160 ? open.slice(0, 157) + '...' : open) + (text ? ` “${text.length > 60 ? text.slice(0, 57) + '...' : text}”` : '');
  };
  const rendered = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const tabbables = () =>
    [...document.querySelectorAll('a[href], area[href], button, input, select, textarea, summary, iframe, audio[controls], video[controls], [tabindex], [contenteditable]')]
      .filter((el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && rendered(el))
      // Elements with a positive tabindex come first, then document order.
      .map((el, i) => [el, i])
      .sort(([a, i], [b, j]) => (a.tabIndex > 0 || b.tabIndex > 0 ? (a.tabIndex || 1e9) - (b.tabIndex || 1e9) || i - j : i - j))
      .map(([el]) => el);
  const visiblyHidden = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return (r.width <= 1 && r.height <= 1) || s.clipPath === 'inset(50%)' || (s.clip && s.clip !== 'auto' && s.position === 'absolute');
  };
  window.__a11y = { cssPath, snippet, rendered, tabbables, visiblyHidden };
}

/** Horizontal overflow and clipped text at the current viewport. */
function measureLayout() {
  const { cssPath, snippet, visiblyHidden } = window.__a11y;
  const doc = document.documentElement;
  const viewport = doc.clientWidth;
  const scrollWidth = Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0);
  const result = { viewport, scrollWidth, overflowing: [], clipped: [] };
  const all = [...document.body.querySelectorAll('*')];
  const scrollsItself = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
    }
    return false;
  };
  if (scrollWidth > viewport + 1) {
    // The innermost elements that reach past the right edge, not counting
    // those inside their own scrolling box (data tables may scroll).
    const past = all.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right + window.scrollX > viewport + 1 && !scrollsItself(el) && !visiblyHidden(el);
    });
    const innermost = past.filter((el) => !past.some((o) => o !== el && el.contains(o)));
    result.overflowing = innermost.slice(0, 5).map((el) => ({
      target: cssPath(el),
      html: snippet(el),
      right: Math.round(el.getBoundingClientRect().right + window.scrollX),
    }));
  }
  // Text cut off by overflow: hidden/clip (a fixed height or width that does
  // not grow with the text). Visually hidden text is meant to be hidden.
  for (const el of [document.documentElement, document.body, ...all]) {
    const s = getComputedStyle(el);
    const clipsX = s.overflowX === 'hidden' || s.overflowX === 'clip';
    const clipsY = s.overflowY === 'hidden' || s.overflowY === 'clip';
    if (!clipsX && !clipsY) continue;
    if (visiblyHidden(el) || !(el.textContent || '').trim()) continue;
    if (el.getClientRects().length === 0) continue;
    const cutX = clipsX && el.scrollWidth > el.clientWidth + 1;
    const cutY = clipsY && el.scrollHeight > el.clientHeight + 1;
    if (cutX || cutY || (clipsX && s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth)) {
      result.clipped.push({
        target: cssPath(el),
        html: snippet(el),
        how: `${cutX ? `content ${el.scrollWidth}px wide in a box ${el.clientWidth}px wide` : ''}${cutX && cutY ? ', ' : ''}${cutY ? `content ${el.scrollHeight}px high in a box ${el.clientHeight}px high` : ''}`,
      });
    }
  }
  result.clipped = result.clipped.slice(0, 5);
  return result;
}

/** The focus state of the active element, and whether it looks focused. */
function focusState(baseline) {
  const { cssPath, snippet, tabbables } = window.__a11y;
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  if (!window.__a11yTabbables) window.__a11yTabbables = tabbables();
  const index = window.__a11yTabbables.indexOf(el);
  const r = el.getBoundingClientRect();
  const inView = r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth && r.width > 0 && r.height > 0;
  const s = getComputedStyle(el);
  const focused = {
    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
    boxShadow: s.boxShadow,
    background: s.backgroundColor,
    border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor} ${s.borderBottomWidth} ${s.borderBottomStyle} ${s.borderBottomColor}`,
  };
  const before = baseline && index >= 0 ? baseline[index] : null;
  const opaque = (c) => !/^rgba\(.*,\s*0\)$/.test(c) && c !== 'transparent';
  const reasons = [];
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && opaque(s.outlineColor) && (!before || before.outline !== focused.outline)) reasons.push('outline');
  if (s.boxShadow !== 'none' && (!before || before.boxShadow !== focused.boxShadow)) reasons.push('box-shadow');
  if (before && before.background !== focused.background) reasons.push('background');
  if (before && before.border !== focused.border) reasons.push('border');
  return {
    none: false,
    index,
    path: cssPath(el),
    html: snippet(el),
    inView,
    visible: reasons.length > 0,
    reasons,
  };
}

/** Computed styles of every tabbable element, unfocused, in tab order. */
function unfocusedStyles() {
  const { tabbables } = window.__a11y;
  window.__a11yTabbables = tabbables();
  return window.__a11yTabbables.map((el) => {
    const s = getComputedStyle(el);
    return {
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      boxShadow: s.boxShadow,
      background: s.backgroundColor,
      border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor} ${s.borderBottomWidth} ${s.borderBottomStyle} ${s.borderBottomColor}`,
    };
  });
}

function describeTabbables() {
  const { cssPath, snippet } = window.__a11y;
  return window.__a11yTabbables.map((el) => ({ target: cssPath(el), html: snippet(el) }));
}

/** Document order of the elements reached, by their paths. */
function documentOrder(paths) {
  const els = paths.map((p) => document.querySelector(p));
  const out = [];
  for (let i = 1; i < els.length; i++) {
    const [a, b] = [els[i - 1], els[i]];
    if (a && b && a !== b && a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING) out.push(i);
  }
  return out;
}

/** The skip link: first tab stop, links to <main>, visible when focused. */
function skipLinkState() {
  const { cssPath, snippet, tabbables } = window.__a11y;
  const el = document.activeElement;
  const first = tabbables()[0];
  const main = document.querySelector('main, [role="main"]');
  const out = { active: el && el !== document.body ? snippet(el) : null, activePath: el && el !== document.body ? cssPath(el) : null };
  out.isFirst = !!el && el === first;
  out.isLink = !!el && el.localName === 'a' && (el.getAttribute('href') || '').startsWith('#');
  const id = out.isLink ? decodeURIComponent(el.getAttribute('href').slice(1)) : '';
  const target = id ? document.getElementById(id) : null;
  out.hasMain = !!main;
  // Links or controls before <main> in the document: the blocks a skip link
  // lets a keyboard user bypass (WCAG 2.4.1). With none, no skip link is needed.
  out.before = main ? tabbables().filter((t) => !main.contains(t) && main.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING).length : 0;
  out.targetIsMain = !!target && !!main && (target === main || main.contains(target));
  out.targetDesc = target ? snippet(target) : `#${id}`;
  if (el && el !== document.body) {
    const r = el.getBoundingClientRect();
    out.visible = r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < window.innerWidth && r.top < window.innerHeight;
  }
  return out;
}

function focusInMain() {
  const main = document.querySelector('main, [role="main"]');
  const el = document.activeElement;
  if (!main || !el) return { inMain: false, after: false };
  return {
    inMain: el === main || main.contains(el),
    after: el === main || main.contains(el) || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    active: el === document.body ? 'body' : window.__a11y.snippet(el),
  };
}

/** Contrast of an SVG text element's fill against what is behind the svg. */
function svgTextContrast(text, svg) {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const fill = parse(getComputedStyle(text).fill);
  if (!fill) return null; // a gradient or pattern: not measured
  let alpha = fill.a * Number(getComputedStyle(text).fillOpacity || 1);
  for (let e = text; e && e !== svg.parentElement; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity || 1);
  let bg = { r: 255, g: 255, b: 255 };
  for (let e = svg; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0) {
      bg = c;
      break;
    }
  }
  const mix = (k) => fill[k] * alpha + bg[k] * (1 - alpha);
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [l1, l2] = [lum({ r: mix('r'), g: mix('g'), b: mix('b') }), lum(bg)].sort((a, b) => b - a);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Every <svg> in <main>: role, title, description, name, and a data table. */
function chartState() {
  const { cssPath, snippet } = window.__a11y;
  const problems = [];
  const main = document.querySelector('main, [role="main"]');
  if (!main) return problems;
  for (const svg of main.querySelectorAll('svg')) {
    if (svg.parentElement && svg.parentElement.closest('svg')) continue; // nested svg: part of its chart
    const target = cssPath(svg);
    const html = snippet(svg);
    const own = (name) => [...svg.children].find((c) => c.localName === name);
    const title = own('title');
    const desc = own('desc');
    if (svg.getAttribute('role') !== 'img') problems.push({ rule: 'svg-role-img', detail: 'the chart has no role="img"', target, html });
    if (!title || !title.textContent.trim()) problems.push({ rule: 'svg-title', detail: 'the chart has no <title> (a direct child, with text)', target, html });
    if (!desc || !desc.textContent.trim()) problems.push({ rule: 'svg-desc', detail: 'the chart has no <desc> (a direct child, with text)', target, html });
    const labelledby = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const label = labelledby.map((id) => document.getElementById(id)?.textContent || '').join(' ').trim() || (svg.getAttribute('aria-label') || '').trim() || (title?.textContent || '').trim();
    if (!label) problems.push({ rule: 'svg-name', detail: 'the chart has no accessible name', target, html });
    if (svg.getAttribute('aria-hidden') === 'true') problems.push({ rule: 'svg-hidden', detail: 'the chart is hidden from assistive technology (aria-hidden="true")', target, html });
    // One name, heard once: the figure's caption names the chart, and the
    // caption does not also say what the description says.
    const caption = svg.closest('figure') && [...svg.closest('figure').children].find((c) => c.localName === 'figcaption');
    if (caption) {
      if (labelledby.length !== 1 || document.getElementById(labelledby[0]) !== caption)
        problems.push({ rule: 'svg-name-caption', detail: 'the chart is not named by its figure’s caption alone (aria-labelledby the <figcaption>)', target, html });
      const said = (desc?.textContent || '').replace(/\s+/g, ' ').trim();
      if (said && caption.textContent.replace(/\s+/g, ' ').includes(said))
        problems.push({ rule: 'svg-name-repeated', detail: 'the figure’s caption repeats the chart’s description: a screen reader hears it twice', target, html });
    }
    // Text in the chart: axe cannot see the background behind SVG text, so
    // its contrast is checked here against the background behind the svg.
    const low = [];
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim() || t.getClientRects().length === 0) continue;
      const ratio = svgTextContrast(t, svg);
      if (ratio !== null && ratio < 4.5) low.push(`${t.textContent.trim().slice(0, 30)} (${ratio.toFixed(2)}:1)`);
    }
    if (low.length) problems.push({ rule: 'svg-text-contrast', detail: `${low.length} text labels in the chart have contrast below 4.5:1: ${low.slice(0, 5).join(', ')}`, target, html });
    // The data table: in the chart's <figure> after the svg, or straight
    // after the figure (alone or in a wrapper such as a scrolling region).
    const figure = svg.closest('figure');
    const next = figure && figure.nextElementSibling;
    const table =
      (figure && [...figure.querySelectorAll('table')].find((t) => svg.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) ||
      (next && (next.localName === 'table' ? next : next.querySelector(':scope > table')));
    if (!figure) problems.push({ rule: 'svg-figure', detail: 'the chart is not inside a <figure>', target, html });
    else if (!table) problems.push({ rule: 'svg-data-table', detail: 'the chart has no <table> of its data, after it in its <figure> or straight after the figure', target, html });
    else {
      const rows = [...table.querySelectorAll('tbody tr, tr')].filter((tr) => tr.querySelector('td'));
      if (!table.querySelector('th') || rows.length === 0)
        problems.push({ rule: 'svg-data-table', detail: 'the chart’s data table has no header cells or no rows of data', target: cssPath(table), html: snippet(table) });
      if (!table.querySelector('caption') && !table.getAttribute('aria-labelledby') && !table.getAttribute('aria-label') && !figure.contains(table))
        problems.push({ rule: 'svg-data-table', detail: 'the chart’s data table outside the figure has no caption', target: cssPath(table), html: snippet(table) });
    }
  }
  return problems;
}

/** Every chart shown at this width: each word 12 CSS px or larger, and
 * inside its <svg>'s box (an svg clips what is outside it). */
function chartGeometry() {
  const { cssPath, snippet } = window.__a11y;
  const problems = [];
  const main = document.querySelector('main, [role="main"]');
  if (!main) return problems;
  for (const svg of main.querySelectorAll('svg')) {
    if (svg.parentElement && svg.parentElement.closest('svg')) continue;
    if (svg.getClientRects().length === 0) continue; // not shown at this width
    const box = svg.getBoundingClientRect();
    const small = [];
    const outside = [];
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim() || t.getClientRects().length === 0) continue;
      const words = t.textContent.trim().slice(0, 40);
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (px < 11.95) small.push(`“${words}” (${px.toFixed(1)} px)`);
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) outside.push(`“${words}”`);
    }
    const target = cssPath(svg);
    const html = snippet(svg);
    if (small.length) problems.push({ rule: 'chart-text-size', detail: `${small.length} words in the chart are under 12 CSS px: ${small.slice(0, 5).join(', ')}`, target, html });
    if (outside.length) problems.push({ rule: 'chart-text-outside', detail: `${outside.length} words in the chart reach outside its box and are cut off: ${outside.slice(0, 5).join(', ')}`, target, html });
  }
  return problems;
}

/** Headings before the page's h1. */
function headingState() {
  const { cssPath, snippet } = window.__a11y;
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].filter((h) => h.getClientRects().length > 0 || h.textContent.trim());
  const first = headings.findIndex((h) => h.localName === 'h1' || h.getAttribute('aria-level') === '1');
  if (first <= 0) return [];
  return headings.slice(0, first).map((h) => ({ target: cssPath(h), html: snippet(h) }));
}

/** Every table wider than its scrolling box: a named, focusable region that
 * says in view that it scrolls, and a caption that stays in the box. */
function tableState() {
  const { cssPath, snippet } = window.__a11y;
  const problems = [];
  for (const table of document.querySelectorAll('table')) {
    if (table.getClientRects().length === 0) continue;
    let box = null;
    for (let e = table.parentElement; e && e !== document.body; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX;
      if (ox === 'auto' || ox === 'scroll') {
        box = e;
        break;
      }
    }
    // A table that is in no scrolling box makes the page scroll: the reflow check's.
    if (!box || box.scrollWidth <= box.clientWidth + 1) continue;
    const target = cssPath(box);
    const html = snippet(box);
    const says = (detail) => `a table ${box.scrollWidth}px wide in a box ${box.clientWidth}px wide ${detail}`;
    if (box.getAttribute('role') !== 'region') problems.push({ rule: 'table-scroll-region', detail: says('is not in a region (role="region")'), target, html });
    const ids = (box.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const name = ids.map((id) => document.getElementById(id)?.textContent || '').join(' ').trim() || (box.getAttribute('aria-label') || '').trim();
    if (!name) problems.push({ rule: 'table-scroll-name', detail: says('is in a region with no name (aria-labelledby its caption)'), target, html });
    if (box.tabIndex < 0) problems.push({ rule: 'table-scroll-focus', detail: says('cannot be scrolled from the keyboard: its region is not focusable (tabindex="0")'), target, html });
    const edge = box.getBoundingClientRect();
    const within = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && r.left >= edge.left - 1 && r.right <= edge.right + 1;
    };
    const cue = [...box.querySelectorAll('*')].some(
      (el) => !table.contains(el) && !el.contains(table) && el.textContent.trim() && el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible' && within(el),
    );
    if (!cue) problems.push({ rule: 'table-scroll-cue', detail: says('does not say that it scrolls: no visible words in its region, outside the table, in view'), target, html });
    const caption = table.querySelector(':scope > caption');
    if (caption && caption.textContent.trim() && !within(caption))
      problems.push({ rule: 'table-caption-cut', detail: says('has a caption that does not wrap within the box: part of it is out of view'), target: cssPath(caption), html: snippet(caption) });
  }
  return problems;
}

// ---------------------------------------------------------------- one page

const timing = {};
const TIMING = process.env.A11Y_TIMING === '1';
let lastMark = 0;
function mark(name) {
  if (!TIMING) return;
  const now = performance.now();
  if (name) timing[name] = (timing[name] || 0) + (now - lastMark);
  lastMark = now;
}

async function checkPage(page, file, origin) {
  const injectAxe = () => page.addScriptTag({ url: origin + AXE_URL });
  const url = origin + urlPath(file);
  const label = urlPath(file);
  const badResources = [];
  const onResponse = (resp) => {
    if (resp.status() >= 400 && resp.url() !== url) badResources.push(`${resp.status()} ${resp.url()}`);
  };
  const onFailed = (req) => {
    // The redirect page's own refresh, stopped on purpose, is not a failure.
    if (req.isNavigationRequest() && redirects.has(file)) return;
    badResources.push(`failed ${req.url()}`);
  };
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  try {
    await page.setViewportSize(DESKTOP);
    if (redirects.has(file)) {
      // A redirect page's meta refresh must not replace it while it is checked.
      await page.route('**/*', (route) => {
        const req = route.request();
        if (req.isNavigationRequest() && req.frame() === page.mainFrame() && req.url().split('#')[0] !== url) return route.abort('aborted');
        return route.continue();
      });
    }
    mark();
    const resp = await page.goto(url, { waitUntil: 'load' });
    mark('goto');
    if (!resp || resp.status() !== 200) fail('load', label, 'http-status', `the page answered ${resp ? resp.status() : 'nothing'}`);
    for (const r of badResources) fail('load', label, 'resource', `a resource the page uses did not load: ${r}`);
    await page.evaluate(installHelpers);

    // axe-core.
    await injectAxe();
    const axe = await page.evaluate(
      (tags) =>
        window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations', 'incomplete'],
        }),
      AXE_TAGS,
    );
    mark('axe');
    for (const v of axe.violations) {
      fail('axe', label, v.id, `${v.impact}: ${v.help} (${v.helpUrl.replace(/\?.*$/, '')})`, v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html.length > 200 ? n.html.slice(0, 197) + '...' : n.html,
        why: n.failureSummary ? n.failureSummary.replace(/\s+/g, ' ').trim() : '',
      })));
    }
    for (const v of axe.incomplete) notes.push({ page: label, rule: v.id, count: v.nodes.length, help: v.help });

    // Charts.
    await page.evaluate(`window.svgTextContrast = ${svgTextContrast.toString()}`);
    for (const p of await page.evaluate(chartState)) fail('chart', label, p.rule, p.detail, [{ target: p.target, html: p.html }]);
    for (const p of await page.evaluate(chartGeometry)) fail('chart', label, p.rule, `${p.detail}, at 1280 CSS px wide`, [{ target: p.target, html: p.html }]);
    const early = await page.evaluate(headingState);
    if (early.length) fail('heading', label, 'heading-before-h1', `${early.length} headings come before the page’s <h1>`, early);

    mark('chart');
    // Skip link: first Tab, then Enter, then Tab again.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(skipLinkState);
    if (!skip.hasMain) fail('skip', label, 'skip-link', 'the page has no <main>');
    if (skip.hasMain && skip.before === 0 && !skip.isLink) {
      // <main> comes first: nothing to skip.
    } else if (!skip.isFirst || !skip.isLink) {
      fail('skip', label, 'skip-link', skip.active ? 'the first Tab does not reach a skip link to the main content; it reaches:' : 'the first Tab reaches nothing', skip.active ? [{ target: skip.activePath, html: skip.active }] : []);
    } else {
      if (!skip.targetIsMain) fail('skip', label, 'skip-link', `the skip link does not point into <main>; it points to ${skip.targetDesc}`, [{ target: skip.activePath, html: skip.active }]);
      if (!skip.visible) fail('skip', label, 'skip-link', 'the skip link is not visible when it has focus', [{ target: skip.activePath, html: skip.active }]);
      if (skip.targetIsMain) {
        await page.keyboard.press('Enter');
        const afterEnter = await page.evaluate(focusInMain);
        if (!afterEnter.inMain) {
          // Browsers move the sequential focus starting point even when the
          // target is not focusable; what matters is where Tab goes next.
          await page.keyboard.press('Tab');
          const next = await page.evaluate(focusInMain);
          if (!next.after) fail('skip', label, 'skip-link', `activating the skip link does not move focus to the main content (next Tab reaches ${next.active})`, [{ target: skip.activePath, html: skip.active }]);
        }
      }
    }

    mark('skip');
    // Keyboard walk, on one page of each template.
    if (keyboardPages.has(file)) await keyboardWalk(page, url, label, keyboardPages.get(file));
    mark('keyboard');

    // Reflow at 320 CSS px, then 200% zoom (640 px), then text alone at 200%.
    await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
    const layouts = [
      ['reflow', { width: 320, height: 256 }, null, 'at 320 CSS px wide'],
      ['zoom', { width: 640, height: 400 }, null, 'at 200% zoom (640 CSS px wide)'],
      ['zoom', DESKTOP, 'html { font-size: 200% !important; }', 'with text resized to 200%'],
    ];
    for (const [kind, viewport, css, how] of layouts) {
      await page.setViewportSize(viewport);
      let handle = null;
      if (css) {
        handle = await page.addStyleTag({ content: css });
      }
      // Reading sizes in measureLayout forces style and layout; no frame wait needed.
      const m = await page.evaluate(measureLayout);
      for (const p of await page.evaluate(chartGeometry)) fail('chart', label, p.rule, `${p.detail}, ${how}`, [{ target: p.target, html: p.html }]);
      if (kind === 'reflow') {
        // What a reader sees once the narrow page is drawn: a scroll
        // timeline (which shows a table's cue) updates with the next frame.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        for (const p of await page.evaluate(tableState)) fail('table', label, p.rule, p.detail, [{ target: p.target, html: p.html }]);
      }
      if (kind === 'reflow') {
        // The rules whose result depends on the layout, again on the narrow
        // screen. (The keyboard walk reloads the page: axe may be gone.)
        if (!(await page.evaluate(() => !!window.axe))) await injectAxe();
        const narrow = await page.evaluate(
          (rules) => window.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] }),
          AXE_LAYOUT_RULES,
        );
        for (const v of narrow.violations) {
          if (failures.some((f) => f.kind === 'axe' && f.page === label && f.rule === v.id)) continue;
          fail('axe', label, v.id, `${v.impact}: ${v.help}, at 320 CSS px wide (${v.helpUrl.replace(/\?.*$/, '')})`, v.nodes.map((n) => ({
            target: n.target.join(' '),
            html: n.html.length > 200 ? n.html.slice(0, 197) + '...' : n.html,
            why: n.failureSummary ? n.failureSummary.replace(/\s+/g, ' ').trim() : '',
          })));
        }
      }
      if (m.scrollWidth > m.viewport + 1) {
        fail(kind, label, kind === 'reflow' ? 'reflow-320' : 'zoom-200-scroll', `${how} the page scrolls sideways: content is ${m.scrollWidth}px wide in a ${m.viewport}px viewport`, m.overflowing.map((o) => ({ target: o.target, html: o.html, why: `reaches ${o.right}px` })));
      }
      for (const c of m.clipped) {
        fail(kind, label, kind === 'reflow' ? 'reflow-320-clipped' : 'zoom-200-clipped', `${how} text is cut off (${c.how})`, [{ target: c.target, html: c.html }]);
      }
      if (handle) await handle.evaluate((el) => el.remove());
      mark(`${kind} ${viewport.width}${css ? ' text' : ''}`);
    }
    if (!redirects.has(file)) await checkPrint(page, label);
  } finally {
    if (redirects.has(file)) await page.unrouteAll({ behavior: 'ignoreErrors' });
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  }
}

/** Printed, a site page keeps the site's name and its own address, and
 * every link to another site in its main content prints its address. */
async function checkPrint(page, label) {
  await page.emulateMedia({ media: 'print' });
  const p = await page.evaluate(() => {
    const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const name = document.querySelector('.site-header__name');
    if (!name) return null; // an export's page, with no site header
    const bare = [...document.querySelectorAll('main a[href^="http"]')]
      .filter((a) => !getComputedStyle(a, '::after').content.includes(a.getAttribute('href')))
      .map((a) => a.outerHTML.slice(0, 200));
    return { name: shown(name), address: shown(document.querySelector('.print-address')), bare };
  });
  await page.emulateMedia({ media: null });
  mark('print');
  if (!p) return;
  if (!p.name) fail('print', label, 'print-site-name', 'printed, the page loses the site name');
  if (!p.address) fail('print', label, 'print-address', 'printed, the page does not give its own address');
  for (const html of p.bare) fail('print', label, 'print-link-address', 'printed, a link to another site does not give its address', [{ target: 'a', html }]);
}

async function keyboardWalk(page, url, label, template) {
  await page.setViewportSize(DESKTOP);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(installHelpers);
  const baseline = await page.evaluate(unfocusedStyles);
  const expected = await page.evaluate(describeTabbables);
  const reached = []; // { index, path, html, visible, inView }
  const seen = new Set();
  const limit = expected.length + 25;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(focusState, baseline);
    if (s.none) break; // focus has left the page
    if (seen.has(s.path)) break; // wrapped round
    seen.add(s.path);
    reached.push(s);
  }
  const where = `(${template} template, Tab from the top)`;
  const reachedIdx = new Set(reached.map((r) => r.index).filter((i) => i >= 0));
  const missing = expected.filter((_, i) => !reachedIdx.has(i));
  if (missing.length) fail('keyboard', label, 'keyboard-reach', `${missing.length} of ${expected.length} links and controls are never reached by Tab ${where}`, missing.slice(0, 10));
  // Order: the listed tab order, and document order for extra stops (such as
  // scrollable regions Chromium makes focusable).
  const listed = reached.filter((r) => r.index >= 0);
  const outOfOrder = listed.filter((r, i) => i > 0 && r.index < listed[i - 1].index);
  const backwards = await page.evaluate(documentOrder, reached.map((r) => r.path));
  const positive = expected.length && (await page.evaluate(() => window.__a11yTabbables.filter((el) => el.tabIndex > 0).map((el) => window.__a11y.cssPath(el))));
  for (const p of positive || []) fail('keyboard', label, 'keyboard-order', `a positive tabindex changes the tab order from the reading order ${where}`, [{ target: p, html: '' }]);
  if (outOfOrder.length || backwards.length) {
    const els = [...outOfOrder, ...backwards.map((i) => reached[i])];
    fail('keyboard', label, 'keyboard-order', `Tab reaches elements out of document order ${where}`, els.slice(0, 10).map((r) => ({ target: r.path, html: r.html })));
  }
  const invisible = reached.filter((r) => !r.visible);
  if (invisible.length) fail('keyboard', label, 'focus-visible', `${invisible.length} elements show no visible focus indicator (no change of outline, box-shadow, border or background) ${where}`, invisible.slice(0, 10).map((r) => ({ target: r.path, html: r.html })));
  const hidden = reached.filter((r) => !r.inView);
  if (hidden.length) fail('keyboard', label, 'focus-not-obscured', `${hidden.length} focused elements are not in the viewport ${where}`, hidden.slice(0, 10).map((r) => ({ target: r.path, html: r.html })));
  keyboardSummary.push(`${template}: ${label} (${reached.length} tab stops, ${expected.length} links and controls)`);
}
const keyboardSummary = [];

// ---------------------------------------------------------------- Nu Html Checker

function runVnu() {
  return new Promise((resolve) => {
    // A short run: the quick JIT and the serial collector halve its time.
    const args = ['-Xss8m', ...JAVA_QUICK, '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files.map((f) => path.join(SITE, f))];
    let stderr = '';
    let stdout = '';
    let child;
    try {
      child = spawn(JAVA, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ error: String(e) });
      return;
    }
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => resolve({ error: `cannot run ${JAVA}: ${e.message}` }));
    child.on('close', (code) => {
      const text = (stderr.trim() || stdout.trim());
      try {
        resolve({ messages: JSON.parse(text).messages, code });
      } catch {
        resolve({ error: `the Nu Html Checker did not answer in JSON (exit ${code}): ${text.slice(0, 500)}` });
      }
    });
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  for (const [p, what] of [[AXE_PATH, 'axe-core'], [VNU_JAR, 'vnu-jar']]) {
    if (!fs.existsSync(p)) {
      console.error(`check.mjs: ${what} is not installed (${p}); run: npm ci --ignore-scripts (in ${HERE})`);
      process.exit(2);
    }
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`check.mjs: no Chromium at ${CHROMIUM}; install it: apt-get install -y chromium chromium-driver (or set CHROMIUM)`);
    process.exit(2);
  }
  AXE_SOURCE = fs.readFileSync(AXE_PATH);
  const axeVersion = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', 'axe-core', 'package.json'), 'utf8')).version;
  const vnuVersion = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', 'vnu-jar', 'package.json'), 'utf8')).version;

  const vnu = runVnu(); // in parallel with the browser
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  const browserVersion = browser.version();
  const workers = Math.max(1, Number(process.env.A11Y_WORKERS) || Math.min(2, os.cpus().length));
  console.log(`a11y: checking ${files.length} pages of ${SITE} at ${origin}${BASE} with Chromium ${browserVersion}, axe-core ${axeVersion}, vnu-jar ${vnuVersion} (${workers} at once)`);

  const queue = [...files];
  async function worker() {
    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce', javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    while (queue.length) {
      const file = queue.shift();
      try {
        await checkPage(page, file, origin);
      } catch (e) {
        fail('error', urlPath(file), 'check-error', `the check could not finish: ${String(e.message || e).split('\n')[0]}`);
      }
    }
    await context.close();
  }
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await browser.close();
    server.close();
  }

  const nu = await vnu;
  let nuErrors = 0;
  if (nu.error) {
    fail('error', '(all pages)', 'vnu', nu.error);
  } else {
    for (const m of nu.messages) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      nuErrors++;
      const rel = m.url ? path.relative(SITE, fileURLToPath(m.url)).split(path.sep).join('/') : '(unknown)';
      const at = m.lastLine ? `line ${m.firstLine || m.lastLine}${m.firstColumn ? ` column ${m.firstColumn}` : ''}` : '';
      fail('nu', urlPath(rel), 'nu-html', `${m.message}${at ? ` (${rel} ${at})` : ''}`, m.extract ? [{ target: at, html: m.extract.replace(/\s+/g, ' ').trim() }] : []);
    }
  }

  // Report, grouped by page.
  const byPage = new Map();
  for (const f of failures) {
    if (!byPage.has(f.page)) byPage.set(f.page, []);
    byPage.get(f.page).push(f);
  }
  for (const [page, list] of [...byPage].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\nFAIL ${page}`);
    for (const f of list) {
      console.log(`  [${f.kind}] ${f.rule}: ${f.detail}`);
      for (const el of f.elements.slice(0, 10)) {
        console.log(`      at ${el.target}${el.html ? `  ${el.html}` : ''}`);
        if (el.why) console.log(`         ${el.why}`);
      }
      if (f.elements.length > 10) console.log(`      … and ${f.elements.length - 10} more`);
    }
  }
  if (notes.length) {
    const byRule = new Map();
    for (const n of notes) byRule.set(n.rule, [...(byRule.get(n.rule) || []), n]);
    console.log('\nNeeds review (axe could not decide; not failures):');
    for (const [rule, list] of byRule) {
      console.log(`  ${rule}: ${list.length} pages, ${list.reduce((a, n) => a + n.count, 0)} elements – ${list[0].help}`);
      console.log(`    e.g. ${list.slice(0, 3).map((n) => n.page).join(', ')}`);
    }
  }
  if (keyboardSummary.length) {
    console.log('\nKeyboard walk:');
    for (const k of keyboardSummary) console.log(`  ${k}`);
  }
  if (TIMING) console.log('\nTime (ms, all workers):', Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])));
  const count = (kind) => failures.filter((f) => f.kind === kind).length;
  const pagesFailing = byPage.size;
  console.log(
    `\na11y: ${files.length} pages, ${count('axe')} axe violations, ${nuErrors} Nu errors, ${count('reflow')} reflow failures, ` +
      `${count('zoom')} zoom failures, ${count('print')} print failures, ${count('keyboard') + count('skip')} keyboard failures, ${count('chart')} chart failures, ${count('table')} table failures, ${count('heading')} heading failures` +
      `${count('load') + count('error') ? `, ${count('load') + count('error')} other failures` : ''}` +
      ` (${pagesFailing} pages failing, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`check.mjs: ${e.stack || e}`);
  process.exit(2);
});
