#!/usr/bin/env node
// Packs every published workspace into installable tarballs while the packages are not on
// a registry: `npm run pack` (after `npm run build`) writes `dist/packages/pulse-<name>-<version>.tgz`.
// In each tarball, a dependency on another Pulse package points at that package's tarball
// beside it (`file:./pulse-core-0.1.0.tgz`), which npm resolves next to the tarball being
// installed: so `npm install ./dist/packages/pulse-widget-0.1.0.tgz` alone brings
// @pulse/core and @pulse/tracker too, and installing several together gives one copy of each.
// The workspaces' own package.json files keep registry versions, for publishing.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedWorkspaces, ROOT } from './workspaces.mjs';

/**
 * The file name `npm pack` gives a package.
 *
 * @example
 * tarballName({ name: '@pulse/core', version: '0.1.0' }); // → 'pulse-core-0.1.0.tgz'
 */
export const tarballName = ({ name, version }) => `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/**
 * `manifest` with its dependencies on `siblings` (package name → manifest) pointing at
 * their tarballs in the same folder.
 *
 * @example
 * withSiblingTarballs(widget, new Map([['@pulse/core', core]])).dependencies['@pulse/core']; // → 'file:./pulse-core-0.1.0.tgz'
 */
export function withSiblingTarballs(manifest, siblings) {
  const out = structuredClone(manifest);
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const name of Object.keys(out[field] ?? {})) {
      const sibling = siblings.get(name);
      if (sibling) out[field][name] = `file:./${tarballName(sibling)}`;
    }
  }
  return out;
}

/**
 * Packs the published workspaces into `outDir`; returns the tarballs' paths by package name.
 *
 * @example
 * const tarballs = packAll('/tmp/packs'); // Map { '@pulse/core' => '/tmp/packs/pulse-core-0.1.0.tgz', … }
 */
export function packAll(outDir) {
  const packages = publishedWorkspaces();
  const siblings = new Map(packages.map((w) => [w.manifest.name, w.manifest]));
  mkdirSync(outDir, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'pulse-pack-'));
  const tarballs = new Map();
  try {
    for (const { dir, manifest } of packages) {
      const copy = join(stage, dir);
      cpSync(join(ROOT, dir), copy, { recursive: true, filter: (src) => !src.includes('node_modules') });
      writeFileSync(
        join(copy, 'package.json'),
        `${JSON.stringify(withSiblingTarballs(manifest, siblings), null, 2)}\n`,
      );
      const [packed] = JSON.parse(
        execFileSync('npm', ['pack', copy, '--pack-destination', outDir, '--json', '--ignore-scripts'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      tarballs.set(manifest.name, join(outDir, packed.filename));
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return tarballs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'dist/packages'));
  for (const tarball of packAll(outDir).values()) console.log(tarball);
}
