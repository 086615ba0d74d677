// What the event-log benchmarks share: a 3-node JetStream cluster on free ports
// with temporary store directories, children that are killed when the bench exits,
// and a forked child that reports over IPC (ready message, CPU time, stop).
import { fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** A free TCP port on 127.0.0.1. */
export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts three clustered nats-server processes (JetStream on, stores under `dir`); resolves to the client URLs. */
export async function startCluster(dir) {
  const nodes = [];
  for (let i = 0; i < 3; i++) nodes.push({ port: await freePort(), cluster: await freePort() });
  const routes = nodes.map((n) => `nats://127.0.0.1:${n.cluster}`).join(',');
  nodes.forEach((n, i) => {
    const args = ['-a', '127.0.0.1', '-p', String(n.port), '-n', `b${i}`, '-js', '-sd', join(dir, `b${i}`)];
    args.push('--cluster_name', 'bench', '--cluster', `nats://127.0.0.1:${n.cluster}`, '--routes', routes);
    children.add(spawn('/usr/sbin/nats-server', args, { stdio: 'ignore' }));
  });
  return nodes.map((n) => `nats://127.0.0.1:${n.port}`).join(',');
}

/** Waits for the cluster's meta leader: opening the log retries until JetStream answers. */
export async function waitForLog(lib, servers, prefix, partitions) {
  for (let i = 0; ; i++) {
    try {
      const log = await lib.openJetStreamLog({ servers, prefix, partitions });
      await log.close();
      return;
    } catch (error) {
      if (i > 150) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Forks `script` (next to this file) with `args`; resolves, once it has sent its first
 * message, to that message plus `cpu()` (its CPU µs so far) and `stop()`.
 */
export function startChild(script, args, cwd) {
  const child = fork(join(import.meta.dirname, script), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    child.once('message', (info) =>
      resolve({
        ...info,
        stop: () => new Promise((r) => (child.send('stop'), child.once('exit', r))),
        cpu: () => new Promise((r) => (child.once('message', (m) => r(m.cpuMicros)), child.send('cpu'))),
      }),
    );
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
