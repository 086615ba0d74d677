import { PulseChecklist } from './checklist.js';
import { PulseNudge } from './nudge.js';
import { PulseWidget } from './widget.js';

/**
 * Registers `<pulse-checklist>`, `<pulse-widget>` and `<pulse-nudge>`. A name
 * that is already taken (e.g. the script tag and an npm import on one page)
 * is left alone instead of throwing.
 *
 * @example
 * defineElements(); // what `import '@pulse/widget/define'` does
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  const elements: [string, CustomElementConstructor][] = [
    ['pulse-checklist', PulseChecklist],
    ['pulse-widget', PulseWidget],
    ['pulse-nudge', PulseNudge],
  ];
  for (const [name, element] of elements) {
    if (registry.get(name) === undefined) registry.define(name, element);
  }
}
