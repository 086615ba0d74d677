// Size budget entry: the tracker core (init, track/identify/page, persisted queue,
// retries, unload, multi-tab), without the provisional scorer. Budget: 6 KB min+gzip.
import { createTracker } from '../src/index.js';

const tracker = createTracker({ writeKey: 'pk_size' });
tracker.identify('u1');
tracker.page();
tracker.track('Size Checked');
