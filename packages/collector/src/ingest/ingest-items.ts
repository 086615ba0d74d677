import { isRecord, type NormalizedConfig, type PulseEvent } from '@pulse/core';
import type { ConfigHolder } from '../config/config-holder.js';
import { linksOf, primaryKey } from './identity-links.js';
import { storeRescored } from '../scoring/store-rescored.js';
import { applyEvent, mergeUser, type BandChange } from '../scoring/user-scoring.js';
import type { StoreTx, UserRecord } from '../store/store.js';
import { isScoredBody } from '../store/unverified-mark.js';

/**
 * One validated event ready to store: `at` is its skew-corrected time.
 *
 * @example
 * const item: IngestItem = { index: 0, event, json, at: Date.now(), receivedAt: Date.now() };
 */
export interface IngestItem {
  index: number;
  event: PulseEvent;
  json: string;
  at: number;
  receivedAt: number;
}

/**
 * What an ingest transaction needs besides the events.
 *
 * @example
 * const ctx: IngestContext = { project: 'default', configs, webhooks: [], now: Date.now() };
 */
export interface IngestContext {
  project: string;
  configs: ConfigHolder;
  webhooks: readonly string[];
  now: number;
}

/**
 * The outcome: which messageIds were new (the rest were duplicates), which
 * users changed band, and how many changes that webhooks deliver it found in
 * all (band changes, segment entries and exits, account band changes).
 *
 * @example
 * const { inserted, bandChanges } = await store.transaction((tx) => ingestItems(tx, ctx, items));
 */
export interface IngestOutcome {
  inserted: Set<string>;
  bandChanges: BandChange[];
  notices: number;
}

interface LinkPlan {
  alias: string;
  target: string;
}

// Links point at canonical keys (repointed on every merge), so one lookup resolves.
function planLinks(items: readonly IngestItem[], links: Map<string, string>): LinkPlan[] {
  const plans: LinkPlan[] = [];
  const resolve = (key: string): string => links.get(key) ?? key;
  for (const item of items) {
    for (const [alias, to] of linksOf(item.event)) {
      if (links.has(alias)) continue;
      const target = resolve(to);
      if (target === alias) continue;
      for (const [k, v] of links) if (v === alias) links.set(k, target);
      links.set(alias, target);
      plans.push({ alias, target });
    }
  }
  return plans;
}

async function applyLinks(
  tx: StoreTx,
  project: string,
  plans: LinkPlan[],
  users: Map<string, UserRecord>,
  config: NormalizedConfig,
  dirty: Set<string>,
): Promise<void> {
  for (const { alias, target } of plans) {
    // Another process linked this alias first: its link stands.
    if (!(await tx.addLink(project, alias, target))) continue;
    const from = users.get(alias);
    const into = users.get(target);
    if (from === undefined || into === undefined) continue;
    mergeUser(into, from, config.models);
    await tx.reassign(project, alias, target);
    await tx.deleteUser(project, alias);
    users.delete(alias);
    dirty.delete(alias);
    dirty.add(target);
  }
}

function sameUserEmpty(u: UserRecord): boolean {
  return u.score === null && Object.keys(u.rollups).length === 0 && Object.keys(u.traits).length === 0;
}

interface Prepared {
  items: IngestItem[];
  config: NormalizedConfig;
  plans: LinkPlan[];
  keyOf(item: IngestItem): string;
  scored(item: IngestItem): boolean;
  inserted: Set<string>;
}

// What ingestion and import share: in-batch dedupe, identity links planned, raw
// events stored under their canonical key (deduplicated by `(project, messageId)`).
async function storeRaw(tx: StoreTx, ctx: IngestContext, batch: readonly IngestItem[]): Promise<Prepared> {
  const { project } = ctx;
  // A messageId repeated inside one batch is a duplicate of its first occurrence.
  const seen = new Set<string>();
  const items = batch.filter((item) => !seen.has(item.event.messageId) && seen.add(item.event.messageId));
  const config = await ctx.configs.inTransaction(tx);
  const candidates = new Set<string>();
  for (const item of items) {
    candidates.add(primaryKey(item.event));
    for (const [alias, target] of linksOf(item.event)) candidates.add(alias).add(target);
  }
  const links = await tx.findLinks(project, [...candidates]);
  // Unverified claims of a userId (requireVerifiedIdentity) are stored but neither link nor score.
  const scored = (item: IngestItem): boolean => isScoredBody(item.json, config);
  const plans = planLinks(items.filter(scored), links);
  const keyOf = (item: IngestItem): string => {
    const key = primaryKey(item.event);
    return links.get(key) ?? key;
  };
  const inserted = await tx.insertEvents(
    project,
    items.map((item) => ({
      messageId: item.event.messageId,
      userKey: keyOf(item),
      type: item.event.type,
      at: item.at,
      receivedAt: item.receivedAt,
      body: item.json,
    })),
  );
  return { items, config, plans, keyOf, scored, inserted };
}

function membershipOf(
  item: IngestItem,
  key: string,
): { groupId: string; userKey: string; traits?: Record<string, unknown> } | null {
  if (item.event.type !== 'group' || typeof item.event.groupId !== 'string') return null;
  const traits = isRecord(item.event.traits) ? item.event.traits : undefined;
  return { groupId: item.event.groupId, userKey: key, ...(traits ? { traits } : {}) };
}

/**
 * Stores a batch and updates everything derived from it in one transaction:
 * raw events (deduplicated by `(project, messageId)`), identity links with the
 * merge of an anonymous visitor into the user, rollups for every model, traits,
 * group memberships, the day's score history and band-change webhooks.
 * Only events inserted now touch rollups, so a retried batch counts once.
 *
 * @example
 * const outcome = await store.transaction((tx) => ingestItems(tx, ctx, items));
 */
export async function ingestItems(
  tx: StoreTx,
  ctx: IngestContext,
  batch: readonly IngestItem[],
): Promise<IngestOutcome> {
  const { project } = ctx;
  const { items, config, plans, keyOf, scored, inserted } = await storeRaw(tx, ctx, batch);
  const fresh = items.filter((item) => inserted.has(item.event.messageId) && scored(item));
  const touched = new Set(fresh.map(keyOf));
  for (const p of plans) touched.add(p.alias).add(p.target);
  if (touched.size === 0) return { inserted, bandChanges: [], notices: 0 };

  const users = await tx.lockUsers(project, [...touched]);
  const dirty = new Set<string>();
  await applyLinks(tx, project, plans, users, config, dirty);
  const memberships: { groupId: string; userKey: string; traits?: Record<string, unknown> }[] = [];
  for (const item of fresh) {
    const key = keyOf(item);
    applyEvent(users.get(key) as UserRecord, item.event, item.at, config.models);
    dirty.add(key);
    const membership = membershipOf(item, key);
    if (membership !== null) memberships.push(membership);
  }
  const changed: UserRecord[] = [];
  for (const [key, user] of users) {
    if (dirty.has(key)) changed.push(user);
    // A placeholder locked for a link that another process made first.
    else if (sameUserEmpty(user)) await tx.deleteUser(project, key);
  }
  // Memberships first: segments filtering on `group` and account scores read them.
  await tx.addMemberships(project, memberships);
  const at = { project, config, webhooks: ctx.webhooks, now: ctx.now };
  const { bandChanges, segments, accountChanges } = await storeRescored(tx, at, changed);
  const notices = bandChanges.length + segments.entered + segments.left + accountChanges.length;
  return { inserted, bandChanges, notices };
}

/**
 * The import's half of `ingestItems`: raw events (deduplicated by `(project,
 * messageId)`), identity links with their merges, group memberships and a row for
 * every user the new events belong to — but no rollups or scores. Those come from
 * one rebuild over the raw events once the whole file is in (`importNdjson`), so a
 * user's score is computed once per import instead of once per batch, and a
 * re-run counts nothing twice because the rebuild only reads stored events.
 *
 * @example
 * const { inserted } = await store.transaction((tx) => importItems(tx, ctx, items));
 */
export async function importItems(
  tx: StoreTx,
  ctx: IngestContext,
  batch: readonly IngestItem[],
): Promise<{ inserted: Set<string> }> {
  const { project } = ctx;
  const { items, config, plans, keyOf, scored, inserted } = await storeRaw(tx, ctx, batch);
  const fresh = items.filter((item) => inserted.has(item.event.messageId) && scored(item));
  const owners = new Set(fresh.map(keyOf));
  const touched = new Set(owners);
  for (const p of plans) touched.add(p.alias).add(p.target);
  if (touched.size === 0) return { inserted };
  const users = await tx.lockUsers(project, [...touched]);
  const merged = new Set<string>();
  await applyLinks(tx, project, plans, users, config, merged);
  const save: UserRecord[] = [];
  for (const [key, user] of users) {
    // Merged users keep what the merge carried (purged events' rollups); new users get their row.
    if (merged.has(key) || (owners.has(key) && sameUserEmpty(user))) save.push(user);
  }
  await tx.saveUsers(project, save);
  const memberships: { groupId: string; userKey: string; traits?: Record<string, unknown> }[] = [];
  for (const item of fresh) {
    const membership = membershipOf(item, keyOf(item));
    if (membership !== null) memberships.push(membership);
  }
  await tx.addMemberships(project, memberships);
  return { inserted };
}
