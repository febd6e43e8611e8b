/**
 * The clients feature's public face: the section screen. Other screens open a
 * client's page through stores/clients.ts, not through this feature, so the
 * clients feature can show payments without payments needing it back.
 */
export { ClientsPage } from './ClientsPage';
