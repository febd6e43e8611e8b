/**
 * The packages feature's public face: the client page's packages card, Today's
 * package alerts, the make-up booking dialog (roll call opens it) and the owner's
 * rules dialog (the Lessons section opens it), and the wording of package lines
 * on the client's timeline. Nothing else from inside the folder.
 */
export { PackagesCard } from './PackagesCard';
export { PackageAlertsCard } from './PackageAlertsCard';
export { MakeupDialog } from './MakeupDialog';
export { LessonRulesDialog } from './LessonRulesDialog';
export { isPackageLine, packageLineText } from './timeline';
