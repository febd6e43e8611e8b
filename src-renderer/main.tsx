/**
 * The renderer's entry: connect to the workspace through whichever transport
 * this host offers, start the translations, and mount the app. Everything the
 * screens need arrives through providers, so nothing below reads globals.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect';
import { App } from './app/App';
import { featureCatalogs } from './app/catalogs';
import { initI18n } from './i18n';

const api = connectApi();
initI18n(featureCatalogs);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
