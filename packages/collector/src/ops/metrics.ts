/** The SDKs whose retries the collector recognises (the labels of `pulse_ingest_retries_total`). */
export const RETRYING_CLIENTS = ['segment', 'rudderstack'] as const;

/** The SDK that marked a request as a retry. */
export type RetryingClient = (typeof RETRYING_CLIENTS)[number];

/** Upper bounds (seconds) of the request-latency histogram. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

// A client-sent label (drop reason) is bounded in length, characters and count,
// so a misbehaving client cannot blow up the exposition.
const MAX_REASONS = 50;
const REASON = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The collector's Prometheus metrics, rendered in the text exposition format.
 *
 * @example
 * const metrics: Metrics = createMetrics();
 * metrics.events('accepted', 9);
 * metrics.render(); // '# HELP pulse_events_accepted_total …'
 */
export interface Metrics {
  events(kind: 'accepted' | 'rejected' | 'duplicate', n: number): void;
  clientDropped(reason: string, n: number): void;
  /** An ingest request a client marked as a retry (`client` is a fixed label, never taken from the wire). */
  retry(client: RetryingClient): void;
  request(method: string, route: string, status: number, seconds: number): void;
  render(): string;
}

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function renderEvents(events: Record<string, number>): string[] {
  const lines: string[] = [];
  const help = { accepted: 'stored', rejected: 'refused as invalid', duplicate: 'acknowledged as already stored' };
  for (const kind of ['accepted', 'rejected', 'duplicate'] as const) {
    const name = `pulse_events_${kind}_total`;
    lines.push(`# HELP ${name} Events ${help[kind]}.`, `# TYPE ${name} counter`, `${name} ${events[kind] ?? 0}`);
  }
  return lines;
}

function renderDropped(dropped: Map<string, number>): string[] {
  const name = 'pulse_client_dropped_events_total';
  const lines = [`# HELP ${name} Events clients report having dropped, by reason.`, `# TYPE ${name} counter`];
  for (const [reason, n] of dropped) lines.push(`${name}{reason="${escapeLabel(reason)}"} ${n}`);
  return lines;
}

function renderRetries(retries: Record<string, number>): string[] {
  const name = 'pulse_ingest_retries_total';
  const lines = [`# HELP ${name} Ingest requests a client marked as a retry of an earlier attempt, by client.`];
  lines.push(`# TYPE ${name} counter`);
  for (const client of RETRYING_CLIENTS) lines.push(`${name}{client="${client}"} ${retries[client] ?? 0}`);
  return lines;
}

function renderRequests(requests: Map<string, Histogram>): string[] {
  const name = 'pulse_http_request_duration_seconds';
  const lines = [`# HELP ${name} HTTP request latency by method, route and status.`, `# TYPE ${name} histogram`];
  for (const [labels, h] of requests) {
    LATENCY_BUCKETS.forEach((le, i) => lines.push(`${name}_bucket{${labels},le="${le}"} ${h.buckets[i]}`));
    lines.push(
      `${name}_bucket{${labels},le="+Inf"} ${h.count}`,
      `${name}_sum{${labels}} ${h.sum}`,
      `${name}_count{${labels}} ${h.count}`,
    );
  }
  return lines;
}

/**
 * Counters for ingested events (accepted, rejected, duplicate), client-reported
 * drops by reason, retries the peers' SDKs mark, and a request-latency
 * histogram, exposed at `/metrics`.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.request('POST', '/v1/batch', 200, 0.004);
 */
export function createMetrics(): Metrics {
  const events: Record<string, number> = { accepted: 0, rejected: 0, duplicate: 0 };
  const dropped = new Map<string, number>();
  const retries: Record<string, number> = {};
  const requests = new Map<string, Histogram>();
  return {
    events(kind, n) {
      events[kind] = (events[kind] ?? 0) + n;
    },
    clientDropped(reason, n) {
      let label = REASON.test(reason) ? reason : 'other';
      if (!dropped.has(label) && dropped.size >= MAX_REASONS) label = 'other';
      dropped.set(label, (dropped.get(label) ?? 0) + n);
    },
    retry(client) {
      retries[client] = (retries[client] ?? 0) + 1;
    },
    request(method, route, status, seconds) {
      const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
      const h = requests.get(labels) ?? { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      LATENCY_BUCKETS.forEach((le, i) => {
        if (seconds <= le) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
      });
      h.sum += seconds;
      h.count += 1;
      requests.set(labels, h);
    },
    render() {
      return [
        ...renderEvents(events),
        ...renderDropped(dropped),
        ...renderRetries(retries),
        ...renderRequests(requests),
        '',
      ].join('\n');
    },
  };
}
