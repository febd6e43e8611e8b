/**
 * Words of the command palette in English, Hungarian and Simplified Chinese.
 */
import { defineCatalogs } from '../../i18n/catalogs';

const en = {
  open: 'Search and commands (Ctrl+K)',
  placeholder: 'Find a client, cohort or program, or type a command…',
  nothing: 'Nothing found',
  groups: { clients: 'Clients', cohorts: 'Cohorts', programs: 'Programs', actions: 'Actions' },
  actions: {
    enroll: 'New enrollment',
    payment: 'Record a payment',
    cohort: 'New cohort',
    dark: 'Switch to the dark theme',
    light: 'Switch to the light theme',
    language: 'Switch language to {{language}}',
  },
};

export const catalogs = defineCatalogs(en, {
  hu: {
    open: 'Keresés és parancsok (Ctrl+K)',
    placeholder: 'Ügyfél, csoport vagy program keresése, vagy parancs…',
    nothing: 'Nincs találat',
    groups: { clients: 'Ügyfelek', cohorts: 'Csoportok', programs: 'Programok', actions: 'Műveletek' },
    actions: {
      enroll: 'Új jelentkezés',
      payment: 'Befizetés rögzítése',
      cohort: 'Új csoport',
      dark: 'Sötét téma',
      light: 'Világos téma',
      language: 'Nyelv: {{language}}',
    },
  },
  zh: {
    open: '搜索与命令（Ctrl+K）',
    placeholder: '查找学员、班级或课程，或输入命令…',
    nothing: '未找到结果',
    groups: { clients: '学员', cohorts: '班级', programs: '课程', actions: '操作' },
    actions: {
      enroll: '新报名',
      payment: '记录付款',
      cohort: '新建班级',
      dark: '切换到深色主题',
      light: '切换到浅色主题',
      language: '切换语言为{{language}}',
    },
  },
});
