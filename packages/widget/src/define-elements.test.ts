import { describe, expect, it } from 'vitest';
import { PulseChecklist } from './checklist.js';
import { defineElements } from './define-elements.js';
import { PulseNudge } from './nudge.js';
import { PulseWidget } from './widget.js';

describe('defineElements', () => {
  it('registers the three elements', () => {
    defineElements();
    expect(['pulse-checklist', 'pulse-widget', 'pulse-nudge'].map((n) => customElements.get(n))).toEqual([
      PulseChecklist,
      PulseWidget,
      PulseNudge,
    ]);
  });

  it('can run twice, e.g. for the script tag and an npm import on one page', () => {
    defineElements();
    expect(() => defineElements()).not.toThrow();
  });

  it('leaves a name another definition already took', async () => {
    class Other extends HTMLElement {}
    const registry = {
      get: (name: string) => (name === 'pulse-nudge' ? Other : customElements.get(name)),
      define: (name: string, ctor: CustomElementConstructor) => {
        if (name === 'pulse-nudge') throw new Error('already defined');
        if (!customElements.get(name)) customElements.define(name, ctor);
      },
    } as unknown as CustomElementRegistry;
    expect(() => defineElements(registry)).not.toThrow();
  });
});
