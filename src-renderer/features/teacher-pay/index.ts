/**
 * The teacher-pay feature's public face: the owner's Teacher pay tab, which the
 * Lessons section shows beside its calendar. Nothing else from inside the folder.
 */
export { TeacherPayPanel } from './TeacherPayPanel';
