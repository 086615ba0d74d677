import { addEvent, createRollup, normalizeConfig, userState } from '@pulse/core';
import { person } from './people.mjs';

const DAY = 86_400_000;
const MINUTE = 60_000;
const CONTEXT = { library: { name: 'pulse-seed', version: '0.1.0' } };

/**
 * How three kinds of trial users behave. The shares and rates are invented but
 * shaped like real SaaS cohorts: a third never gets going, most use the product
 * now and then, a quarter adopt it and bring their team. `tickets` and
 * `billing` are the chances per session of a support ticket and of a look at
 * the billing page: the warning signs the churn-risk score reads.
 */
export const ARCHETYPES = {
  churner: {
    share: 0.35,
    lifetime: [1, 8],
    active: 0.45,
    project: 0.45,
    cards: 1.2,
    moves: 0.5,
    invite: 0.01,
    minutes: 4,
    tickets: 0.12,
    billing: 0.15,
    convert: 0,
  },
  casual: {
    share: 0.4,
    lifetime: [10, 70],
    active: 0.32,
    project: 0.8,
    cards: 1.6,
    moves: 1.2,
    invite: 0.03,
    minutes: 8,
    tickets: 0.05,
    billing: 0.05,
    convert: 0.3,
  },
  power: {
    share: 0.25,
    lifetime: [45, 120],
    active: 0.75,
    project: 0.97,
    cards: 3,
    moves: 2.5,
    invite: 0.08,
    minutes: 18,
    tickets: 0.02,
    billing: 0.01,
    convert: 0.75,
  },
};

/**
 * The true effect of the `social` banner the seed bakes in, so the experiment
 * results have a real lift to find: exposed users invite 1.3× as often for a week,
 * and a click on the banner leads to an invite 30% of the time.
 */
export const TRUE_EFFECT = { exposedMultiplier: 1.3, inviteAfterClick: 0.3, clickRate: 0.12, dismissRate: 0.1 };

/**
 * Nudges the team launched recently, in days before the simulation's `now`: until then
 * nobody is exposed to them, so the demo has one experiment still gathering data next to
 * invite-nudge's settled one.
 */
export const LAUNCHED_DAYS_AGO = { 'board-tip': 5 };

/** A project is deleted in this share of sessions (the invite-nudge guardrail; the banner does not change it). */
const DELETE_PROJECT = 0.01;

const COLUMNS = ['todo', 'doing', 'done'];

function createUser(rng, index, given, signupAt, now) {
  const config = normalizeConfig(given);
  const who = person(rng, index);
  const archetype = rng.weighted(Object.fromEntries(Object.entries(ARCHETYPES).map(([k, a]) => [k, a.share])));
  const userId = `usr_seed_${index.toString().padStart(5, '0')}`;
  return {
    rng,
    config,
    userId,
    who,
    archetype,
    profile: ARCHETYPES[archetype],
    lifetime: rng.int(...ARCHETYPES[archetype].lifetime),
    traits: { name: who.name, email: who.email, plan: 'trial', createdAt: new Date(signupAt).toISOString() },
    rollups: Object.fromEntries(config.models.map((m) => [m.id, createRollup(m.id)])),
    projects: [],
    cards: [],
    invitedAt: null,
    exposures: {},
    events: [],
    lastAt: signupAt,
    now,
  };
}

function emit(u, at, fields) {
  const event = {
    messageId: u.rng.uuid(),
    userId: u.userId,
    timestamp: new Date(at).toISOString(),
    context: CONTEXT,
    ...fields,
  };
  u.events.push(event);
  u.lastAt = Math.max(u.lastAt, at);
  for (const model of u.config.models) addEvent(u.rollups[model.id], { ...event, timestamp: at }, model);
}

const track = (u, at, event, properties = {}) => emit(u, at, { type: 'track', event, properties });

function createProject(u, at) {
  const projectId = `prj_${u.rng.uuid().slice(0, 8)}`;
  u.projects.push(projectId);
  track(u, at, 'Project Created', {
    projectId,
    color: u.rng.pick(['indigo', 'teal', 'amber', 'rose', 'sky']),
    projectCount: u.projects.length,
  });
}

function createCard(u, at) {
  const card = { id: `card_${u.rng.uuid().slice(0, 8)}`, projectId: u.rng.pick(u.projects), column: 'todo' };
  u.cards.push(card);
  track(u, at, 'Card Created', {
    projectId: card.projectId,
    cardId: card.id,
    column: 'todo',
    totalCards: u.cards.length,
  });
}

function moveCard(u, at) {
  const open = u.cards.filter((c) => c.column !== 'done');
  if (open.length === 0) return;
  const card = u.rng.pick(open);
  const from = card.column;
  card.column = COLUMNS[COLUMNS.indexOf(from) + 1];
  track(u, at, 'Card Moved', { projectId: card.projectId, cardId: card.id, from, to: card.column });
}

function invite(u, at) {
  track(u, at, 'Teammate Invited', {
    role: u.rng.pick(['member', 'member', 'admin', 'viewer']),
    projectId: u.projects[0] ?? null,
  });
  u.invitedAt ??= at;
}

/** Logs exposure, impressions, clicks and dismissals the way the widget does; returns true on a click. */
function seeNudges(u, at, onBoard) {
  const state = userState({ config: u.config, rollups: u.rollups, traits: u.traits, userKey: u.userId, now: at });
  let clicked = false;
  for (const decision of state.nudges) {
    if (!decision.eligible || decision.variant === null) continue;
    const launched = LAUNCHED_DAYS_AGO[decision.nudgeId];
    if (launched !== undefined && at < u.now - launched * DAY) continue;
    const nudge = u.config.nudges.find((n) => n.id === decision.nudgeId);
    const props = { nudgeId: nudge.id, variant: decision.variant.id };
    if (u.exposures[nudge.id] === undefined) {
      u.exposures[nudge.id] = { at, variant: decision.variant.id };
      track(u, at, 'Nudge Eligible', props);
    }
    const content = decision.variant.content;
    if (content === null || (nudge.placement === 'tooltip' && !onBoard)) continue;
    track(u, at + 1000, 'Nudge Shown', props);
    if (u.rng.chance(TRUE_EFFECT.clickRate)) {
      track(u, at + 5000, 'Nudge Clicked', props);
      if (content.cta?.event !== undefined) track(u, at + 5100, content.cta.event, { nudgeId: nudge.id });
      clicked ||= nudge.id === 'invite-nudge';
    } else if (u.rng.chance(TRUE_EFFECT.dismissRate)) {
      track(u, at + 4000, 'Nudge Dismissed', props);
    }
  }
  return clicked;
}

function inviteChance(u, at, clickedBanner) {
  if (clickedBanner) return TRUE_EFFECT.inviteAfterClick;
  const exposure = u.exposures['invite-nudge'];
  const lifted = exposure?.variant === 'social' && at - exposure.at < 7 * DAY;
  return u.profile.invite * (lifted ? TRUE_EFFECT.exposedMultiplier : 1) * (u.projects.length > 0 ? 1 : 0.2);
}

function session(u, start, day) {
  const rng = u.rng;
  let at = start;
  const step = () => (at += rng.between(0.3, 4) * MINUTE);
  emit(u, at, { type: 'page', name: u.projects.length > 0 ? 'Board Viewed' : 'Home', properties: { path: '/' } });
  if (u.projects.length === 0 ? rng.chance(day === 0 ? u.profile.project : u.profile.project / 3) : rng.chance(0.03)) {
    createProject(u, step());
  }
  const clickedBanner = seeNudges(u, step(), u.projects.length > 0);
  if (u.projects.length > 0) {
    for (let i = rng.poisson(u.profile.cards); i > 0; i--) createCard(u, step());
    for (let i = rng.poisson(u.profile.moves); i > 0; i--) moveCard(u, step());
  }
  if (rng.chance(inviteChance(u, at, clickedBanner))) invite(u, step());
  if (u.projects.length > 1 && rng.chance(DELETE_PROJECT)) {
    track(u, step(), 'Project Deleted', { projectId: u.projects.pop() });
  }
  if (rng.chance(u.profile.tickets)) {
    track(u, step(), 'Support Ticket Opened', { topic: rng.pick(['billing', 'bug', 'how-to', 'export']) });
  }
  if (rng.chance(u.profile.billing)) track(u, step(), 'Billing Page Viewed', { plan: u.traits.plan });
  const minutes = Math.min(180, Math.round(rng.logNormal(u.profile.minutes, 0.7) * 10) / 10);
  track(u, Math.max(step(), start + minutes * MINUTE), 'Session Ended', { minutes });
}

function upgradeOrFade(u, at) {
  if (u.rng.chance(u.profile.convert)) {
    u.traits = { ...u.traits, plan: 'active' };
    emit(u, at, { type: 'identify', traits: u.traits });
    track(u, at + 1000, 'Plan Upgraded', { plan: 'team', seats: u.rng.int(2, 12) });
  } else {
    u.lifetime = Math.min(u.lifetime, 14 + u.rng.int(0, 6));
  }
}

/**
 * One synthetic user's events, in time order, from sign-up at `signupAt` until they
 * churn or `now`: identify, group, pages, projects, cards, invites, sessions, and the
 * nudge events of the `demo/pulse.config.json` experiments (variant from
 * `@pulse/core`'s `userState`, exactly what the widget and collector compute).
 *
 * @example
 * const { events, summary } = simulateUser(createRandom(7), 7, config, Date.now() - 10 * 86_400_000, Date.now());
 */
export function simulateUser(rng, index, config, signupAt, now) {
  const u = createUser(rng, index, config, signupAt, now);
  emit(u, signupAt, { type: 'identify', traits: u.traits });
  emit(u, signupAt + 500, { type: 'group', groupId: u.who.company.id, traits: { name: u.who.company.name } });
  track(u, signupAt + 1000, 'Signed Up', { method: 'email', plan: 'trial' });
  session(u, signupAt + 2000, 0);
  for (let day = 1; day <= u.lifetime; day++) {
    const dayStart = signupAt + day * DAY;
    if (dayStart > now) break;
    if (day === 14) upgradeOrFade(u, dayStart);
    const weekday = new Date(dayStart).getUTCDay() % 6 !== 0;
    const fatigue = Math.max(0.35, 1 - day / (u.lifetime * 2));
    if (!rng.chance(u.profile.active * fatigue * (weekday ? 1 : 0.35))) continue;
    const start = Math.min(now - 5 * MINUTE, dayStart + rng.between(-3, 6) * 3_600_000);
    if (start > u.lastAt) session(u, start, day);
  }
  const exposure = u.exposures['invite-nudge'];
  const converted =
    exposure !== undefined &&
    u.invitedAt !== null &&
    u.invitedAt >= exposure.at &&
    u.invitedAt - exposure.at <= 7 * DAY;
  return { events: u.events, summary: { archetype: u.archetype, variant: exposure?.variant ?? null, converted } };
}
