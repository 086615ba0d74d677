/**
 * Page-wide bookkeeping per tracker: which slot shows which nudge (so two
 * slots never show, and count, the same nudge) and which exposures were
 * already logged in this page view.
 */
interface Registry {
  owners: Map<string, object>;
  logged: Set<string>;
}

let registries: WeakMap<object, Registry> | undefined;

function registryOf(tracker: object): Registry {
  registries ??= new WeakMap();
  let registry = registries.get(tracker);
  if (registry === undefined) {
    registry = { owners: new Map(), logged: new Set() };
    registries.set(tracker, registry);
  }
  return registry;
}

/**
 * True when a slot other than `owner` shows the nudge.
 *
 * @example
 * if (isClaimedByOther(tracker, 'invite-nudge', this)) continue;
 */
export function isClaimedByOther(tracker: object, nudgeId: string, owner: object): boolean {
  const current = registryOf(tracker).owners.get(nudgeId);
  return current !== undefined && current !== owner;
}

/**
 * Marks the nudge as shown by `owner` (a no-op when another slot has it).
 *
 * @example
 * claimNudge(tracker, 'invite-nudge', this);
 */
export function claimNudge(tracker: object, nudgeId: string, owner: object): void {
  const owners = registryOf(tracker).owners;
  if (!owners.has(nudgeId)) owners.set(nudgeId, owner);
}

/**
 * Frees the nudge if `owner` holds it.
 *
 * @example
 * releaseNudge(tracker, 'invite-nudge', this);
 */
export function releaseNudge(tracker: object, nudgeId: string, owner: object): void {
  const owners = registryOf(tracker).owners;
  if (owners.get(nudgeId) === owner) owners.delete(nudgeId);
}

/**
 * True the first time `key` is seen for this tracker in this page view.
 *
 * @example
 * if (firstInPageView(tracker, `${userKey}:${nudgeId}:${variant}`)) track('Nudge Eligible', ...);
 */
export function firstInPageView(tracker: object, key: string): boolean {
  const logged = registryOf(tracker).logged;
  if (logged.has(key)) return false;
  logged.add(key);
  return true;
}
