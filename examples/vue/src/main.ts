import { createApp } from 'vue';
import App from './App.vue';
import { signIn } from './pulse.ts';

await signIn(new URLSearchParams(location.search).get('user') ?? 'ana');

createApp(App).mount('#app');
