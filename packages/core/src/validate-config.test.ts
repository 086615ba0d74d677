import { describe, expect, it } from 'vitest';
import { DESIGN_NUDGE, inviteModel } from '../test/saas-config.js';
import { assertConfig, validateConfig } from './validate-config.js';
import { ModelValidationError, type ValidationIssue } from './validate-model.js';

type Json = Record<string, unknown>;

function model(): Json {
  return { ...inviteModel() };
}

/** The DESIGN.md nudge. */
function nudge(): Json {
  return { ...structuredClone(DESIGN_NUDGE) };
}

interface Config extends Json {
  models: Json[];
  nudges: (Json & { variants: Json[]; trigger: Json })[];
}

function config(): Config {
  return {
    models: [model()],
    nudges: [nudge() as Config['nudges'][number]],
    allowedOrigins: ['https://app.example.com'],
  };
}

function issuesAfter(change: (c: Config, n: Config['nudges'][number]) => void): ValidationIssue[] {
  const c = config();
  change(c, c.nudges[0] as Config['nudges'][number]);
  return validateConfig(c);
}

const issue = (path: string, message: string): ValidationIssue => ({ path, message });

describe('validateConfig: top level', () => {
  it('accepts the DESIGN model and nudge', () => {
    expect(validateConfig(config())).toEqual([]);
  });

  it('accepts a config without nudges or origins, and a $schema', () => {
    expect(validateConfig({ models: [model()], $schema: './pulse.schema.json' })).toEqual([]);
  });

  it.each([null, [], 'config', 3])('rejects a non-object config (%j)', (value) => {
    expect(validateConfig(value)).toEqual([issue('(config)', 'must be an object')]);
  });

  it('names unknown fields', () => {
    expect(issuesAfter((c) => (c.model = {}))).toEqual([issue('model', 'is not a known field')]);
  });

  it('wants a non-empty models array', () => {
    expect(issuesAfter((c) => (c.models = []))).toEqual([
      issue('models', 'must be a non-empty array of models'),
      // The nudge's trigger now names a band and milestone of no model.
      issue('nudges[0].trigger.bands[0]', 'is not a band of any model ("low")'),
      issue('nudges[0].trigger.bands[1]', 'is not a band of any model ("medium")'),
      issue('nudges[0].trigger.milestoneIncomplete', 'is not a milestone of any model ("invite")'),
    ]);
  });

  it('prefixes model issues with their index', () => {
    expect(issuesAfter((c) => c.models.push({ ...model(), id: 'trial', windowDays: 0 }))).toEqual([
      issue('models[1].windowDays', 'must be ≥ 1'),
    ]);
  });

  it('rejects a non-object model by its index', () => {
    expect(issuesAfter((c) => c.models.push('trial' as unknown as Json))).toEqual([
      issue('models[1]', 'must be an object'),
    ]);
  });

  it('rejects duplicate model ids', () => {
    expect(issuesAfter((c) => c.models.push(model()))).toEqual([
      issue('models[1].id', 'duplicates "saas" (models[0].id)'),
    ]);
  });

  it('wants allowedOrigins an array of strings', () => {
    expect(issuesAfter((c) => (c.allowedOrigins = 'https://app.example.com'))).toEqual([
      issue('allowedOrigins', 'must be an array of origins like "https://app.example.com"'),
    ]);
  });

  it('wants nudges an array', () => {
    expect(issuesAfter((c) => ((c as Json).nudges = {}))).toEqual([issue('nudges', 'must be an array')]);
  });
});

describe('validateConfig: nudges', () => {
  it('rejects a non-object nudge', () => {
    expect(issuesAfter((c) => c.nudges.push(7 as unknown as Config['nudges'][number]))).toEqual([
      issue('nudges[1]', 'must be an object'),
    ]);
  });

  it('names unknown nudge fields and accepts a description', () => {
    expect(issuesAfter((_, n) => (n.title = 'x'))).toEqual([issue('nudges[0].title', 'is not a known field')]);
    expect(issuesAfter((_, n) => (n.description = 'Invite experiment, Q4'))).toEqual([]);
    expect(issuesAfter((_, n) => (n.description = ['x']))).toEqual([
      issue('nudges[0].description', 'must be a string'),
    ]);
  });

  it('accepts the draft and stopped statuses and an ISO restart time', () => {
    expect(issuesAfter((_, n) => (n.status = 'draft'))).toEqual([]);
    expect(issuesAfter((_, n) => (n.status = 'stopped'))).toEqual([]);
    expect(issuesAfter((_, n) => (n.restartedAt = '2026-12-01T10:00:00.000Z'))).toEqual([]);
    expect(issuesAfter((_, n) => (n.restartedAt = 'yesterday'))).toEqual([
      issue('nudges[0].restartedAt', 'must be an ISO time'),
    ]);
  });

  it('requires an id, and unique ones', () => {
    expect(issuesAfter((_, n) => delete n.id)).toEqual([issue('nudges[0].id', 'must be a non-empty string')]);
    expect(issuesAfter((c) => c.nudges.push(nudge() as Config['nudges'][number]))).toEqual([
      issue('nudges[1].id', 'duplicates "invite-nudge"'),
    ]);
  });

  it('wants a known placement', () => {
    expect(issuesAfter((_, n) => (n.placement = 'modal'))).toEqual([
      issue('nudges[0].placement', 'must be one of banner, toast, inline, tooltip'),
    ]);
  });

  it('requires an anchor for a tooltip', () => {
    expect(issuesAfter((_, n) => (n.placement = 'tooltip'))).toEqual([
      issue('nudges[0].anchor', 'is required for a tooltip (a CSS selector)'),
    ]);
    expect(issuesAfter((_, n) => Object.assign(n, { placement: 'tooltip', anchor: '#invite' }))).toEqual([]);
  });

  it('wants a trigger object with known fields', () => {
    expect(issuesAfter((_, n) => delete (n as Json).trigger)).toEqual([
      issue('nudges[0].trigger', 'must be an object'),
    ]);
    expect(issuesAfter((_, n) => (n.trigger.band = 'low'))).toEqual([
      issue('nudges[0].trigger.band', 'is not a known field'),
    ]);
  });

  it('wants trigger bands to exist in some model', () => {
    expect(issuesAfter((_, n) => (n.trigger.bands = ['low', 'hot']))).toEqual([
      issue('nudges[0].trigger.bands[1]', 'is not a band of any model ("hot")'),
    ]);
    expect(issuesAfter((_, n) => (n.trigger.bands = 'low'))).toEqual([
      issue('nudges[0].trigger.bands', 'must be an array of band ids'),
    ]);
  });

  it('wants milestoneIncomplete to name a milestone', () => {
    expect(issuesAfter((_, n) => (n.trigger.milestoneIncomplete = 'onboard'))).toEqual([
      issue('nudges[0].trigger.milestoneIncomplete', 'is not a milestone of any model ("onboard")'),
    ]);
    expect(issuesAfter((_, n) => (n.trigger.milestoneIncomplete = 3))).toEqual([
      issue('nudges[0].trigger.milestoneIncomplete', 'must be a milestone id'),
    ]);
  });

  it('wants minDaysSinceFirstSeen ≥ 0 and a non-empty event', () => {
    expect(issuesAfter((_, n) => Object.assign(n.trigger, { minDaysSinceFirstSeen: -1, event: '' }))).toEqual([
      issue('nudges[0].trigger.minDaysSinceFirstSeen', 'must be a number ≥ 0'),
      issue('nudges[0].trigger.event', 'must be a non-empty string'),
    ]);
  });

  it('wants a goal with an event and withinDays > 0', () => {
    expect(issuesAfter((_, n) => delete n.goal)).toEqual([
      issue('nudges[0].goal', 'must be an object with event and withinDays'),
    ]);
    expect(issuesAfter((_, n) => (n.goal = { event: '', withinDays: 0 }))).toEqual([
      issue('nudges[0].goal.event', 'must be a non-empty string'),
      issue('nudges[0].goal.withinDays', 'must be a number > 0'),
    ]);
  });

  it('wants a sane frequency cap', () => {
    expect(issuesAfter((_, n) => (n.frequency = { maxImpressions: 0, cooldownHours: -1 }))).toEqual([
      issue('nudges[0].frequency.maxImpressions', 'must be a whole number ≥ 1'),
      issue('nudges[0].frequency.cooldownHours', 'must be a number ≥ 0'),
    ]);
    expect(issuesAfter((_, n) => (n.frequency = { maxImpressions: 1.5 }))).toEqual([
      issue('nudges[0].frequency.maxImpressions', 'must be a whole number ≥ 1'),
    ]);
    expect(issuesAfter((_, n) => (n.frequency = 3))).toEqual([issue('nudges[0].frequency', 'must be an object')]);
  });

  it('wants a known status and, when concluded, a winner among the variants', () => {
    expect(issuesAfter((_, n) => (n.status = 'ended'))).toEqual([
      issue('nudges[0].status', 'must be one of draft, running, paused, concluded, stopped'),
    ]);
    expect(issuesAfter((_, n) => (n.status = 'concluded'))).toEqual([
      issue('nudges[0].winner', 'must name one of the variants when status is "concluded"'),
    ]);
    expect(issuesAfter((_, n) => Object.assign(n, { status: 'concluded', winner: 'viral' }))).toEqual([
      issue('nudges[0].winner', 'must name one of the variants when status is "concluded"'),
    ]);
    expect(issuesAfter((_, n) => Object.assign(n, { status: 'concluded', winner: 'social' }))).toEqual([]);
  });

  it('accepts analysis settings, and a nudge without them as before', () => {
    expect(issuesAfter((_, n) => delete n.analysis)).toEqual([]);
    expect(
      issuesAfter(
        (_, n) => (n.analysis = { guardrailEvents: ['Subscription Cancelled'], minDetectableEffect: 0.02, power: 0.9 }),
      ),
    ).toEqual([]);
    expect(issuesAfter((_, n) => (n.analysis = {}))).toEqual([]);
  });

  it('names each bad analysis setting', () => {
    expect(
      issuesAfter(
        (_, n) =>
          (n.analysis = { guardrailEvents: ['Churned', 'Churned'], minDetectableEffect: 2, power: 0.3, mde: 1 }),
      ),
    ).toEqual([
      issue('nudges[0].analysis.mde', 'is not a known field'),
      issue('nudges[0].analysis.guardrailEvents', 'must not repeat an event'),
      issue('nudges[0].analysis.minDetectableEffect', 'must be an absolute lift between 0 and 1 (0.02 = 2 points)'),
      issue('nudges[0].analysis.power', 'must be a number from 0.5 to below 1'),
    ]);
    expect(issuesAfter((_, n) => (n.analysis = { guardrailEvents: 'Churned' }))).toEqual([
      issue('nudges[0].analysis.guardrailEvents', 'must be an array of event names'),
    ]);
    expect(issuesAfter((_, n) => (n.analysis = []))).toEqual([issue('nudges[0].analysis', 'must be an object')]);
  });
});

describe('validateConfig: variants', () => {
  it('wants a non-empty array', () => {
    expect(issuesAfter((_, n) => (n.variants = []))).toEqual([
      issue('nudges[0].variants', 'must be a non-empty array'),
    ]);
  });

  it('wants each variant an object with a unique id', () => {
    expect(issuesAfter((_, n) => n.variants.push('x' as unknown as Json))).toEqual([
      issue('nudges[0].variants[2]', 'must be an object'),
    ]);
    expect(issuesAfter((_, n) => n.variants.push({ id: 'control', weight: 0, content: null }))).toEqual([
      issue('nudges[0].variants[2].id', 'duplicates "control"'),
    ]);
  });

  it('wants weights ≥ 0 that add up to more than 0', () => {
    expect(issuesAfter((_, n) => ((n.variants[0] as Json).weight = -0.5))).toEqual([
      issue('nudges[0].variants[0].weight', 'must be a number ≥ 0'),
    ]);
    expect(
      issuesAfter((_, n) => {
        (n.variants[0] as Json).weight = 0;
        (n.variants[1] as Json).weight = 0;
      }),
    ).toEqual([issue('nudges[0].variants', 'weights must add up to more than 0')]);
  });

  it('requires content, null for a control', () => {
    expect(issuesAfter((_, n) => delete (n.variants[0] as Json).content)).toEqual([
      issue('nudges[0].variants[0].content', 'is required (null for a control)'),
    ]);
    expect(issuesAfter((_, n) => ((n.variants[0] as Json).content = 'Invite!'))).toEqual([
      issue('nudges[0].variants[0].content', 'must be null (control) or an object with a title'),
    ]);
  });

  it('wants a content title, a string body and known fields', () => {
    expect(issuesAfter((_, n) => ((n.variants[1] as Json).content = { body: 3, html: '<b>' }))).toEqual([
      issue('nudges[0].variants[1].content.html', 'is not a known field'),
      issue('nudges[0].variants[1].content.title', 'must be a non-empty string'),
      issue('nudges[0].variants[1].content.body', 'must be a string'),
    ]);
  });

  it('wants a cta with a label and an href or event', () => {
    const withCta = (cta: unknown) => issuesAfter((_, n) => ((n.variants[1] as Json).content = { title: 'T', cta }));
    expect(withCta({ label: 'Go' })).toEqual([issue('nudges[0].variants[1].content.cta', 'needs href or event')]);
    expect(withCta({ href: '/go' })).toEqual([
      issue('nudges[0].variants[1].content.cta.label', 'must be a non-empty string'),
    ]);
    expect(withCta({ label: 'Go', event: '' })).toEqual([
      issue('nudges[0].variants[1].content.cta.event', 'must be a non-empty string'),
    ]);
    expect(withCta('Go')).toEqual([issue('nudges[0].variants[1].content.cta', 'must be an object')]);
    expect(withCta({ label: 'Go', event: 'Invite Opened' })).toEqual([]);
  });

  it.each(['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>'])(
    'refuses an unsafe cta href (%s)',
    (href) => {
      expect(
        issuesAfter((_, n) => ((n.variants[1] as Json).content = { title: 'T', cta: { label: 'Go', href } })),
      ).toEqual([issue('nudges[0].variants[1].content.cta.href', 'must be an http(s) or relative URL')]);
    },
  );
});

describe('validateConfig: reporting', () => {
  it('reports model and nudge problems together', () => {
    const issues = issuesAfter((c, n) => {
      (c.models[0] as Json).scale = { maxPoints: 0 };
      n.placement = 'popup';
      (n.variants[0] as Json).weight = 'half';
      c.allowedOrigins = [''];
    });
    expect(issues.map((i) => i.path)).toEqual([
      'models[0].scale.maxPoints',
      'nudges[0].placement',
      'nudges[0].variants[0].weight',
      'allowedOrigins',
    ]);
  });
});

describe('assertConfig', () => {
  it('returns a valid config', () => {
    const c = config();
    expect(assertConfig(c)).toBe(c);
  });

  it('throws a ModelValidationError with every issue', () => {
    const c = config();
    c.models = [];
    expect(() => assertConfig(c)).toThrow(ModelValidationError);
    expect(() => assertConfig(c)).toThrow(/models: must be a non-empty array of models/);
  });
});
