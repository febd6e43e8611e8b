/**
 * The sign-in layer's public face: the gate the app is wrapped in, the header's
 * user menu and setup banner, the "My account" panel for Settings, the session
 * hook, and the owner's password form and dialog opener the first run reuses.
 */
export { AuthGate } from './AuthGate';
export { useSession } from './session';
export { UserMenu } from './UserMenu';
export { SetupBanner, SetupOwnerForm } from './SetupOwner';
export { openOwnerPasswordDialog } from './store';
export { AccountPanel } from './AccountPanel';
