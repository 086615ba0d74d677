import { createHash } from 'node:crypto';
import { normalizeConfig, type NormalizedConfig, type PulseConfig } from '@pulse/core';
import { PulseError } from '../errors.js';
import { configDiff } from './config-diff.js';
import { DEFAULT_CONFIG } from './default-config.js';
import type { Store, StoreTx } from '../store/store.js';

/**
 * The active config with what every request derives from it, computed once per
 * version: the public body of `GET /v1/config` and its ETag.
 *
 * @example
 * const { config, etag, publicBody } = holder.current();
 */
export interface ConfigSnapshot {
  /** The config in one form (`normalizeConfig`): what scoring reads. */
  config: NormalizedConfig;
  /** The config as it was written (either shape). */
  document: PulseConfig;
  version: number;
  etag: string;
  publicBody: string;
  /** Hash of the models: rollups built under other models need a rescore. */
  modelsHash: string;
}

/**
 * Holds the active config and keeps it in step with the database, where it lives
 * (so every collector process on one PostgreSQL database uses the same one).
 *
 * @example
 * const holder = await loadConfig(store, fileConfig);
 * const config = await holder.inTransaction(tx); // re-reads only when another process changed it
 */
export interface ConfigHolder {
  current(): ConfigSnapshot;
  /** The config to apply in this transaction (reloaded when its version moved). */
  inTransaction(tx: StoreTx): Promise<NormalizedConfig>;
  /**
   * Stores a new config under the next version, with who made it and its diff;
   * with `ifMatch`, only when the stored version is still that one (else a
   * `precondition-failed` error naming the current version, and nothing written).
   */
  replace(config: PulseConfig, change?: ConfigChangeOptions): Promise<ConfigSnapshot>;
  /**
   * Changes part of the stored document in one transaction: `change` gets the
   * document as stored now (so concurrent edits of different parts never
   * overwrite each other) and returns the next one, or throws to change nothing.
   * Stored as a new version like `replace`.
   */
  update(change: (document: PulseConfig) => PulseConfig, options?: ConfigChangeOptions): Promise<ConfigSnapshot>;
  /** Re-reads the config when another process changed it (polled in the background). */
  refresh(): Promise<void>;
}

/**
 * Who stores a config version, on which version they based it, and for a
 * rollback the version it restores.
 *
 * @example
 * await holder.replace(config, { actor: 'Growth laptop', ifMatch: 4 });
 */
export interface ConfigChangeOptions {
  actor?: string;
  ifMatch?: number;
  rollbackOf?: number;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function snapshot(document: PulseConfig, version: number): ConfigSnapshot {
  const config = normalizeConfig(document);
  // `models` is the default score's models: what a tracker from before several
  // scores reads (the whole config for a single-score one); newer ones read `scores`.
  const defaultModels = config.scores.find((s) => s.id === config.defaultScore)?.models ?? [];
  const { scores, defaultScore, nudges } = config;
  const publicBody = JSON.stringify({ models: defaultModels, scores, defaultScore, nudges });
  return {
    config,
    document,
    version,
    publicBody,
    etag: `"${sha(publicBody).slice(0, 32)}"`,
    modelsHash: sha(JSON.stringify(config.models)),
  };
}

async function readStored(tx: StoreTx): Promise<ConfigSnapshot | null> {
  // The version first: on PostgreSQL it takes a share lock that waits for a
  // concurrent config write to commit, so the document read after it is that
  // write's (read before, it could be the older one: a lost update).
  const version = await tx.configVersion();
  const json = await tx.getMeta('config');
  return json === null ? null : snapshot(JSON.parse(json) as PulseConfig, version);
}

async function writeVersion(tx: StoreTx, config: PulseConfig, change: ConfigChangeOptions): Promise<ConfigSnapshot> {
  const current = await tx.configVersion();
  if (change.ifMatch !== undefined && change.ifMatch !== current) {
    throw new PulseError(
      'precondition-failed',
      `If-Match: the config is now version ${current}, not ${change.ifMatch}; reload it and make your change on top of version ${current}`,
      { details: { currentVersion: current } },
    );
  }
  const previous = await tx.getMeta('config');
  const json = JSON.stringify(config);
  const version = current + 1;
  await tx.setMeta('config', json);
  await tx.setMeta('config_version', String(version));
  await tx.insertConfigVersion({
    version,
    at: Date.now(),
    actor: change.actor ?? 'unknown',
    config: json,
    diff: JSON.stringify(configDiff(previous === null ? {} : JSON.parse(previous), config)),
    rollbackOf: change.rollbackOf ?? null,
  });
  return snapshot(config, version);
}

/**
 * Loads the active config at start. A config given now (`--config`) replaces the
 * stored one when it differs; otherwise the stored config (last set by a file or
 * `PUT /v1/admin/config`) applies, else `DEFAULT_CONFIG`.
 *
 * @example
 * const holder = await loadConfig(store, assertConfig(JSON.parse(text)));
 */
export async function loadConfig(
  store: Store,
  given: PulseConfig | undefined,
  onWrite?: (tx: StoreTx, config: NormalizedConfig) => Promise<void>,
): Promise<ConfigHolder> {
  // What follows a config in the same transaction (the saved segments' memberships), at start and on every write.
  const written = async (tx: StoreTx, snap: ConfigSnapshot): Promise<ConfigSnapshot> => {
    await onWrite?.(tx, snap.config);
    return snap;
  };
  const write = async (tx: StoreTx, config: PulseConfig, change: ConfigChangeOptions) =>
    written(tx, await writeVersion(tx, config, change));
  let active = await store.transaction(async (tx) => {
    const stored = await readStored(tx);
    if (given !== undefined && (stored === null || JSON.stringify(stored.document) !== JSON.stringify(given))) {
      return write(tx, given, { actor: 'config file (--config)' });
    }
    return stored === null ? write(tx, DEFAULT_CONFIG, { actor: 'default config' }) : written(tx, stored);
  });
  return {
    current: () => active,
    async inTransaction(tx) {
      const version = await tx.configVersion();
      if (version !== active.version) {
        const stored = await readStored(tx);
        if (stored !== null) active = stored;
      }
      return active.config;
    },
    async replace(config, change = {}) {
      active = await store.transaction((tx) => write(tx, config, change));
      return active;
    },
    async update(change, options = {}) {
      active = await store.transaction(async (tx) => {
        const stored = (await readStored(tx)) ?? active;
        return write(tx, change(structuredClone(stored.document)), options);
      });
      return active;
    },
    async refresh() {
      const version = Number((await store.getMeta('config_version')) ?? 0);
      if (version === active.version) return;
      const json = await store.getMeta('config');
      if (json !== null) active = snapshot(JSON.parse(json) as PulseConfig, version);
    },
  };
}
