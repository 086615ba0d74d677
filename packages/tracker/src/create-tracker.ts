import { hashBucket, type JsonObject } from '@pulse/core';
import { DEV, warnOnce } from '@pulse/core/dev-warn';
import { buildEvent, pageProperties, staticContext, type EventFields } from './build-event.js';
import { monotonicNow } from './clock.js';
import { createDelivery, deliveryReport } from './delivery.js';
import { createDropCounter } from './drop-counter.js';
import { createEmitter } from './emitter.js';
import { freshIdentity, loadIdentity, readIdentity, saveIdentity, touchSession, type Identity } from './identity.js';
import { inertTracker, NO_STATE } from './inert-tracker.js';
import { openQueueStore } from './open-queue-store.js';
import { onPageLifecycle } from './page-lifecycle.js';
import { prepareEvent } from './prepare-event.js';
import type { QueueRecord, QueueStore } from './queue-store.js';
import { resolveOptions, type TrackerOptions } from './tracker-options.js';
import { liveTrackers, trackerKey } from './tracker-registry.js';
import type { DeliveryReport, Middleware, StateSource, Tracker, TrackerState } from './types.js';

/** Events tracked before a consent decision are held in memory, up to this many. */
const MAX_HELD = 100;

/**
 * Mutable tracker state, in one object (the collections the tracker only fills and
 * empties are constants of `createTracker`). Builds rename `_x` fields to short names
 * (docs/decisions.md, "Internal property names"): never make them public, store or send them.
 */
interface TrackerCore {
  _identity: Identity;
  /** Consent: `undefined` while a required decision is pending. */
  _granted: boolean | undefined;
  /** Events and bytes tracked since the last flush, for the batching thresholds. */
  _batchCount: number;
  _batchBytes: number;
  _timer?: ReturnType<typeof setTimeout>;
  _queueStore?: Promise<QueueStore>;
  _plugin?: StateSource;
  _notifying?: boolean;
  /** `destroy()` was called: the public methods are no-ops, nothing new is scheduled. */
  _destroyed?: boolean;
  /** The final flush of `destroy()` is over: delivery sends nothing more. */
  _stopped?: boolean;
}

/**
 * Creates a tracker. In a page without `window` (server-side rendering, workers)
 * it returns a tracker that does nothing. Throws `TrackerOptionsError` for bad options.
 * One tracker per collector host and write key lives in a page: while one does, this
 * returns it (with a development warning) instead of starting a second that would count
 * everything twice; its options are the first call's. `destroy()` ends it.
 *
 * @example
 * import { createTracker, provisionalState } from '@pulse/tracker';
 * const pulse = createTracker({ writeKey: 'pk_live', host: 'https://pulse.example.com', state: provisionalState });
 * pulse.identify('u1', { plan: 'trial' }, { userToken });
 * pulse.track('Project Created', { template: 'kanban' });
 */
export function createTracker(options: TrackerOptions): Tracker {
  const o = resolveOptions(options);
  if (typeof window === 'undefined') return inertTracker();
  const registry = liveTrackers();
  const id = trackerKey(o.host, o.writeKey);
  const live = registry.get(id);
  if (live) {
    if (DEV)
      warnOnce?.(
        'tracker-exists',
        `a tracker for ${o.writeKey} at ${o.host || 'this origin'} already runs in this page: createTracker returned it ` +
          '(its options are the first call\'s). Create the tracker once, in a module of its own (docs/tracker.md, "One tracker per page").',
      );
    return live;
  }
  const key = `pulse:${o.writeKey}`;
  const identity = loadIdentity(key, monotonicNow());
  const s: TrackerCore = {
    _identity: identity,
    _granted: identity.consent ?? (o.requireConsent ? undefined : true),
    _batchCount: 0,
    _batchBytes: 0,
  };
  const middlewares: Middleware[] = [];
  /**
   * Tracked in this task, not yet built: the fields, the time and the page as they
   * were at the call. Built, run through the middlewares and serialised in a
   * microtask, so that a call costs the caller almost nothing. Whatever changes the
   * identity, the consent or reads the state drains this first.
   */
  const pending: [EventFields, number, JsonObject][] = [];
  /** Built, not yet handed to the store (written once per task, off the hot path). */
  const writes: QueueRecord[] = [];
  /** This tab's events until delivered or dropped: what the unload path sends. */
  const mine = new Map<string, QueueRecord>();
  /** Tracked before consent: never stored, sent only once consent is given. */
  const held: QueueRecord[] = [];
  const context = staticContext();
  const emitter = createEmitter<{ state: [TrackerState]; delivery: [DeliveryReport] }>();
  const drops = createDropCounter(`${o.host}/v1/diagnostics`, o.writeKey);
  const allowed = () => s._granted === true;
  const store = () => (s._queueStore ??= openQueueStore(`pulse-${o.writeKey}`, o.storage === 'memory'));
  const save = () => allowed() && saveIdentity(key, s._identity);

  const report = (r: DeliveryReport): void => {
    if (r.kind !== 'retried') {
      for (const id of r.messageIds) mine.delete(id);
      s._plugin?.settled(r.messageIds, r.kind === 'sent', r.kind === 'sent' ? r.position : undefined);
    }
    if (r.kind === 'dropped') drops.add(r.reason, r.count);
    if (r.kind === 'sent' && allowed()) drops.send(false);
    emitter._emit('delivery', r);
  };
  const drop = (records: { id: string }[], reason: 'quota' | 'consent' | 'invalid', error?: string) => {
    // An invalid event never became a record: it counts as one, without an id.
    if (records.length || reason === 'invalid') {
      report(deliveryReport(records, { kind: 'dropped', reason, error }));
    }
  };

  const delivery = createDelivery({
    ...o, // writeKey, maxRetries, retryBase, retryCap
    url: `${o.host}/v1/batch`,
    _lockName: `pulse-flush-${o.writeKey}`,
    _openStore: store,
    _canSend: () => !s._stopped && allowed() && navigator.onLine !== false,
    _report: report,
  });

  function persist(): void {
    drain();
    const records = writes.splice(0);
    if (!records.length || !allowed()) return;
    save(); // once per batch: the session's last activity
    void store()
      .then(async (st) => {
        drop(await st.add(records, o.maxQueueBytes), 'quota');
        if (s._destroyed) return; // destroy() flushes once: nothing more to schedule
        if (s._batchCount >= o.flushAt || s._batchBytes >= o.flushBytes) void flush();
        else s._timer ??= setTimeout(flush, o.flushInterval);
      })
      .catch(() => undefined);
  }

  function flush(): Promise<void> {
    clearTimeout(s._timer);
    s._timer = undefined;
    s._batchCount = s._batchBytes = 0;
    persist();
    return delivery.flush(); // sends nothing without consent (canSend)
  }

  function queue(record: QueueRecord): void {
    mine.set(record.id, record);
    s._batchCount++;
    s._batchBytes += record.size;
    writes.push(record);
  }

  function enqueue(fields: EventFields): void {
    if (s._granted === false) return;
    const now = monotonicNow();
    touchSession(s._identity, key, now);
    // One store write per task: a burst of track() calls costs one transaction.
    if (pending.push([fields, now, pageProperties()]) === 1) queueMicrotask(persist);
  }

  /** Builds what was tracked; runs before anything that reads or changes what it affects. */
  function drain(): void {
    const id = s._identity;
    for (const [fields, now, page] of pending.splice(0)) {
      if (o.sampleRate < 1 && hashBucket('pulse-sample:', id.userId ?? id.anonymousId) >= o.sampleRate) continue;
      const prepared = prepareEvent(buildEvent(fields, id, context, now, page), middlewares);
      if (!prepared) continue;
      if ('invalid' in prepared) drop([], 'invalid', prepared.invalid);
      else {
        s._plugin?.event(prepared.event);
        if (s._granted) queue(prepared._record);
        else if (held.push(prepared._record) > MAX_HELD) drop(held.splice(0, 1), 'consent');
      }
    }
  }

  /** Empties the persisted queue, counting what it held as dropped for consent. */
  function purge(): Promise<void> {
    return store()
      .then(async (st) =>
        drop(
          (await st.clear()).map((id) => ({ id })),
          'consent',
        ),
      )
      .catch(() => undefined);
  }

  /** `elsewhere`: decided in another tab (its decision arrives through `storage`). */
  function consent(granted: boolean, elsewhere?: boolean): void {
    drain();
    s._identity.consent = granted;
    if (granted) {
      // Only the tab where consent is given again purges: another tab may already have queued new events.
      const revoked = !elsewhere && s._granted === false;
      s._granted = true;
      save();
      const start = () => {
        for (const record of held.splice(0)) queue(record);
        void flush();
      };
      // A revocation's purge can be cut short by a reload or a closing tab; whatever
      // survived it predates the revocation and must never be sent. The store runs its
      // operations in order, so events tracked from now on are written after the purge.
      if (revoked) void purge().finally(start);
      else start();
    } else {
      const discarded = [...held.splice(0), ...writes.splice(0)];
      s._granted = false;
      mine.clear();
      // Revoking forgets the person as well as their events.
      s._identity = { ...freshIdentity(monotonicNow()), consent: false };
      saveIdentity(key, { consent: false });
      drop(discarded, 'consent');
      // Only a page that had consent opened the queue; one that never did must not create it now.
      if (s._queueStore) void purge();
    }
    s._plugin?.user(!granted);
  }

  const stopLifecycle = onPageLifecycle({
    _hide() {
      persist();
      delivery._sendNow([...mine.values()]);
      if (allowed()) drops.send(true);
    },
    online: flush,
    // A decision taken in another tab applies here too; on a grant, adopt that tab's identity.
    storage(changed) {
      const stored = changed === key ? readIdentity(key) : {};
      if (stored.consent === undefined || stored.consent === s._granted) return;
      if (stored.consent) Object.assign(s._identity, stored);
      consent(stored.consent, true);
    },
  });

  const tracker: Tracker = {
    track(event, properties) {
      if (typeof event === 'string' && event) {
        enqueue({ type: 'track', event, properties: { ...s._identity.props, ...properties } });
      } else if (DEV) warnOnce?.('track-name', 'track() needs an event name');
    },
    identify(userId, traits, options) {
      if (typeof userId !== 'string' || !userId)
        return void (DEV && warnOnce?.('identify-id', 'identify() needs a user id'));
      drain();
      const id = s._identity;
      // Another user starts over: without the previous user's traits and token.
      const switched = id.userId !== null && id.userId !== userId;
      id.userId = userId;
      id.traits = { ...(!switched && id.traits), ...traits };
      id.userToken = options?.userToken || (switched ? null : id.userToken);
      save();
      s._plugin?.user(switched);
      enqueue({ type: 'identify', traits: id.traits });
    },
    page(name, properties) {
      enqueue({ type: 'page', name, properties: { ...pageProperties(), ...s._identity.props, ...properties } });
    },
    group(groupId, traits) {
      enqueue({ type: 'group', groupId, traits: traits && { ...traits } });
    },
    alias(newId) {
      enqueue({ type: 'alias', previousId: s._identity.userId ?? s._identity.anonymousId, userId: newId });
    },
    reset() {
      drain();
      s._identity = { ...freshIdentity(monotonicNow()), consent: s._identity.consent };
      save();
      s._plugin?.user(true);
    },
    flush,
    consent,
    register(properties) {
      s._identity.props = { ...s._identity.props, ...properties };
      save();
    },
    use(middleware) {
      middlewares.push(middleware);
    },
    state: () => (drain(), s._plugin?.get() ?? NO_STATE),
    on: emitter.on as Tracker['on'],
    destroy() {
      s._destroyed = true;
      if (registry.get(id) === tracker) registry.delete(id);
      stopLifecycle();
      const last = flush(); // builds and stores what is pending first, then sends the queue
      clearTimeout(s._timer);
      s._plugin?.stop?.();
      emitter._clear();
      // Whoever still holds the tracker (a closure, an element) calls no-ops from now on.
      Object.assign(tracker, inertTracker());
      return last.finally(() => void (s._stopped = true));
    },
  };

  s._plugin = o.state?.({
    host: o.host,
    writeKey: o.writeKey,
    user: () => {
      const { userId, anonymousId, traits, userToken } = s._identity;
      return { userKey: userId ?? anonymousId, userId, traits, userToken };
    },
    skew: delivery.skew,
    allowed,
    changed() {
      if (s._notifying) return;
      s._notifying = true;
      queueMicrotask(() => {
        s._notifying = false;
        if (emitter.has('state')) emitter._emit('state', tracker.state());
      });
    },
  });
  registry.set(id, tracker);
  save(); // a new anonymous id is kept from the first moment, for the next tracker to find
  void flush(); // deliver what earlier pages left in the queue (once allowed)
  return tracker;
}
