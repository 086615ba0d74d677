import { describe, expect, it } from 'vitest';
import { DESIGN_MODEL } from '../test/saas-config.js';
import { assertModel, ModelValidationError, validateModel, type ValidationIssue } from './validate-model.js';

type Json = Record<string, unknown>;

/** The DESIGN.md model: valid as it stands (a fresh copy each call). */
function designModel(): Json {
  return { ...structuredClone(DESIGN_MODEL) };
}

/** The issues of the DESIGN model after `change` edits a fresh copy. */
type Editable = Json & { signals: unknown[]; inactivity: unknown[]; bands: unknown[] };

function issuesAfter(change: (m: Editable) => void) {
  const m = designModel() as Editable;
  change(m);
  return validateModel(m);
}

const issue = (path: string, message: string): ValidationIssue => ({ path, message });

describe('validateModel: the model', () => {
  it('accepts the DESIGN model', () => {
    expect(validateModel(designModel())).toEqual([]);
  });

  it('accepts a minimal model', () => {
    const minimal = { id: 'm', windowDays: 1, signals: [], scale: { maxPoints: 1 }, bands: [{ id: 'all', min: 0 }] };
    expect(validateModel(minimal)).toEqual([]);
  });

  it.each([null, 42, 'model', [], true])('rejects a non-object model (%j)', (value) => {
    expect(validateModel(value)).toEqual([issue('(model)', 'must be an object')]);
  });

  it('names unknown fields', () => {
    expect(issuesAfter((m) => (m.windowdays = 30))).toEqual([issue('windowdays', 'is not a known field')]);
  });

  it('accepts a description', () => {
    expect(issuesAfter((m) => (m.description = 'Trial users'))).toEqual([]);
  });

  it('wants the description a string', () => {
    expect(issuesAfter((m) => (m.description = 42))).toEqual([issue('description', 'must be a string')]);
  });

  it('requires an id', () => {
    expect(issuesAfter((m) => delete m.id)).toEqual([issue('id', 'is required')]);
  });

  it('rejects an empty id', () => {
    expect(issuesAfter((m) => (m.id = ''))).toEqual([issue('id', 'must be a non-empty string')]);
  });

  it('requires windowDays', () => {
    expect(issuesAfter((m) => delete m.windowDays)).toEqual([issue('windowDays', 'is required')]);
  });

  it('wants windowDays a whole number ≥ 1', () => {
    expect(issuesAfter((m) => (m.windowDays = 0))).toEqual([issue('windowDays', 'must be ≥ 1')]);
    expect(issuesAfter((m) => (m.windowDays = 7.5))).toEqual([issue('windowDays', 'must be a whole number')]);
  });

  it('wants windowDays a finite number', () => {
    expect(issuesAfter((m) => (m.windowDays = '30'))).toEqual([issue('windowDays', 'must be a finite number')]);
    expect(issuesAfter((m) => (m.windowDays = Infinity))).toEqual([issue('windowDays', 'must be a finite number')]);
  });

  it('accepts halfLifeDays null, absent or positive', () => {
    expect(issuesAfter((m) => (m.halfLifeDays = 14))).toEqual([]);
    expect(issuesAfter((m) => (m.halfLifeDays = 0.5))).toEqual([]);
    expect(issuesAfter((m) => delete m.halfLifeDays)).toEqual([]);
  });

  it('rejects halfLifeDays 0 or a string', () => {
    expect(issuesAfter((m) => (m.halfLifeDays = 0))).toEqual([issue('halfLifeDays', 'must be > 0')]);
    expect(issuesAfter((m) => (m.halfLifeDays = '7'))).toEqual([issue('halfLifeDays', 'must be a finite number')]);
  });

  it('requires signals to be an array', () => {
    expect(issuesAfter((m) => delete (m as Json).signals)).toEqual([issue('signals', 'must be an array')]);
  });

  it('requires scale.maxPoints > 0', () => {
    expect(issuesAfter((m) => (m.scale = {}))).toEqual([issue('scale.maxPoints', 'is required')]);
    expect(issuesAfter((m) => (m.scale = { maxPoints: 0 }))).toEqual([issue('scale.maxPoints', 'must be > 0')]);
    expect(issuesAfter((m) => delete m.scale)).toEqual([issue('scale', 'must be an object with maxPoints')]);
  });

  it('names unknown fields in scale', () => {
    expect(issuesAfter((m) => (m.scale = { maxPoints: 10, min: 0 }))).toEqual([
      issue('scale.min', 'is not a known field'),
    ]);
  });
});

describe('validateModel: signals', () => {
  it('finds a non-numeric weight by path', () => {
    expect(issuesAfter((m) => ((m.signals[2] as Json).weight = 'five'))).toEqual([
      issue('signals[2].weight', 'must be a finite number'),
    ]);
  });

  it('requires a weight', () => {
    expect(issuesAfter((m) => delete (m.signals[0] as Json).weight)).toEqual([
      issue('signals[0].weight', 'is required'),
    ]);
  });

  it('requires id and event', () => {
    expect(issuesAfter((m) => (m.signals[0] = { weight: 1 }))).toEqual([
      issue('signals[0].id', 'is required'),
      issue('signals[0].event', 'is required'),
    ]);
  });

  it('rejects a non-object signal', () => {
    expect(issuesAfter((m) => (m.signals[1] = 'invites'))).toEqual([issue('signals[1]', 'must be an object')]);
  });

  it('names unknown signal fields', () => {
    expect(issuesAfter((m) => ((m.signals[0] as Json).points = 4))).toEqual([
      issue('signals[0].points', 'is not a known field'),
    ]);
  });

  it('rejects an unknown count', () => {
    expect(issuesAfter((m) => ((m.signals[0] as Json).count = 'weeks'))).toEqual([
      issue('signals[0].count', 'must be one of occurrences, activeDays, activeWeeks'),
    ]);
  });

  it('allows minPerPeriod only with activeDays or activeWeeks', () => {
    expect(issuesAfter((m) => ((m.signals[2] as Json).minPerPeriod = 3))).toEqual([]);
    expect(issuesAfter((m) => ((m.signals[0] as Json).minPerPeriod = 3))).toEqual([
      issue('signals[0].minPerPeriod', 'only applies with count "activeDays" or "activeWeeks"'),
    ]);
  });

  it('wants minPerPeriod a whole number ≥ 1', () => {
    expect(issuesAfter((m) => ((m.signals[2] as Json).minPerPeriod = 0))).toEqual([
      issue('signals[2].minPerPeriod', 'must be ≥ 1'),
    ]);
    expect(issuesAfter((m) => ((m.signals[2] as Json).minPerPeriod = 2.5))).toEqual([
      issue('signals[2].minPerPeriod', 'must be a whole number'),
    ]);
  });

  it('allows value only with occurrences', () => {
    expect(issuesAfter((m) => ((m.signals[2] as Json).value = 'minutes'))).toEqual([
      issue('signals[2].value', 'only applies with count "occurrences"'),
    ]);
  });

  it('rejects an empty value property name', () => {
    expect(issuesAfter((m) => ((m.signals[3] as Json).value = ''))).toEqual([
      issue('signals[3].value', 'must be a non-empty string'),
    ]);
  });

  it('rejects a cap of 0', () => {
    expect(issuesAfter((m) => ((m.signals[0] as Json).cap = 0))).toEqual([issue('signals[0].cap', 'must not be 0')]);
  });

  it('wants the cap in the sign of the weight', () => {
    expect(issuesAfter((m) => ((m.signals[4] as Json).cap = 20))).toEqual([
      issue('signals[4].cap', 'must have the sign of weight (-10)'),
    ]);
    expect(issuesAfter((m) => ((m.signals[4] as Json).cap = -20))).toEqual([]);
  });

  it('wants a numeric cap', () => {
    expect(issuesAfter((m) => ((m.signals[1] as Json).cap = '25'))).toEqual([
      issue('signals[1].cap', 'must be a finite number'),
    ]);
  });

  it('bounds weights and caps to ±1,000,000 so sums stay finite', () => {
    expect(issuesAfter((m) => ((m.signals[0] as Json).weight = 1e308))).toEqual([
      issue('signals[0].weight', 'must be between -1000000 and 1000000'),
    ]);
    expect(issuesAfter((m) => ((m.signals[4] as Json).cap = -2e6))).toEqual([
      issue('signals[4].cap', 'must be between -1000000 and 1000000'),
    ]);
    expect(issuesAfter((m) => ((m.signals[0] as Json).weight = -1e6))).toEqual([]);
  });

  it('rejects duplicate signal ids', () => {
    expect(issuesAfter((m) => ((m.signals[3] as Json).id = 'projects'))).toEqual([
      issue('signals[3].id', 'duplicates "projects"'),
    ]);
  });
});

describe('validateModel: where filters', () => {
  const withWhere = (where: unknown) => issuesAfter((m) => ((m.signals[0] as Json).where = where));

  it('accepts equals, in, gte and lte', () => {
    expect(
      withWhere([
        { property: 'plan', equals: 'pro' },
        { property: 'seats', in: [1, 2, 'many', true] },
        { property: 'total', gte: 10, lte: 100 },
      ]),
    ).toEqual([]);
  });

  it('wants an array', () => {
    expect(withWhere({ property: 'plan', equals: 'pro' })).toEqual([
      issue('signals[0].where', 'must be an array of filters'),
    ]);
  });

  it('wants each filter an object with a property', () => {
    expect(withWhere(['plan', { equals: 'pro' }])).toEqual([
      issue('signals[0].where[0]', 'must be an object'),
      issue('signals[0].where[1].property', 'is required'),
    ]);
  });

  it('wants at least one condition', () => {
    expect(withWhere([{ property: 'plan' }])).toEqual([
      issue('signals[0].where[0]', 'needs at least one of equals, in, gte, lte'),
    ]);
  });

  it('wants scalar equals and in', () => {
    expect(withWhere([{ property: 'plan', equals: { a: 1 }, in: 'pro' }])).toEqual([
      issue('signals[0].where[0].equals', 'must be a string, number or boolean'),
      issue('signals[0].where[0].in', 'must be an array of strings, numbers or booleans'),
    ]);
    expect(withWhere([{ property: 'plan', in: ['pro', null] }])).toEqual([
      issue('signals[0].where[0].in', 'must be an array of strings, numbers or booleans'),
    ]);
  });

  it('wants numeric gte and lte', () => {
    expect(withWhere([{ property: 'total', gte: '10', lte: null }])).toEqual([
      issue('signals[0].where[0].gte', 'must be a finite number'),
      issue('signals[0].where[0].lte', 'must be a finite number'),
    ]);
  });

  it('names unknown filter fields', () => {
    expect(withWhere([{ property: 'plan', equals: 'pro', not: 'free' }])).toEqual([
      issue('signals[0].where[0].not', 'is not a known field'),
    ]);
  });
});

describe('validateModel: inactivity', () => {
  it('wants an array', () => {
    expect(issuesAfter((m) => ((m as Json).inactivity = { afterDays: 7, points: -5 }))).toEqual([
      issue('inactivity', 'must be an array'),
    ]);
  });

  it('wants each rule an object', () => {
    expect(issuesAfter((m) => (m.inactivity[0] = -10))).toEqual([issue('inactivity[0]', 'must be an object')]);
  });

  it('requires afterDays ≥ 0', () => {
    expect(issuesAfter((m) => delete (m.inactivity[0] as Json).afterDays)).toEqual([
      issue('inactivity[0].afterDays', 'is required'),
    ]);
    expect(issuesAfter((m) => ((m.inactivity[0] as Json).afterDays = -1))).toEqual([
      issue('inactivity[0].afterDays', 'must be ≥ 0'),
    ]);
  });

  it('needs exactly one of points and perDay', () => {
    expect(issuesAfter((m) => (m.inactivity[0] = { afterDays: 3 }))).toEqual([
      issue('inactivity[0]', 'needs exactly one of points, perDay'),
    ]);
    expect(issuesAfter((m) => (m.inactivity[0] = { afterDays: 3, points: -1, perDay: -1 }))).toEqual([
      issue('inactivity[0]', 'needs exactly one of points, perDay'),
    ]);
  });

  it('allows cap only with perDay', () => {
    expect(issuesAfter((m) => (m.inactivity[0] = { afterDays: 3, points: -5, cap: -5 }))).toEqual([
      issue('inactivity[0].cap', 'only applies with perDay'),
    ]);
  });

  it('wants the cap in the sign of perDay', () => {
    expect(issuesAfter((m) => ((m.inactivity[1] as Json).cap = 30))).toEqual([
      issue('inactivity[1].cap', 'must have the sign of perDay (-3)'),
    ]);
  });

  it('bounds points and perDay to ±1,000,000', () => {
    expect(issuesAfter((m) => ((m.inactivity[0] as Json).points = -1e7))).toEqual([
      issue('inactivity[0].points', 'must be between -1000000 and 1000000'),
    ]);
    expect(issuesAfter((m) => (m.inactivity[1] = { afterDays: 1, perDay: 1e300 }))).toEqual([
      issue('inactivity[1].perDay', 'must be between -1000000 and 1000000'),
    ]);
  });

  it('names unknown rule fields', () => {
    expect(issuesAfter((m) => ((m.inactivity[0] as Json).days = 3))).toEqual([
      issue('inactivity[0].days', 'is not a known field'),
    ]);
  });
});

describe('validateModel: bands', () => {
  it('wants a non-empty array', () => {
    expect(issuesAfter((m) => (m.bands = []))).toEqual([issue('bands', 'must be a non-empty array')]);
  });

  it('wants the first band to start at 0', () => {
    expect(issuesAfter((m) => ((m.bands[0] as Json).min = 10))).toEqual([
      issue('bands[0].min', 'must be 0 for the first band, so every score has a band'),
    ]);
  });

  it('wants mins ascending', () => {
    expect(issuesAfter((m) => ((m.bands[2] as Json).min = 40))).toEqual([
      issue('bands[2].min', "must be greater than the previous band's min (40)"),
    ]);
  });

  it('wants mins at most 100', () => {
    expect(issuesAfter((m) => ((m.bands[2] as Json).min = 101))).toEqual([issue('bands[2].min', 'must be ≤ 100')]);
  });

  it('requires band ids and mins', () => {
    expect(issuesAfter((m) => (m.bands[1] = { label: 'Medium' }))).toEqual([
      issue('bands[1].id', 'is required'),
      issue('bands[1].min', 'is required'),
    ]);
  });

  it('accepts a label', () => {
    expect(issuesAfter((m) => ((m.bands[1] as Json).label = 'Getting there'))).toEqual([]);
  });

  it('rejects duplicate band ids', () => {
    expect(issuesAfter((m) => ((m.bands[2] as Json).id = 'low'))).toEqual([issue('bands[2].id', 'duplicates "low"')]);
  });
});

describe('validateModel: milestones and appliesTo', () => {
  it('requires a milestone title', () => {
    expect(issuesAfter((m) => (m.milestones = [{ id: 'a', event: 'A' }]))).toEqual([
      issue('milestones[0].title', 'is required'),
    ]);
  });

  it('checks milestone where filters and hrefs', () => {
    expect(
      issuesAfter((m) => (m.milestones = [{ id: 'a', event: 'A', title: 'A', href: '', where: [{ property: 'x' }] }])),
    ).toEqual([
      issue('milestones[0].href', 'must be a non-empty string'),
      issue('milestones[0].where[0]', 'needs at least one of equals, in, gte, lte'),
    ]);
  });

  it('refuses a milestone href that is not http(s) or relative', () => {
    expect(
      issuesAfter((m) => (m.milestones = [{ id: 'a', event: 'A', title: 'A', href: 'JavaScript:alert(1)' }])),
    ).toEqual([issue('milestones[0].href', 'must be an http(s) or relative URL')]);
    expect(issuesAfter((m) => (m.milestones = [{ id: 'a', event: 'A', title: 'A', href: '/projects/new' }]))).toEqual(
      [],
    );
  });

  it('rejects duplicate milestone ids and a non-array', () => {
    expect(
      issuesAfter(
        (m) =>
          (m.milestones = [
            { id: 'a', event: 'A', title: 'A' },
            { id: 'a', event: 'B', title: 'B' },
          ]),
      ),
    ).toEqual([issue('milestones[1].id', 'duplicates "a"')]);
    expect(issuesAfter((m) => (m.milestones = {}))).toEqual([issue('milestones', 'must be an array')]);
  });

  it('wants appliesTo with a trait and equals or in', () => {
    expect(issuesAfter((m) => (m.appliesTo = { trait: 'plan' }))).toEqual([issue('appliesTo', 'needs equals or in')]);
    expect(issuesAfter((m) => (m.appliesTo = { equals: 'trial' }))).toEqual([issue('appliesTo.trait', 'is required')]);
    expect(issuesAfter((m) => (m.appliesTo = 'trial'))).toEqual([issue('appliesTo', 'must be an object')]);
  });

  it('wants scalar appliesTo values', () => {
    expect(issuesAfter((m) => (m.appliesTo = { trait: 'plan', equals: ['trial'], in: [{}] }))).toEqual([
      issue('appliesTo.equals', 'must be a string, number or boolean'),
      issue('appliesTo.in', 'must be an array of strings, numbers or booleans'),
    ]);
  });
});

describe('validateModel: reporting', () => {
  it('reports every problem at once, in document order', () => {
    const issues = issuesAfter((m) => {
      m.windowDays = -3;
      (m.signals[2] as Json).weight = null;
      (m.signals[3] as Json).count = 'hours';
      m.scale = { maxPoints: -1 };
      (m.bands[1] as Json).min = 'forty';
    });
    expect(issues.map((i) => i.path)).toEqual([
      'windowDays',
      'signals[2].weight',
      'signals[3].count',
      'scale.maxPoints',
      'bands[1].min',
    ]);
  });

  it('prefixes paths when given a base path', () => {
    const m = designModel();
    (m.signals as Json[])[0] = { id: 'p', event: 'P', weight: 'x' };
    expect(validateModel(m, 'models[1]')).toEqual([issue('models[1].signals[0].weight', 'must be a finite number')]);
  });
});

describe('assertModel', () => {
  it('returns a valid model', () => {
    const m = designModel();
    expect(assertModel(m)).toBe(m);
  });

  it('throws a ModelValidationError listing every issue as path: message', () => {
    const m = designModel();
    m.windowDays = 0;
    m.scale = {};
    let caught: unknown;
    try {
      assertModel(m);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelValidationError);
    const error = caught as ModelValidationError;
    expect(error.name).toBe('ModelValidationError');
    expect(error.issues).toEqual([issue('windowDays', 'must be ≥ 1'), issue('scale.maxPoints', 'is required')]);
    expect(error.message).toContain('windowDays: must be ≥ 1');
    expect(error.message).toContain('scale.maxPoints: is required');
  });
});
