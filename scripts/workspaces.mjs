// The one list of workspaces is the root package.json's `workspaces`; everything that needs
// the packages (the TypeScript project references, vitest's aliases, publint, the tarball
// check) reads it from here or is checked against it (scripts/check-workspaces.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Every workspace in the root `workspaces` order: its folder (relative to the root), its
 * package.json, and whether it has a tsconfig.json.
 *
 * @example
 * workspaces().map((w) => w.manifest.name); // → ['@pulse/core', '@pulse/tracker', …]
 */
export function workspaces(root = ROOT) {
  return readJson(join(root, 'package.json')).workspaces.map((dir) => ({
    dir,
    manifest: readJson(join(root, dir, 'package.json')),
    typed: existsSync(join(root, dir, 'tsconfig.json')),
  }));
}

/**
 * The workspaces that are published packages (not `private`).
 *
 * @example
 * publishedWorkspaces().map((w) => w.dir); // → ['packages/core', …]
 */
export function publishedWorkspaces(root = ROOT) {
  return workspaces(root).filter((w) => !w.manifest.private);
}

/**
 * The other workspaces a workspace depends on (any kind of dependency), by folder.
 *
 * @example
 * internalDependencies(workspaces(), 'packages/widget'); // → ['packages/core', 'packages/tracker']
 */
export function internalDependencies(all, dir) {
  const byName = new Map(all.map((w) => [w.manifest.name, w.dir]));
  const { manifest } = all.find((w) => w.dir === dir);
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies });
  return [...new Set(names.filter((n) => byName.has(n)).map((n) => byName.get(n)))];
}

/**
 * Each package's `source` export conditions as exact-match aliases (`@pulse/core` →
 * `<root>/packages/core/src/index.ts`), so that tests run the sources, never a stale `dist/`.
 *
 * @example
 * sourceAliases().find((a) => a.find.test('@pulse/widget/define')).replacement; // → …/packages/widget/src/define.ts
 */
export function sourceAliases(root = ROOT) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return workspaces(root).flatMap(({ dir, manifest }) =>
    Object.entries(manifest.exports ?? {})
      .filter(([, target]) => typeof target === 'object' && typeof target.source === 'string')
      .map(([subpath, target]) => ({
        find: new RegExp(`^${escape(manifest.name + subpath.slice(1))}$`),
        replacement: join(root, dir, target.source),
      })),
  );
}
