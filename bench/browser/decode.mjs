// Turns any SDK's ingestion request into the list of events it carries. The SDKs
// differ on the wire: JSON objects or arrays, `{ batch }`, `{ events }`, Snowplow's
// `{ data }` with stringified or base64 payloads, form-encoded `data=` (base64 or
// JSON), gzip bodies, query strings. The bench only needs, per event, the `bk`
// ("bench key") property it put there, so decoding is generic.
import { gunzipSync, inflateSync } from 'node:zlib';

const isGzip = (buf) => buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b;

function tryJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function fromBase64(text) {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(normal)) return undefined;
  return Buffer.from(normal, 'base64');
}

/** JSON text, base64 of JSON, or base64 of gzipped JSON → a value, else `undefined`. */
function parseLoose(text) {
  const json = tryJson(text);
  if (json.ok) return json.value;
  const raw = fromBase64(text);
  if (!raw) return undefined;
  const inner = isGzip(raw) ? gunzipSync(raw) : raw;
  const decoded = tryJson(inner.toString('utf8'));
  return decoded.ok ? decoded.value : undefined;
}

function bodyText(body, encoding) {
  if (encoding === 'gzip' || isGzip(body)) return gunzipSync(body).toString('utf8');
  if (encoding === 'deflate') return inflateSync(body).toString('utf8');
  return body.toString('utf8');
}

/** The payload of a request: a parsed JSON value, or `undefined` if it carries none. */
export function decodePayload({ url, body, contentType = '', contentEncoding = '' }) {
  const query = new URL(url, 'http://sink').searchParams;
  let text = body.length > 0 ? bodyText(body, contentEncoding) : '';
  if (!text) {
    // GET-style delivery: Snowplow's `/i?e=…`, Mixpanel's `?data=…`.
    if (query.has('data')) return parseLoose(query.get('data'));
    if (query.has('e')) return Object.fromEntries(query);
    return undefined;
  }
  if (contentType.includes('application/x-www-form-urlencoded') || /^data=/.test(text)) {
    const form = new URLSearchParams(text);
    if (form.has('data')) text = form.get('data');
  }
  return parseLoose(text);
}

/** The events inside a payload, whatever envelope the SDK uses. */
export function eventsOf(payload) {
  if (payload === undefined || payload === null || typeof payload !== 'object') return [];
  if (Array.isArray(payload)) return payload;
  for (const key of ['batch', 'events', 'data']) {
    if (Array.isArray(payload[key])) return payload[key];
  }
  return [payload];
}

/** The bench key of one event, searched through nested and stringified payloads. */
export function benchKey(event, depth = 0) {
  if (depth > 6 || event === null || typeof event !== 'object') return undefined;
  if (typeof event.bk === 'string') return event.bk;
  for (const [key, value] of Object.entries(event)) {
    let inner = value;
    if (typeof value === 'string' && (value.startsWith('{') || key === 'ue_px' || key === 'cx')) {
      inner = parseLoose(value);
    }
    const found = benchKey(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `{ events, keys }`: how many events a request carried and the bench keys among them. */
export function decodeRequest(request) {
  let payload;
  try {
    payload = decodePayload(request);
  } catch {
    return { events: 0, keys: [] };
  }
  const events = eventsOf(payload);
  const keys = [];
  for (const e of events) {
    const key = benchKey(e);
    if (key !== undefined) keys.push(key);
  }
  return { events: events.length, keys };
}
