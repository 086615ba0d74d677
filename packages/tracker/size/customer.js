// Size budget entry, bundled from the npm build as a customer's app would (scripts/customer-bundles.mjs):
// create a tracker, identify, track, page. Budget: 6 KB min+gzip with esbuild's and Vite's defaults.
import { createTracker } from '@pulse/tracker';

const pulse = createTracker({ writeKey: 'pk_live', host: 'https://pulse.example.com' });
pulse.identify('u1', { plan: 'trial' });
pulse.track('Project Created', { template: 'kanban' });
pulse.page();
