import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { signUp, type Account } from '../accounts.js';
import { identifyAccount, type DemoTracker } from '../pulse.js';

/**
 * Sign up with a name and an email (or sign back in with the same email). A new
 * account is identified with its traits, then `Signed Up` is tracked, so the event
 * already belongs to the user.
 *
 * @example
 * <SignupView tracker={tracker} onSignedIn={setAccount} />
 */
export function SignupView(props: { tracker: DemoTracker; onSignedIn: (a: Account) => void }): JSX.Element {
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    props.tracker.page('Sign Up');
  }, []);

  const submit = async (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    if (name === '' || email === '') return;
    setBusy(true);
    const { account, isNew } = signUp(name, email);
    await identifyAccount(props.tracker, account);
    if (isNew) props.tracker.track('Signed Up', { method: 'email', plan: account.plan });
    props.onSignedIn(account);
  };

  return (
    <main class="signup">
      <section class="signup-pitch">
        <a class="brand brand-light" href="#/">
          <span class="brand-mark" aria-hidden="true" />
          Tasklane
        </a>
        <h1>Plan work your team actually finishes.</h1>
        <p>
          Boards, projects and teammates in one calm place. Start a 14-day trial: no card, no setup, just your first
          board.
        </p>
        <ul class="signup-points">
          <li>Kanban boards that stay out of your way</li>
          <li>Invite your team in seconds</li>
          <li>See what moved this week at a glance</li>
        </ul>
      </section>
      <section class="signup-form-wrap">
        <form class="card signup-form" onSubmit={submit} aria-labelledby="signup-title">
          <h2 id="signup-title">Start your free trial</h2>
          <p class="muted">Used this email before? You'll be signed back in.</p>
          <label class="field">
            <span>Full name</span>
            <input name="name" autocomplete="name" required maxLength={80} placeholder="Ana Lima" />
          </label>
          <label class="field">
            <span>Work email</span>
            <input name="email" type="email" autocomplete="email" required maxLength={120} placeholder="ana@acme.co" />
          </label>
          <button class="button button-primary button-block" type="submit" disabled={busy}>
            {busy ? 'Setting up your workspace…' : 'Create my workspace'}
          </button>
          <p class="fineprint">This is a demo: your account lives in this browser only.</p>
        </form>
      </section>
    </main>
  );
}
