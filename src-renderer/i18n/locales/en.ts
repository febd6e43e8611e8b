/**
 * English, the reference catalog: its shape is the `Catalog` type every other
 * language must match key for key, so a string added here and forgotten in
 * Hungarian or Chinese fails the type check instead of surfacing as a raw key.
 */
const en = {
  app: {
    name: 'Tanoda',
    loading: 'Opening the workspace…',
    unreachableTitle: 'The workspace cannot be reached',
    noToken: 'Open the address printed by “tanoda web”: it carries the access token for this browser tab.',
    retry: 'Try again',
  },
  nav: {
    label: 'Sections',
    today: 'Today',
    programs: 'Programs',
    cohorts: 'Cohorts',
    lessons: 'Lessons',
    clients: 'Clients',
    enrollments: 'Enrollments',
    payments: 'Payments',
    import: 'Import',
    reports: 'Reports',
    quality: 'Data quality',
    settings: 'Settings',
  },
  header: {
    language: 'Language',
    toDark: 'Switch to the dark theme',
    toLight: 'Switch to the light theme',
    navigation: 'Show or hide the sections',
  },
  coming: {
    badge: 'Coming soon',
    honest: 'This screen is still being built. It shows nothing rather than made-up figures.',
    today: 'Today’s lessons, follow-ups and overdue instalments will gather here.',
    cohorts: 'Groups of a program with their dates, teacher, room, schedule and free seats.',
    lessons: 'Every group’s lessons on a calendar, closed days, and roll call.',
    clients: 'Students and guardians, their contacts, enrollments and balances.',
    enrollments: 'Who is interested, thinking, on trial, confirmed or lost — and for which group.',
    payments: 'Payments received, instalments due and what is overdue.',
    import: 'Bring in existing sheets (CSV, XLSX) with their columns mapped for you.',
    reports: 'Revenue received and expected, and how full each group is.',
    settings: 'School name, currency, time zone and users.',
  },
  errors: {
    field: {
      too_small: 'This value is too small',
      too_big: 'This value is too large',
      invalid_type: 'This value has the wrong type',
      invalid_format: 'This value is not in the expected format',
      invalid_value: 'Choose one of the offered values',
      invalid: 'This value is not valid',
      required: 'Required by the school: fill this in',
      not_in_list: 'Not one of the school’s listed values',
      not_found: 'This record does not exist any more',
      conflict: 'This clashes with another record',
    },
    code: {
      VALIDATION: 'Some fields need attention.',
      NOT_FOUND: 'This record does not exist any more.',
      FORBIDDEN: 'Your role may not do this.',
      CONFLICT: 'This clashes with the current data.',
      UNAUTHENTICATED: 'You are not signed in to this workspace.',
      INTERNAL: 'Something went wrong. Nothing was changed.',
    },
  },
  languages: {
    en: 'English',
    hu: 'Magyar',
    zh: '简体中文',
  },
};

export type Catalog = typeof en;
export default en;
