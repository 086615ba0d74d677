import { createGunzip, createInflate } from 'node:zlib';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PulseError } from '../errors.js';
import { parseJson } from '../ingest/parse-json.js';

type Counting = Transform & { receivedEncodedLength: number };

function decoder(encoding: string): Counting | null {
  if (encoding === 'gzip' || encoding === 'x-gzip') return Object.assign(createGunzip(), { receivedEncodedLength: 0 });
  if (encoding === 'deflate') return Object.assign(createInflate(), { receivedEncodedLength: 0 });
  return null;
}

/**
 * `payload` decoded as `encoding`. Fastify counts the decoded bytes against the body
 * limit (so a small zip bomb is refused with 413) and compares `receivedEncodedLength`,
 * the bytes that came over the wire, with `Content-Length`.
 */
function decode(payload: Readable, encoding: string, label: string): Readable {
  const stream = decoder(encoding);
  if (stream === null)
    throw new PulseError('unsupported', `content-encoding "${encoding}" is not supported (use gzip or deflate)`);
  payload.on('data', (chunk: Buffer) => {
    stream.receivedEncodedLength += chunk.length;
  });
  payload.on('error', (error) => stream.destroy(error));
  stream.on('error', (error: Error & { statusCode?: number }) => {
    error.statusCode = 400;
    error.message = `body: could not decode ${label} (${error.message})`;
  });
  return payload.pipe(stream);
}

/**
 * The bytes buffered once `payload` first has some (null when it ended empty), and a
 * stream of the whole body, those bytes included. A new stream rather than `unshift`:
 * reading a body that arrived whole schedules its `end`, which `unshift` cannot undo.
 */
function peek(payload: Readable): Promise<[Buffer | null, Readable]> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      payload.off('readable', done);
      payload.off('error', done);
      if (error) return reject(error);
      const head = payload.read() as Buffer | null;
      const whole = new PassThrough();
      if (head) whole.write(head);
      payload.on('error', (e) => whole.destroy(e));
      resolve([head, payload.pipe(whole)]);
    };
    payload.on('readable', done);
    payload.on('error', done);
  });
}

/**
 * A route's `preParsing` hook that inflates a gzip body sent without
 * `Content-Encoding`, recognised by its magic bytes `1f 8b` (no JSON text starts with
 * them). The tracker sends gzip this way: a `Content-Encoding` request header would
 * make the request CORS-preflighted. The body limit still applies to the inflated
 * bytes (413), and a body that starts like gzip but is not is a 400 naming it.
 *
 * @example
 * app.post('/v1/batch', { preParsing: sniffGzip }, handler);
 */
export async function sniffGzip(request: FastifyRequest, _reply: FastifyReply, payload: Readable): Promise<Readable> {
  if (request.headers['content-encoding'] !== undefined) return payload; // decoded by the app-wide hook
  const [head, whole] = await peek(payload);
  return head?.[0] === 0x1f && head[1] === 0x8b ? decode(whole, 'gzip', 'gzip (sniffed from the body)') : whole;
}

/**
 * Teaches a Fastify instance the bodies Segment-style clients send: JSON as
 * `application/json`, as `text/plain` (the CORS-simple form browsers use to skip
 * a preflight) or with no type at all, optionally gzip/deflate-encoded. The
 * limit applies to the decoded body, so a small gzip bomb is refused with 413.
 * Ingest routes also take gzip without `Content-Encoding` (`sniffGzip`).
 *
 * @example
 * registerBodyParsers(app, LIMITS.maxRequestBytes);
 */
export function registerBodyParsers(app: FastifyInstance, limit: number): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding === 'identity' || encoding === '') return payload;
    return decode(payload, encoding, encoding);
  });
  app.removeAllContentTypeParsers();
  const parse = (_req: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void): void => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(new PulseError('invalid', 'body: is empty (send a JSON object)'));
    try {
      done(null, parseJson(text));
    } catch (error) {
      done(new PulseError('invalid', `body: is not valid JSON (${(error as Error).message})`));
    }
  };
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: limit }, parse);
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: limit }, parse);
}
