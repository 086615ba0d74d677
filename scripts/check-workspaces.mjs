#!/usr/bin/env node
// Checks the lists that cannot be derived from the root package.json's `workspaces` against
// it: the root tsconfig.json's project references (every workspace with a tsconfig.json),
// each workspace's references (exactly its `@pulse/*` dependencies that export TypeScript),
// and vitest's projects
// (every `*.test.ts(x)` in a workspace is run by one). Run by `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { internalDependencies, ROOT, workspaces } from './workspaces.mjs';

/** tsconfig.json allows comments and trailing commas; ours have neither, so JSON.parse reads them. */
const referencesOf = (dir) =>
  (JSON.parse(readFileSync(join(ROOT, dir, 'tsconfig.json'), 'utf8')).references ?? []).map((r) =>
    relative(ROOT, resolve(ROOT, dir, r.path)),
  );

/**
 * Whether a package exports anything TypeScript can import (a `types` or `source` condition).
 * The dashboard exports only its built files: the collector serves them and needs no
 * reference to it, which leaves the dashboard free to reference the collector's contract.
 */
const exportsTypes = (manifest) =>
  Object.values(manifest.exports ?? {}).some((t) => typeof t === 'object' && ('types' in t || 'source' in t));

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
const list = (xs) => (xs.length ? xs.join(', ') : 'none');

/**
 * What disagrees with the workspaces, one line each; empty when all agree.
 *
 * @example
 * tsconfigProblems(workspaces()); // → []
 */
export function tsconfigProblems(all) {
  const problems = [];
  // The examples are apps that install the built packages as a customer does: each checks its
  // own types against the packages' dist/ in its build (`npm run build`), outside `tsc -b`.
  const typed = all.filter((w) => w.typed && !w.dir.startsWith('examples/')).map((w) => w.dir);
  const rootRefs = referencesOf('.');
  if (!sameSet(rootRefs, typed)) {
    problems.push(`tsconfig.json references ${list(rootRefs)}; the typed workspaces are ${list(typed)}`);
  }
  for (const dir of typed) {
    const refs = referencesOf(dir);
    const importable = all.filter((w) => w.typed && exportsTypes(w.manifest)).map((w) => w.dir);
    const deps = internalDependencies(all, dir).filter((d) => importable.includes(d));
    if (!sameSet(refs, deps)) {
      problems.push(
        `${dir}/tsconfig.json references ${list(refs)}; its package.json depends on ${list(deps)} (with types)`,
      );
    }
  }
  return problems;
}

/** Every `*.test.ts(x)` file under the workspaces, outside node_modules and dist. */
function testFiles(all) {
  return all.flatMap(({ dir }) =>
    readdirSync(join(ROOT, dir), { recursive: true })
      .filter((f) => /\.test\.tsx?$/.test(f) && !/(^|\/)(node_modules|dist)\//.test(f))
      .map((f) => join(dir, f)),
  );
}

/**
 * The test files no vitest project runs, one line each.
 *
 * @example
 * orphanTests(workspaces()); // → []
 */
export function orphanTests(all) {
  const listed = JSON.parse(
    execFileSync(join(ROOT, 'node_modules/.bin/vitest'), ['list', '--filesOnly', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ).map((t) => relative(ROOT, t.file));
  return testFiles(all)
    .filter((f) => !listed.includes(f))
    .map((f) => `${f} is run by no vitest project (vitest.config.ts)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const all = workspaces();
  const problems = [...tsconfigProblems(all), ...orphanTests(all)];
  for (const p of problems) console.error(`check-workspaces: ${p}`);
  process.exit(problems.length ? 1 : 0);
}
