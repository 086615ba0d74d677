import { fnv1a32 } from '@pulse/core';

/**
 * The partition of an event: FNV-1a 32-bit of `project + '\n' + key` modulo
 * the partition count, where `key` is the raw identity key the event carries
 * (`u:<userId>` when it has one, else `a:<anonymousId>`). One user's events
 * therefore stay in order within one partition.
 *
 * @example
 * partitionOf('default', 'u:42', 16); // → a number in 0..15, always the same
 */
export function partitionOf(project: string, key: string, partitions: number): number {
  return fnv1a32(`${project}\n${key}`) % partitions;
}
