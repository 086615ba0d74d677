import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { daysQuery } from '../contract/admin.js';
import { PlanningQuery } from '../contract/experiments.js';
import { ModelHealthQuery } from '../contract/model-health.js';
import { installErrorHandler } from './error-handler.js';

// Through Fastify's own Ajv and the one error handler, as the routes see it.
async function refusal(querystring: unknown, url: string, body?: unknown) {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  const schema = body === undefined ? { querystring } : { body: querystring };
  app.route({ method: body === undefined ? 'GET' : 'POST', url: '/x', schema, handler: async () => ({ ok: true }) });
  const res = await app.inject({ method: body === undefined ? 'GET' : 'POST', url, payload: body as object });
  await app.close();
  return { status: res.statusCode, body: res.json<{ error?: string }>() };
}

describe('validationMessage', () => {
  it('states the whole range of a whole-number parameter, whatever bound failed', async () => {
    for (const value of ['0', '366', 'abc', '1.5']) {
      expect(await refusal(daysQuery(30), `/x?days=${value}`)).toEqual({
        status: 400,
        body: { error: 'days: must be a whole number from 1 to 365' },
      });
    }
    expect(await refusal(daysQuery(30), '/x?days=365')).toEqual({ status: 200, body: { ok: true } });
  });

  it('says "above" for an exclusive bound and "from" for an inclusive one', async () => {
    expect((await refusal(PlanningQuery, '/x?mde=0')).body.error).toBe('mde: must be a number above 0 and below 1');
    expect((await refusal(PlanningQuery, '/x?mde=')).body.error).toBe('mde: must be a number above 0 and below 1');
    expect((await refusal(PlanningQuery, '/x?power=1')).body.error).toBe('power: must be a number from 0.5 to below 1');
    expect((await refusal(PlanningQuery, '/x?power=high')).body.error).toBe(
      'power: must be a number from 0.5 to below 1',
    );
  });

  it('names a missing parameter with the examples the schema gives, and lists allowed values', async () => {
    expect((await refusal(ModelHealthQuery, '/x')).body.error).toBe(
      'outcome: required, e.g. retention:60-90 or event:Subscription Renewed',
    );
    expect((await refusal(ModelHealthQuery, '/x?outcome=')).body.error).toBe('outcome: must not be empty');
    expect((await refusal(ModelHealthQuery, '/x?outcome=a&penalty=l3')).body.error).toBe('penalty: must be l2 or l1');
    expect((await refusal(ModelHealthQuery, '/x?outcome=a&strength=-1')).body.error).toBe(
      'strength: must be a number ≥ 0',
    );
  });

  it('names a body field by its path, through maps', async () => {
    const body = Type.Object({ dropped: Type.Record(Type.String(), Type.Integer({ minimum: 0 })) });
    const res = await refusal(body, '/x', { dropped: { 'queue/full': -1 } });
    expect(res).toEqual({ status: 400, body: { error: 'body.dropped.queue/full: must be a whole number ≥ 0' } });
  });
});
