import { defineElements } from '../src/define-elements.js';
import type { WidgetTracker } from '../src/tracker-source.js';

/** Any Pulse element, as far as tests care. */
export type Mounted = HTMLElement & { tracker: WidgetTracker | null; updateComplete: Promise<boolean> };

/** Defines the elements, appends `tag` with attributes and tracker to the body and waits for its render. */
export async function mount(
  tag: string,
  tracker: WidgetTracker | null,
  attributes: Record<string, string> = {},
  parent: HTMLElement = document.body,
): Promise<Mounted> {
  defineElements();
  const element = document.createElement(tag) as Mounted;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.tracker = tracker;
  parent.append(element);
  await element.updateComplete;
  return element;
}

/** The element's shadow root, which every Pulse element has. */
export function shadow(element: Element): ShadowRoot {
  if (element.shadowRoot === null) throw new Error(`${element.localName} has no shadow root`);
  return element.shadowRoot;
}

/** The first element with this part in the element's shadow root. */
export function part(element: Element, name: string): HTMLElement | null {
  return shadow(element).querySelector(`[part~='${name}']`);
}

/** Waits for lit's pending renders (a state change renders on the next microtask). */
export async function settle(...elements: Mounted[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await Promise.all(elements.map((e) => e.updateComplete));
}
