import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const MAX_ATTEMPTS = 8;

/** Thrown when the collector refuses the seed as a whole (bad write key, unreachable). */
export class SeedDeliveryError extends Error {
  name = 'SeedDeliveryError';
}

async function postOnce(url, writeKey, batch) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch }),
  });
  const body = await response.json().catch(() => null);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

async function postWithRetries(url, writeKey, batch) {
  for (let attempt = 1; ; attempt++) {
    let result;
    try {
      result = await postOnce(url, writeKey, batch);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS)
        throw new SeedDeliveryError(`cannot reach ${url}: ${error.cause?.code ?? error.message}`);
      await sleep(Math.min(8000, 250 * 2 ** attempt));
      continue;
    }
    const { status, retryAfter, body } = result;
    if (status === 200 || status === 400) return body ?? { accepted: 0, duplicates: 0, rejected: [] };
    if (status === 401 || status === 403)
      throw new SeedDeliveryError(`the collector refused the write key (${status})`);
    const retryable = status === 429 || status === 408 || status >= 500;
    if (!retryable || attempt >= MAX_ATTEMPTS) {
      throw new SeedDeliveryError(`POST ${url} failed with ${status}: ${JSON.stringify(body)}`);
    }
    const seconds = Number(retryAfter);
    await sleep(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : Math.min(8000, 250 * 2 ** attempt));
  }
}

/**
 * Posts batches to a running collector's `POST /v1/batch`, `concurrency` at a time,
 * retrying 429 (honouring `Retry-After`), 408, 5xx and network errors.
 *
 * @example
 * const sender = createBatchSender({ host: 'http://127.0.0.1:8787', writeKey: 'pulse_demo_write_key' });
 * await sender.send(events); await sender.drain(); sender.totals;
 */
export function createBatchSender({ host, writeKey, concurrency = 2 }) {
  const url = `${host.replace(/\/+$/, '')}/v1/batch`;
  const inFlight = new Set();
  const totals = { accepted: 0, duplicates: 0, rejected: 0, firstRejection: null };
  let failure = null;
  const send = async (batch) => {
    if (failure) throw failure;
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const request = postWithRetries(url, writeKey, batch)
      .then((r) => {
        totals.accepted += r.accepted ?? 0;
        totals.duplicates += r.duplicates ?? 0;
        totals.rejected += r.rejected?.length ?? 0;
        totals.firstRejection ??= r.rejected?.[0]?.error ?? null;
      })
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const drain = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure;
  };
  return { send, drain, totals };
}

/**
 * Writes batches as NDJSON (one event per line) for `pulse import`.
 *
 * @example
 * const writer = createNdjsonWriter('demo/seed.ndjson'); await writer.send(events); await writer.drain();
 */
export function createNdjsonWriter(file) {
  const stream = createWriteStream(file);
  const totals = { accepted: 0, duplicates: 0, rejected: 0, firstRejection: null };
  const send = async (batch) => {
    if (!stream.write(batch.map((e) => JSON.stringify(e)).join('\n') + '\n')) await once(stream, 'drain');
    totals.accepted += batch.length;
  };
  const drain = async () => {
    stream.end();
    await once(stream, 'finish');
  };
  return { send, drain, totals };
}
