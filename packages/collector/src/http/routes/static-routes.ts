import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { errorResponse } from '../../contract/common.js';
import { PulseError } from '../../errors.js';

const wildcard = Type.Object({ '*': Type.String() });

/** The schema of a route that serves files under a wildcard path. */
const files = (summary: string) => ({
  summary,
  params: wildcard,
  response: {
    200: { description: 'The file', content: { '*/*': { schema: Type.String({ format: 'binary' }) } } },
    404: errorResponse('Not built, or no such file'),
  },
});

/**
 * Where the built browser artefacts live (see `defaultStaticDirs`).
 *
 * @example
 * const dirs: StaticDirs = { sdk: ['/app/widget/dist'], dashboard: '/app/dashboard/dist', root: undefined };
 */
export interface StaticDirs {
  /** Searched in order for `/sdk/<file>`. */
  sdk: readonly string[];
  dashboard: string;
  /** Served at `/` (the demo) when given. */
  root?: string;
}

// The file under `root` for a URL path, or null when it does not exist or would
// escape `root` (`..`, encoded or not, is resolved before the check).
function fileIn(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const base = resolve(root);
  const full = resolve(base, `.${sep}${decoded}`);
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    const stat = statSync(full);
    if (stat.isFile()) return full.slice(base.length + 1);
    if (stat.isDirectory() && existsSync(resolve(full, 'index.html'))) {
      return resolve(full, 'index.html').slice(base.length + 1);
    }
  } catch {
    return null;
  }
  return null;
}

function send(reply: FastifyReply, roots: readonly string[], urlPath: string, fallback?: string): FastifyReply {
  for (const root of roots) {
    const file = fileIn(root, urlPath);
    if (file !== null) return reply.sendFile(file, resolve(root));
  }
  // Client-side routes (no extension) of a single-page app get its index.html.
  const root = roots[0];
  if (fallback !== undefined && root !== undefined && extname(urlPath) === '' && fileIn(root, fallback) !== null) {
    return reply.sendFile(fallback, resolve(root));
  }
  throw new PulseError(
    'not-found',
    `not found: ${urlPath}${roots.some((r) => existsSync(r)) ? '' : ' (not built: run npm run build)'}`,
  );
}

/**
 * The security headers of every dashboard response. The dashboard holds the
 * secret key, so nothing but its own files may run or load there (no inline
 * script or style, no framing, no plugins, no `<base>` rewrite), and its URLs
 * never leak through `Referer`.
 *
 * @example
 * reply.headers(DASHBOARD_HEADERS);
 */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Serves the SDK bundles at `/sdk/*`, the dashboard at `/dashboard/` (with
 * `DASHBOARD_HEADERS`), and an optional directory at `/`. Missing directories
 * answer a clean 404.
 *
 * @example
 * await registerStaticRoutes(app, defaultStaticDirs());
 */
export async function registerStaticRoutes(app: FastifyInstance, dirs: StaticDirs): Promise<void> {
  await app.register(fastifyStatic, { serve: false, root: resolve(dirs.dashboard) });
  app.get<{ Params: { '*': string } }>(
    '/sdk/*',
    { schema: files('Browser bundles: pulse.min.js, pulse-tracker.min.js') },
    async (req, reply) => send(reply.header('x-content-type-options', 'nosniff'), dirs.sdk, req.params['*']),
  );
  const redirect = {
    summary: 'Redirects to /dashboard/',
    response: { 302: { description: 'Redirect', type: 'null' } },
  };
  app.get('/dashboard', { schema: redirect }, async (_req, reply) =>
    reply.headers(DASHBOARD_HEADERS).redirect('/dashboard/'),
  );
  app.get<{ Params: { '*': string } }>('/dashboard/*', { schema: files('The growth dashboard') }, async (req, reply) =>
    send(reply.headers(DASHBOARD_HEADERS), [dirs.dashboard], req.params['*'] || 'index.html', 'index.html'),
  );
  const root = dirs.root;
  if (root !== undefined) {
    app.get<{ Params: { '*': string } }>('/*', { schema: files('The --static directory') }, async (req, reply) => {
      const path = req.params['*'];
      // An unknown API path must stay a 404, never become the demo's index.html.
      if (path.startsWith('v1/')) throw new PulseError('not-found', `not found: GET /${path}`);
      return send(reply, [root], path || 'index.html', 'index.html');
    });
  }
}
