import { fakeAppHtml, PAGE_CSS } from './fake-app-html.js';
import { pagePath, startPageServer, type PageServer } from './page-server.js';

/**
 * Serves the demo page with the fake tracker (see `pages/fake-app.ts`),
 * optionally under a Content-Security-Policy header.
 */
export function startFakeApp(csp?: string): Promise<PageServer> {
  return startPageServer({
    scripts: { '/app.js': pagePath('pages/fake-app.ts') },
    html: fakeAppHtml,
    files: { '/page.css': { type: 'text/css', body: PAGE_CSS } },
    ...(csp === undefined ? {} : { csp }),
  });
}
