// The script-tag page's own code: plain browser JavaScript that talks to Pulse only
// through the global `pulse` the snippet defines. It shares the app's localStorage
// (accounts, session, workspace), so the same user continues here.
/* global pulse */
(function () {
  'use strict';

  const PREFIX = 'tasklane:v1:';
  const DEV_WRITE_KEY = 'pulse_demo_write_key';

  function read(key, fallback) {
    try {
      const raw = localStorage.getItem(PREFIX + key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // A full or disabled storage only means this demo forgets.
    }
  }

  function newId(prefix) {
    const bytes = crypto.getRandomValues(new Uint8Array(6));
    return prefix + '_' + Array.prototype.map.call(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
  }

  function writeKey() {
    const fromUrl = new URLSearchParams(location.search).get('writeKey');
    return fromUrl && fromUrl.trim() ? fromUrl.trim() : DEV_WRITE_KEY;
  }

  function currentAccount() {
    const userId = read('session', null);
    const accounts = read('accounts', {});
    return (
      Object.keys(accounts)
        .map((k) => accounts[k])
        .find((a) => a.userId === userId) || null
    );
  }

  // The identity token comes from the collector's development-only endpoint; see docs/demo.md.
  function devToken(userId) {
    return fetch('/v1/dev/token/' + encodeURIComponent(userId))
      .then((r) => (!r.ok ? undefined : r.headers.get('content-type')?.includes('json') ? r.json() : r.text()))
      .then((body) => (typeof body === 'string' ? body : body && body.token) || undefined)
      .catch(() => undefined);
  }

  function identify(account) {
    return devToken(account.userId).then((userToken) => {
      const traits = { name: account.name, email: account.email, plan: account.plan, createdAt: account.createdAt };
      pulse.identify(account.userId, traits, userToken ? { userToken: userToken } : undefined);
    });
  }

  // The snippet as a customer would paste it: without the page's indentation.
  function dedent(text) {
    const lines = text.replace(/^\n+|\s+$/g, '').split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
    return lines.map((l) => l.slice(indent)).join('\n');
  }

  const log = document.getElementById('log');
  function logCall(text) {
    log.textContent = (text + '\n' + log.textContent).split('\n').slice(0, 12).join('\n');
  }

  function track(event, properties) {
    pulse.track(event, properties);
    logCall('pulse.track(' + JSON.stringify(event) + ', ' + JSON.stringify(properties) + ')');
  }

  function workspace(account) {
    const ws = read('workspace:' + account.userId, {});
    return { projects: ws.projects || [], teammates: ws.teammates || [], activity: ws.activity || [] };
  }

  function totalCards(ws) {
    return ws.projects.reduce((n, p) => n + p.cards.length, 0);
  }

  const ACTIONS = {
    project: function (ws) {
      const project = {
        id: newId('prj'),
        name: 'Quick project ' + (ws.projects.length + 1),
        description: 'Made on the script-tag page',
        color: 'teal',
        createdAt: new Date().toISOString(),
        cards: [],
      };
      ws.projects.unshift(project);
      track('Project Created', { projectId: project.id, color: project.color, projectCount: ws.projects.length });
    },
    card: function (ws) {
      const project = ws.projects[0];
      if (!project) return logCall('Create a project first.');
      const card = {
        id: newId('card'),
        title: 'Card ' + (project.cards.length + 1),
        column: 'todo',
        createdAt: new Date().toISOString(),
      };
      project.cards.push(card);
      track('Card Created', { projectId: project.id, cardId: card.id, column: 'todo', totalCards: totalCards(ws) });
    },
    move: function (ws) {
      const project = ws.projects.find((p) => p.cards.some((c) => c.column !== 'done'));
      if (!project) return logCall('Add a card first.');
      const card = project.cards.find((c) => c.column !== 'done');
      const from = card.column;
      card.column = 'done';
      track('Card Moved', { projectId: project.id, cardId: card.id, from: from, to: 'done' });
    },
    invite: function (ws) {
      const email = 'teammate' + (ws.teammates.length + 1) + '@example.com';
      ws.teammates.push({ email: email, role: 'member', projectId: null, invitedAt: new Date().toISOString() });
      track('Teammate Invited', { role: 'member', projectId: null, teamSize: ws.teammates.length + 1 });
    },
  };

  function render() {
    const account = currentAccount();
    document.getElementById('signup-form').hidden = account !== null;
    document.getElementById('signed-in').hidden = account === null;
    document.getElementById('signed-in-name').textContent = account ? account.name + ' (' + account.email + ')' : '';
    document.querySelectorAll('[data-action]').forEach((b) => (b.disabled = account === null));
  }

  function signUp(name, email) {
    const accounts = read('accounts', {});
    const key = email.trim().toLowerCase();
    const isNew = !Object.prototype.hasOwnProperty.call(accounts, key);
    if (isNew) {
      accounts[key] = {
        userId: newId('usr'),
        name: name.trim(),
        email: key,
        plan: 'trial',
        createdAt: new Date().toISOString(),
      };
      write('accounts', accounts);
    }
    write('session', accounts[key].userId);
    return identify(accounts[key]).then(() => {
      if (isNew) track('Signed Up', { method: 'email', plan: 'trial' });
      render();
    });
  }

  pulse.init({ writeKey: writeKey(), host: location.origin });
  pulse.page('Script Tag Page');
  document.getElementById('snippet-source').textContent = dedent(document.getElementById('pulse-snippet').textContent);
  document.getElementById('back-to-app').href = '/' + location.search;

  document.getElementById('signup-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    signUp(String(data.get('name') || ''), String(data.get('email') || ''));
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    pulse.reset();
    try {
      localStorage.removeItem(PREFIX + 'session');
    } catch {
      // Nothing to forget.
    }
    render();
  });
  document.querySelectorAll('[data-action]').forEach((button) => {
    button.addEventListener('click', () => {
      const account = currentAccount();
      if (!account) return;
      const ws = workspace(account);
      ACTIONS[button.getAttribute('data-action')](ws);
      write('workspace:' + account.userId, ws);
    });
  });

  const account = currentAccount();
  if (account) identify(account);
  render();
})();
