import { createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { PulseError } from '../errors.js';
import { parseJson } from '../ingest/parse-json.js';

type Counting = Transform & { receivedEncodedLength: number };

function decoder(encoding: string): Counting | null {
  if (encoding === 'gzip' || encoding === 'x-gzip') return Object.assign(createGunzip(), { receivedEncodedLength: 0 });
  if (encoding === 'deflate') return Object.assign(createInflate(), { receivedEncodedLength: 0 });
  return null;
}

/**
 * Teaches a Fastify instance the bodies Segment-style clients send: JSON as
 * `application/json`, as `text/plain` (the CORS-simple form browsers use to skip
 * a preflight) or with no type at all, optionally gzip/deflate-encoded. The
 * limit applies to the decoded body, so a small gzip bomb is refused with 413.
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
    const stream = decoder(encoding);
    if (stream === null)
      throw new PulseError('unsupported', `content-encoding "${encoding}" is not supported (use gzip or deflate)`);
    payload.on('data', (chunk: Buffer) => {
      stream.receivedEncodedLength += chunk.length;
    });
    payload.on('error', (error) => stream.destroy(error));
    stream.on('error', (error: Error & { statusCode?: number }) => {
      error.statusCode = 400;
      error.message = `body: could not decode ${encoding} (${error.message})`;
    });
    return payload.pipe(stream);
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
