// A product page whose tracker is the fake one from the unit tests (real
// @pulse/core, no network), so every element shows something deterministic.
import { defineElements, setDefaultTracker, type PulseStrings } from '../../src/index.js';
import { createFakeTracker } from '../../test/fake-tracker.js';
import { configWith, nudge, social } from '../../test/fixtures.js';

const params = new URLSearchParams(location.search);

/** Every string in Arabic, to check an RTL page with its own language. */
const ARABIC: PulseStrings = {
  checklistTitle: 'ابدأ من هنا',
  progress: 'أنجزت {done} من {total}',
  done: 'تم',
  notDone: 'لم يتم بعد',
  complete: 'أنجزت كل شيء، أحسنت!',
  showSteps: 'عرض الخطوات',
  hideSteps: 'إخفاء الخطوات',
  launcher: 'تقدمك: أنجزت {done} من {total} خطوات',
  panelTitle: 'تقدمك',
  close: 'إغلاق',
  dismiss: 'تجاهل',
  snooze: 'ذكرني لاحقًا',
  newNudge: 'نصيحة جديدة: {title}',
  band: 'مستواك: {band}',
  bands: { low: 'أنت في البداية', medium: 'تقدم جيد', high: 'أنت مستخدم متمرس' },
};
const tracker = createFakeTracker(
  configWith(
    nudge('welcome', 'banner', social),
    nudge('reports', 'toast', {
      title: 'Try reports',
      body: 'See how your week went.',
      cta: { label: 'Open reports', event: 'Report Opened' },
    }),
    nudge(
      'invite-tip',
      'tooltip',
      { title: 'Invite from here', body: 'Teammates join in one click.' },
      { anchor: '#invite' },
    ),
    nudge('import', 'inline', {
      title: 'Import your data',
      body: 'Bring your tasks over from a CSV file.',
      cta: { label: 'Import', href: '/import' },
    }),
    nudge('xss', 'inline', { title: '<img src=x onerror=alert(1)>', body: '<b>not bold</b>' }),
  ),
);
for (const event of params.get('done')?.split(',').filter(Boolean) ?? []) tracker.track(event);
setDefaultTracker(tracker);
defineElements();
if (params.get('lang') === 'ar') {
  for (const el of document.querySelectorAll<HTMLElement & { strings: Partial<PulseStrings> }>(
    'pulse-checklist, pulse-widget, pulse-nudge',
  )) {
    el.strings = ARABIC;
  }
}
Object.assign(window, { fake: tracker });
