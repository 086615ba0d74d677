#!/usr/bin/env node
// Completes demo/dist after rollup has built demo/dist/assets/demo.js: copies the
// pages, the stylesheet and the script-tag page's script, and writes the inline
// snippet's hash into that page's Content-Security-Policy.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const demo = (path) => fileURLToPath(new URL(path, import.meta.url));
const SNIPPET = /<script id="pulse-snippet">([\s\S]*?)<\/script>/;

/** The CSP source for an inline script: `sha256-<base64>` of its exact text. */
export function scriptHash(text) {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** The script-tag page with its CSP allowing exactly its inline snippet. */
export function withSnippetHash(html) {
  const snippet = SNIPPET.exec(html);
  if (snippet === null) throw new Error('script-tag.html: no <script id="pulse-snippet"> found');
  return html.replace("'sha256-__SNIPPET_SHA256__'", `'${scriptHash(snippet[1])}'`);
}

function build() {
  mkdirSync(demo('dist/assets'), { recursive: true });
  copyFileSync(demo('index.html'), demo('dist/index.html'));
  writeFileSync(demo('dist/script-tag.html'), withSnippetHash(readFileSync(demo('script-tag.html'), 'utf8')));
  copyFileSync(demo('src/styles.css'), demo('dist/assets/styles.css'));
  copyFileSync(demo('src/favicon.svg'), demo('dist/assets/favicon.svg'));
  copyFileSync(demo('script-tag.js'), demo('dist/assets/script-tag.js'));
  if (!existsSync(demo('dist/assets/demo.js'))) {
    console.warn('demo/build.mjs: demo/dist/assets/demo.js is missing; run rollup (npm run build) first.');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
