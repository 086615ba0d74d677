/** The demo product page around the elements; `dir` and `theme` come from the query. */
export function fakeAppHtml(query: URLSearchParams): string {
  const dir = query.get('dir') === 'rtl' ? 'rtl' : 'ltr';
  const theme = query.get('theme');
  const themed = theme === 'light' || theme === 'dark' ? ` theme="${theme}"` : '';
  const only = query.get('only');
  const show = (name: string): boolean => only === null || only.split(',').includes(name);
  return `<!doctype html>
<html lang="${dir === 'rtl' ? 'ar' : 'en'}" dir="${dir}">
<head><meta charset="utf-8"><title>Projects</title><link rel="stylesheet" href="/page.css"></head>
<body>
<header>${show('banner') ? `<pulse-nudge placement="banner"${themed}></pulse-nudge>` : ''}<h1>Projects</h1></header>
<main>
  <p><button id="invite" type="button">Invite teammate</button> <input id="search" aria-label="Search projects" placeholder="Search"></p>
  ${show('checklist') ? `<pulse-checklist${themed}></pulse-checklist>` : ''}
  ${show('inline') ? `<pulse-nudge placement="inline" nudge="import"${themed}></pulse-nudge>` : ''}
  ${show('xss') ? `<pulse-nudge placement="inline" nudge="xss"${themed}></pulse-nudge>` : ''}
  ${show('tooltip') ? `<pulse-nudge placement="tooltip"${themed}></pulse-nudge>` : ''}
  ${show('toast') ? `<pulse-nudge placement="toast"${themed}></pulse-nudge>` : ''}
</main>
${show('widget') ? `<pulse-widget${themed}></pulse-widget>` : ''}
<script src="/app.js"></script>
</body>
</html>`;
}

/** The page's own stylesheet (a file, so a strict CSP allows it). */
export const PAGE_CSS = `
:root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
body { margin: 0; background: Canvas; color: CanvasText; }
header h1, main { margin: 0 auto; max-width: 720px; padding: 16px 24px; }
main { display: grid; gap: 16px; }
pulse-checklist { max-width: 420px; }
`;
