let lastMs = -1;
let sequence = 0;
let pool = new Uint8Array(0);
let used = 0;

/** Random bytes from a pool refilled 1 KB at a time: one `getRandomValues` call costs microseconds, too much per event. */
function randomBytes(n: number): Uint8Array {
  if (used + n > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(1024));
    used = 0;
  }
  return pool.subarray(used, (used += n));
}

/**
 * A UUIDv7 (RFC 9562) for `time` (epoch ms): time-ordered, so the queue's key order
 * is the order events were tracked in. Within one millisecond `rand_a` counts up
 * from a random start, keeping ids from one page strictly increasing.
 *
 * @example
 * uuidv7(Date.now()); // → '0190f6c1-5b2a-7c3d-9e4f-0a1b2c3d4e5f'
 */
export function uuidv7(time: number): string {
  const random = randomBytes(9);
  const ms = Math.floor(time);
  if (ms > lastMs) {
    lastMs = ms;
    sequence = ((random[0] as number) & 7) << 8; // start in the lower half so the counter has room
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  random[1] = 0x80 | ((random[1] as number) & 0x3f); // the variant bits
  let hex = lastMs.toString(16).padStart(12, '0') + (0x7000 | sequence).toString(16);
  for (let i = 1; i < 9; i++) hex += ((random[i] as number) + 256).toString(16).slice(1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
