import { render } from 'preact';
import { App } from './app.js';

// The collector serves the dashboard from the same origin as its API.
const root = document.getElementById('app');
if (root) render(<App base="" />, root);
