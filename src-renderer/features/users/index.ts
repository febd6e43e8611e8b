/**
 * The users feature's public face: the owner's Users tab for Settings.
 */
export { UsersTab } from './UsersTab';
