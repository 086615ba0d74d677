import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

describe('createMetrics', () => {
  it('renders counters in the Prometheus text format', () => {
    const m = createMetrics();
    m.events('accepted', 3);
    m.events('accepted', 2);
    expect(m.render()).toContain('# TYPE pulse_events_accepted_total counter\npulse_events_accepted_total 5\n');
  });

  it('renders cumulative histogram buckets', () => {
    const m = createMetrics();
    m.request('POST', '/v1/batch', 200, 0.004);
    m.request('POST', '/v1/batch', 200, 0.2);
    const text = m.render();
    const labels = 'method="POST",route="/v1/batch",status="200"';
    expect(text).toContain(`pulse_http_request_duration_seconds_bucket{${labels},le="0.005"} 1`);
    expect(text).toContain(`pulse_http_request_duration_seconds_bucket{${labels},le="0.25"} 2`);
    expect(text).toContain(`pulse_http_request_duration_seconds_count{${labels}} 2`);
  });

  it('folds odd or too many client reasons into "other"', () => {
    const m = createMetrics();
    m.clientDropped('bad"reason\n', 1);
    for (let i = 0; i < 60; i++) m.clientDropped(`r${i}`, 1);
    const text = m.render();
    expect(text).not.toContain('bad"');
    expect(text).toContain('pulse_client_dropped_events_total{reason="other"} 12');
    expect(text).toContain('pulse_client_dropped_events_total{reason="r48"} 1');
  });
});
