/**
 * The school-profile feature's public face: the School, Teachers and Rooms
 * settings tabs, registered in features/settings/tabs.ts.
 */
export { SchoolTab } from './SchoolTab';
export { RoomsTab, TeachersTab } from './CatalogTab';
