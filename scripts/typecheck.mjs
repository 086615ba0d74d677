// Type-checks every workspace with its own tsconfig (strict, from tsconfig.base.json),
// two at a time; exits non-zero if any fails.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = [
  'packages/core',
  'packages/tracker',
  'packages/widget',
  'packages/collector',
  'packages/dashboard',
  'demo',
  'test',
  'bench',
].filter((p) => existsSync(`${p}/tsconfig.json`));

const run = (project) =>
  new Promise((resolve) => {
    const child = spawn('npx', ['tsc', '-p', project], { stdio: 'inherit' });
    child.on('exit', (code) => resolve({ project, code }));
  });

const results = [];
for (let i = 0; i < projects.length; i += 2) results.push(...(await Promise.all(projects.slice(i, i + 2).map(run))));
const failed = results.filter((r) => r.code !== 0);
for (const r of results) console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.project}`);
process.exit(failed.length === 0 ? 0 : 1);
