// Size budget entry: the tracker core plus the provisional state (@pulse/core's scorer). Budget: 8 KB min+gzip.
import { createTracker, provisionalState } from '../src/index.js';

const tracker = createTracker({ writeKey: 'pk_size', state: provisionalState });
tracker.identify('u1');
tracker.page();
tracker.track('Size Checked');
console.log(tracker.state().user?.score);
