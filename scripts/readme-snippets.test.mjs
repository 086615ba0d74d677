// The README's React and Vue snippets are the examples' own files, word for word: the
// examples' builds type-check them (tsc, vue-tsc) and the e2e suite runs them, so a snippet
// that drifts from its file fails here rather than in a customer's editor.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './workspaces.mjs';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = (lang) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]);

for (const [lang, file] of [
  ['tsx', 'examples/react/src/Onboarding.tsx'],
  ['vue', 'examples/vue/src/Onboarding.vue'],
]) {
  test(`README's ${lang} snippet is ${file}`, () => {
    const source = readFileSync(join(ROOT, file), 'utf8').trimEnd();
    assert.ok(blocks(lang).includes(source), `README has no \`\`\`${lang} block equal to ${file}`);
  });
}
