#!/usr/bin/env node
// The site's search, run in headless Chromium as a reader runs it.
//
//   node search.mjs SITE_DIR BASE_PATH QUERY…      e.g. node search.mjs public /strategies/ transport
//
// SITE_DIR is served on 127.0.0.1 under BASE_PATH with the site's
// Content-Security-Policy (docs/security.md). For each QUERY the search page
// is opened at ?q=QUERY, and once its status is set the report gives: the
// results (address, title, the status and passage shown, the words marked),
// the status line, whether the help shows and its related searches, the
// bytes and files the page fetched from search/ (the index), and every
// Content-Security-Policy violation or script error. A last run with
// JavaScript off reports what the page shows then.
//
// Prints one JSON object: { queries: [...], noScript: {...} }. Exit 0 when
// it ran, 2 when it could not.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

const [siteArg, baseArg, ...queries] = process.argv.slice(2);
if (!siteArg || !baseArg) {
  console.error('usage: node search.mjs SITE_DIR BASE_PATH QUERY…');
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const BASE = ('/' + baseArg.replace(/^\/+|\/+$/g, '') + '/').replace(/^\/\/$/, '/');

// Every request for the index, and its size, for the bytes a search fetches.
let fetched = [];

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let rel = decodeURIComponent(url.pathname);
  if (!rel.startsWith(BASE)) { res.writeHead(404); res.end(); return; }
  rel = rel.slice(BASE.length);
  let file = path.join(SITE, rel);
  if (!file.startsWith(SITE)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404, { 'Content-Security-Policy': CSP }); res.end(); return; }
  const body = fs.readFileSync(file);
  if (rel.startsWith('search/') && rel !== 'search/') fetched.push({ path: rel, bytes: body.length });
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP });
  res.end(body);
});

async function main() {
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const report = { queries: [] };
  try {
    for (const query of queries) report.queries.push(await run(browser, origin, query));
    report.noScript = await noScript(browser, origin);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(JSON.stringify(report, null, 1));
}

async function run(browser, origin, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  fetched = [];
  const started = Date.now();
  await page.goto(`${origin}${BASE}search/?q=${encodeURIComponent(query)}`);
  // The status says searching, then the result (or the failure).
  const searching = await page.locator('#search-form').getAttribute('data-searching');
  await page.waitForFunction((s) => {
    const t = document.getElementById('search-status').textContent;
    return t && t !== s;
  }, searching, { timeout: 30_000 });
  const seconds = (Date.now() - started) / 1000;
  const shown = await page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    results: [...document.querySelectorAll('#search-results > li')].map((li) => ({
      url: li.querySelector('a').getAttribute('href'),
      title: li.querySelector('a').textContent,
      about: li.querySelector('.search-result__about')?.textContent || '',
      status: li.querySelector('.search-result__status')?.textContent || '',
      passage: li.querySelector('.search-result__passage')?.textContent || '',
      marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      markup: li.querySelector('.search-result__passage')?.innerHTML || '',
    })),
    help: !document.getElementById('search-help').hidden,
    related: [...document.querySelectorAll('#search-related a')].map((a) => a.textContent),
    helpLinks: [...document.querySelectorAll('#search-help a')].map((a) => a.getAttribute('href')),
    more: !document.getElementById('search-more-row').hidden,
  }));
  await context.close();
  return {
    query,
    ...shown,
    bytes: fetched.reduce((n, f) => n + f.bytes, 0),
    files: fetched.length,
    fetched: fetched.map((f) => f.path),
    seconds,
    problems,
  };
}

async function noScript(browser, origin) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${origin}${BASE}search/?q=transport`);
  const seen = await page.evaluate(() => ({
    fallback: !document.getElementById('search-fallback').hidden,
    form: !document.getElementById('search-form').hidden,
    fallbackLinks: [...document.querySelectorAll('#search-fallback a')].map((a) => a.getAttribute('href')),
  }));
  await context.close();
  return seen;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
