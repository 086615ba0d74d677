import { validateConfig, type ExperimentStatus, type Nudge, type PulseConfig } from '@pulse/core';
import type { ConfigChangeOptions, ConfigHolder, ConfigSnapshot } from '../config/config-holder.js';
import { PulseError } from '../errors.js';

/** The moves the lifecycle allows, from each status. */
const NEXT: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  draft: ['running'],
  running: ['paused', 'concluded', 'stopped'],
  paused: ['running', 'concluded', 'stopped'],
  concluded: [],
  stopped: [],
};

const statusOf = (n: Nudge): ExperimentStatus => n.status ?? 'running';

/** Variant ids and weights, in order: what assignment hashes into. */
const arms = (n: Nudge): string => JSON.stringify(n.variants.map((v) => [v.id, v.weight]));

function checked(document: PulseConfig): PulseConfig {
  const issues = validateConfig(document);
  if (issues.length > 0) throw new PulseError('invalid', 'invalid nudge', { details: { issues } });
  return document;
}

function withNudge(document: PulseConfig, nudge: Nudge): PulseConfig {
  const list = document.nudges ?? [];
  const at = list.findIndex((n) => n.id === nudge.id);
  return { ...document, nudges: at < 0 ? [...list, nudge] : list.map((n, i) => (i === at ? nudge : n)) };
}

function find(document: PulseConfig, id: string): Nudge {
  const found = (document.nudges ?? []).find((n) => n.id === id);
  if (found === undefined) throw new PulseError('not-found', `nudge "${id}" does not exist`);
  return found;
}

/**
 * Validates a draft nudge in the config it would join (so a segment, band or
 * milestone it names must exist); every issue is named by its path.
 *
 * @example
 * checkDraft(holder.current().document, draft);
 */
export function checkDraft(document: PulseConfig, nudge: Nudge): void {
  checked(withNudge(document, nudge));
}

/**
 * Options of a nudge write: who, on which version, and for a started experiment
 * whose variants or weights change, the acknowledgement that assignment
 * reshuffles and the analysis restarts.
 *
 * @example
 * const o: NudgeWriteOptions = { actor: 'Growth laptop', ifMatch: 7, restart: true };
 */
export interface NudgeWriteOptions extends ConfigChangeOptions {
  restart?: boolean;
  now: number;
}

/**
 * Creates a nudge (as a `draft`) or replaces its content, keeping its lifecycle
 * fields. A started experiment whose variant ids or weights change is a
 * `conflict` unless `restart` is set; then `restartedAt` is now, and results
 * count exposures from there. A new config version (If-Match honoured).
 *
 * @example
 * await saveNudge(ctx.configs, draft, { actor, ifMatch: 7, now: Date.now() });
 */
export async function saveNudge(
  configs: ConfigHolder,
  body: Nudge,
  options: NudgeWriteOptions,
): Promise<ConfigSnapshot> {
  return configs.update((document) => {
    const before = (document.nudges ?? []).find((n) => n.id === body.id);
    const { status: _s, winner: _w, restartedAt: _r, ...content } = body;
    if (body.status !== undefined && body.status !== (before ? statusOf(before) : 'draft')) {
      throw new PulseError(
        'invalid',
        `status: change it with POST /v1/admin/nudges/${body.id}/status, not in the nudge`,
      );
    }
    if (before === undefined) return checked(withNudge(document, { ...content, status: 'draft' }));
    const lifecycle = { status: before.status, winner: before.winner, restartedAt: before.restartedAt };
    const next: Nudge = { ...content, ...lifecycle };
    const started = statusOf(before) !== 'draft';
    if (started && arms(before) !== arms(next)) {
      if (!options.restart) {
        throw new PulseError(
          'conflict',
          `nudge "${body.id}" has started: changing its variants or weights reshuffles who sees what and restarts the analysis (results count exposures from now on). Send restart: true to do it`,
        );
      }
      next.restartedAt = new Date(options.now).toISOString();
    }
    return checked(withNudge(document, JSON.parse(JSON.stringify(next)) as Nudge));
  }, options);
}

/**
 * Moves a nudge along its lifecycle: draft → running ⇄ paused → concluded (the
 * `winner` shown to everyone) or stopped. Any other move is a `conflict` naming
 * the allowed ones.
 *
 * @example
 * await setNudgeStatus(ctx.configs, 'invite-nudge', { status: 'concluded', winner: 'social' }, { now: Date.now() });
 */
export async function setNudgeStatus(
  configs: ConfigHolder,
  id: string,
  change: { status: ExperimentStatus; winner?: string },
  options: NudgeWriteOptions,
): Promise<ConfigSnapshot> {
  return configs.update((document) => {
    const before = find(document, id);
    const from = statusOf(before);
    if (!NEXT[from].includes(change.status)) {
      const allowed = NEXT[from].length ? NEXT[from].join(', ') : 'nothing (it has ended)';
      throw new PulseError('conflict', `nudge "${id}" is ${from}: it can move to ${allowed}, not ${change.status}`);
    }
    if (change.status === 'concluded' && !before.variants.some((v) => v.id === change.winner)) {
      throw new PulseError(
        'invalid',
        `winner: must name one of the variants (${before.variants.map((v) => v.id).join(', ')})`,
      );
    }
    const { winner: _w, ...rest } = before;
    const next: Nudge = {
      ...rest,
      status: change.status,
      ...(change.status === 'concluded' ? { winner: change.winner } : {}),
    };
    return checked(withNudge(document, next));
  }, options);
}

/**
 * Deletes a nudge that is still a draft (a started one has results: stop it instead).
 *
 * @example
 * await deleteDraft(ctx.configs, 'invite-nudge', { now: Date.now() });
 */
export async function deleteDraft(
  configs: ConfigHolder,
  id: string,
  options: NudgeWriteOptions,
): Promise<ConfigSnapshot> {
  return configs.update((document) => {
    const before = find(document, id);
    if (statusOf(before) !== 'draft') {
      throw new PulseError('conflict', `nudge "${id}" has started: stop it instead of deleting it (its results stay)`);
    }
    return { ...document, nudges: (document.nudges ?? []).filter((n) => n.id !== id) };
  }, options);
}
