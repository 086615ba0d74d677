import { describe, expect, it } from 'vitest';
import { isSafeHref } from './safe-href.js';

describe('isSafeHref', () => {
  it.each([
    'https://example.com/invite',
    'http://example.com',
    'HTTPS://EXAMPLE.COM',
    '/invite',
    'invite?x=1',
    './settings#team',
    '../up',
    '?tab=team',
    '#section',
    '//cdn.example.com/x',
    '',
  ])('accepts %j', (href) => {
    expect(isSafeHref(href)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    '\u0000javascript:alert(1)',
    'javascript\u0001:alert(1)',
    '\u001fjavascript:alert(1)',
    'jav\u007fascript:alert(1)',
    'javascript :alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:someone@example.com',
  ])('refuses %j', (href) => {
    expect(isSafeHref(href)).toBe(false);
  });
});
