// Size measurement entry: what a browser pays for scoring a user locally.
import { addEvent, createRollup, userState } from '../src/index.js';

export function provisional(
  config: Parameters<typeof userState>[0]['config'],
  events: Parameters<typeof addEvent>[1][],
) {
  const model = config.models[0];
  if (model === undefined) return null;
  const rollup = createRollup(model.id);
  for (const e of events) addEvent(rollup, e, model);
  return userState({ config, rollups: { [model.id]: rollup }, userKey: 'u', now: Date.now() });
}
