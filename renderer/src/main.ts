/** Entry point: pick the transport to the core, then mount the app. */
import { mount } from 'svelte';
import { config as zodConfig } from 'zod';
import App from './app/App.svelte';
import { i18n } from './lib/i18n/index.ts';
import { connectToCore } from './lib/rpc/index.ts';

// Zod probes `new Function` for speed; under the hosts' CSP (no 'unsafe-eval') that probe
// is a logged violation. The contract's schemas are small: the interpreter is plenty.
zodConfig({ jitless: true });

document.documentElement.lang = i18n.locale;

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const { rpc, connection } = connectToCore(window);
mount(App, { target, props: { rpc, connection } });
