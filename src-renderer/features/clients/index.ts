/**
 * The clients feature's public face: the section screen, and the store through
 * which other screens open a client's page.
 */
export { ClientsPage } from './ClientsPage';
export { useClientsUi } from './store';
