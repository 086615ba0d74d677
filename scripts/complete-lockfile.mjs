// Restores lockfile entries for platform-specific optional dependencies that the
// registry mirror on Pulse's build machines does not serve (it answers 404 for,
// e.g., @rollup/rollup-darwin-arm64). npm then leaves them out of
// package-lock.json, and `npm ci` rejects the lockfile as out of sync with
// package.json. Each restored entry carries the os/cpu/libc guards the package
// itself declares, so npm skips it on every other platform, exactly as with a
// lockfile written against the public registry. Idempotent; run after any
// `npm install` that rewrites the lockfile (see docs/decisions.md).
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU = ['arm64', 'arm', 'ia32', 'x64', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

/** The os/cpu/libc guards of a platform package, from its name (`@rollup/rollup-linux-x64-musl`). */
function guardsOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (os === undefined || cpu === undefined) return null;
  const libc = os === 'linux' ? (parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : 'glibc') : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path}/node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const guards = guardsOf(dep);
    if (guards === null || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[hoisted] = { version, dev: entry.dev, optional: true, ...guards };
    if (lock.packages[hoisted].dev === undefined) delete lock.packages[hoisted].dev;
    added++;
  }
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
  );
  writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
}
console.log(`complete-lockfile: ${added} platform entr${added === 1 ? 'y' : 'ies'} restored`);
