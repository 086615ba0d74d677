import { useState } from 'react';
import { Onboarding } from './Onboarding.tsx';

/** Tasklane's home page; "Hide onboarding" unmounts Pulse's elements, "Show" mounts them again. */
export function App() {
  const [shown, setShown] = useState(true);
  return (
    <main>
      <h1>Tasklane</h1>
      <button onClick={() => setShown((s) => !s)}>{shown ? 'Hide onboarding' : 'Show onboarding'}</button>
      {shown && <Onboarding />}
    </main>
  );
}
