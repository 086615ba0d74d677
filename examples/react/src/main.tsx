import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { signIn } from './pulse.ts';

// Identify once, outside React: an effect would run twice under StrictMode.
await signIn(new URLSearchParams(location.search).get('user') ?? 'ana');

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
