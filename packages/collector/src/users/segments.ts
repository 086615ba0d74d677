import { validateConfig, type PulseConfig, type SegmentDefinition } from '@pulse/core';
import type { ConfigHolder } from '../config/config-holder.js';
import type { Segment, SegmentBody } from '../contract/segments.js';
import { PulseError } from '../errors.js';

/**
 * The saved segments of the active config, in config order.
 *
 * @example
 * listSegments(ctx.configs);
 */
export function listSegments(configs: ConfigHolder): Segment[] {
  return configs.current().document.segments ?? [];
}

/**
 * One saved segment; a missing one is `not-found`.
 *
 * @example
 * getSegment(ctx.configs, 'at-risk').filter;
 */
export function getSegment(configs: ConfigHolder, id: string): Segment {
  const found = listSegments(configs).find((s) => s.id === id);
  if (found === undefined) throw new PulseError('not-found', `segment "${id}" does not exist`);
  return found;
}

function checked(document: PulseConfig): PulseConfig {
  const issues = validateConfig(document);
  if (issues.length > 0) {
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new PulseError('invalid', message, { details: { issues } });
  }
  return document;
}

/**
 * Creates or replaces a segment in the config document (a new config version;
 * models are unchanged, so nothing is rescored). The filter is validated as the
 * users list parses it; every issue is named by its path.
 *
 * @example
 * await putSegment(ctx.configs, 'at-risk', { name: 'At risk', filter: { band: 'low' } });
 */
export async function putSegment(configs: ConfigHolder, id: string, body: SegmentBody): Promise<Segment> {
  const segment: SegmentDefinition = { id, name: body.name, filter: body.filter };
  await configs.update((document) => {
    const list = document.segments ?? [];
    const at = list.findIndex((s) => s.id === id);
    const segments = at < 0 ? [...list, segment] : list.map((s, i) => (i === at ? segment : s));
    return checked({ ...document, segments });
  });
  return segment;
}

/**
 * Deletes a segment; `not-found` when there is none, and `invalid` (naming the
 * nudge) while a nudge's `trigger.segment` still uses it.
 *
 * @example
 * await deleteSegment(ctx.configs, 'at-risk');
 */
export async function deleteSegment(configs: ConfigHolder, id: string): Promise<void> {
  await configs.update((document) => {
    const list = document.segments ?? [];
    if (!list.some((s) => s.id === id)) throw new PulseError('not-found', `segment "${id}" does not exist`);
    return checked({ ...document, segments: list.filter((s) => s.id !== id) });
  });
}
