import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { freePort } from '../reliability/collector-process.js';

/** Where Debian's `nats-server` is (`.ci/run` installs it when missing). */
export const NATS_SERVER = process.env.PULSE_NATS_SERVER ?? '/usr/sbin/nats-server';

/**
 * Why the NATS tests cannot run here, or null when they can (the binary exists).
 *
 * @example
 * describe.skipIf(natsMissing())('…', () => { … });
 */
export function natsMissing(): string | null {
  return existsSync(NATS_SERVER) ? null : `nats-server not found at ${NATS_SERVER} (.ci/run installs it)`;
}

interface Node {
  name: string;
  port: number;
  clusterPort: number;
  child: ChildProcess | null;
  exited: Promise<void>;
}

/**
 * A JetStream cluster of child `nats-server` processes on free ports with
 * temporary store directories, for tests.
 *
 * @example
 * const cluster = await startNatsCluster(3);
 * cluster.kill(1); // SIGKILL node 1
 * await cluster.restart(1);
 * await cluster.stop();
 */
export interface NatsCluster {
  /** `nats://127.0.0.1:p1,nats://127.0.0.1:p2,…` */
  readonly servers: string;
  readonly size: number;
  kill(index: number): Promise<void>;
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

function launch(node: Node, all: Node[], dir: string): void {
  const args = ['-a', '127.0.0.1', '-p', String(node.port), '-n', node.name, '-js', '-sd', join(dir, node.name)];
  if (all.length > 1) {
    const routes = all.map((n) => `nats://127.0.0.1:${n.clusterPort}`).join(',');
    args.push('--cluster_name', 'pulse-test', '--cluster', `nats://127.0.0.1:${node.clusterPort}`, '--routes', routes);
  }
  const child = spawn(NATS_SERVER, args, { stdio: 'ignore' });
  node.child = child;
  node.exited = new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Resolves once JetStream answers through `servers` (the meta leader is elected).
 *
 * @example
 * await waitForJetStream('nats://127.0.0.1:4222');
 */
export async function waitForJetStream(servers: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const nc = await connect({ servers: servers.split(','), timeout: 1000 });
      try {
        const jsm = await jetstreamManager(nc, { timeout: 1000 });
        await jsm.getAccountInfo();
        return;
      } finally {
        await nc.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Starts `size` clustered JetStream nodes and waits until JetStream answers.
 *
 * @example
 * const cluster = await startNatsCluster(3);
 */
export async function startNatsCluster(size: number): Promise<NatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-nats-'));
  const nodes: Node[] = [];
  for (let i = 0; i < size; i++) {
    nodes.push({
      name: `n${i}`,
      port: await freePort(),
      clusterPort: await freePort(),
      child: null,
      exited: Promise.resolve(),
    });
  }
  for (const node of nodes) launch(node, nodes, dir);
  const servers = nodes.map((n) => `nats://127.0.0.1:${n.port}`).join(',');
  await waitForJetStream(servers);
  return {
    servers,
    size,
    async kill(index) {
      const node = nodes[index]!;
      node.child?.kill('SIGKILL');
      await node.exited;
      node.child = null;
    },
    async restart(index) {
      launch(nodes[index]!, nodes, dir);
      await waitForJetStream(`nats://127.0.0.1:${nodes[index]!.port}`);
    },
    async stop() {
      for (const node of nodes) node.child?.kill('SIGKILL');
      await Promise.all(nodes.map((n) => n.exited));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
