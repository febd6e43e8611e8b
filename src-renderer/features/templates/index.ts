/**
 * The templates feature's public face: the "Reminders & templates" settings tab.
 */
export { TemplatesTab } from './TemplatesTab';
