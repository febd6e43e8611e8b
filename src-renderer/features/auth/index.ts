/**
 * The sign-in layer's public face: the gate the app is wrapped in, the header's
 * user menu and setup banner, the "My account" panel for Settings, the session
 * hook, and the helper that puts an API error's words beside the right inputs.
 */
export { AuthGate, useSession } from './session';
export { UserMenu } from './UserMenu';
export { SetupBanner } from './SetupOwner';
export { AccountPanel } from './AccountPanel';
export { formErrorsOf, type FormErrors } from './errors';
