// Open-loop load at a steady rate: request i is due at start + i / rate, and its
// latency counts from that due time (so a stalled server is charged for the
// requests it delayed, not only for the ones it answered late).
//
// autocannon's `overallRate` / `connectionRate` refill a per-connection budget
// once a second and spend it at full speed, so a "half the peak" run is really
// bursts at the peak rate followed by idle time. This pacer sends at an even rate.
import { Agent, request } from 'node:http';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Sends `rate` requests per second for `duration` seconds over at most
 * `connections` keep-alive sockets and resolves to the latency percentiles (ms).
 *
 * @example
 * const r = await paced({ url: 'http://127.0.0.1:8080', rate: 400, duration: 8, next: () => ({ path: '/healthz' }) });
 * r.p99;
 */
export async function paced({ url, rate, duration, connections = 32, next }) {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.round(rate * duration);
  const latencies = [];
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  const start = performance.now() + 20;

  const send = (dueAt) =>
    new Promise((resolve) => {
      const { method = 'GET', path, headers = {}, body } = next();
      const req = request({ agent, hostname, port, method, path, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
          latencies.push(performance.now() - dueAt);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const inFlight = [];
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        inFlight.push(send(start + (sent * 1000) / rate));
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 20);
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const ms = (x) => Math.round(x * 10) / 10;
  return {
    rps: latencies.length / elapsed,
    non2xx,
    errors,
    p50: ms(percentile(latencies, 50)),
    p99: ms(percentile(latencies, 99)),
    max: ms(latencies[latencies.length - 1]),
  };
}
