/**
 * Words of the undo control in English, Hungarian and Simplified Chinese: how an
 * action is named in the menu, and why an undo was refused.
 */
import { defineCatalogs } from '../../i18n/catalogs';

const en = {
  button: 'Undo',
  buttonWhat: 'Undo: {{what}} (Ctrl+Z)',
  recent: 'Recent actions',
  nothing: 'Nothing to undo',
  done: 'Undone: {{what}}',
  failed: 'This cannot be undone',
  kinds: { insert: 'New {{what}}', update: 'Changed {{what}}', delete: 'Deleted {{what}}', restore: 'Restored {{what}}' },
  tables: {
    clients: 'client',
    enrollments: 'enrollment',
    enrollment_status_history: 'status',
    payments: 'payment',
    instalments: 'instalment plan',
    cohorts: 'cohort',
    programs: 'program',
    teachers: 'teacher',
    rooms: 'room',
    settings: 'settings',
    activities: 'timeline entry',
    other: 'record',
  },
  errors: {
    changed_since: 'Someone else has changed this since; undoing would overwrite their work.',
    deleted_since: 'The record was deleted since; restore it first.',
    nothing_to_undo: 'There is nothing of yours left to undo.',
  },
};

export const catalogs = defineCatalogs(en, {
  hu: {
    button: 'Visszavonás',
    buttonWhat: 'Visszavonás: {{what}} (Ctrl+Z)',
    recent: 'Legutóbbi műveletek',
    nothing: 'Nincs mit visszavonni',
    done: 'Visszavonva: {{what}}',
    failed: 'Ez nem vonható vissza',
    kinds: { insert: 'Új {{what}}', update: 'Módosított {{what}}', delete: 'Törölt {{what}}', restore: 'Visszaállított {{what}}' },
    tables: {
      clients: 'ügyfél',
      enrollments: 'jelentkezés',
      enrollment_status_history: 'állapot',
      payments: 'befizetés',
      instalments: 'részletterv',
      cohorts: 'csoport',
      programs: 'program',
      teachers: 'tanár',
      rooms: 'terem',
      settings: 'beállítás',
      activities: 'esemény',
      other: 'adat',
    },
    errors: {
      changed_since: 'Azóta valaki más módosította; a visszavonás felülírná a munkáját.',
      deleted_since: 'Az adatot azóta törölték; előbb állítsa vissza.',
      nothing_to_undo: 'Nincs több visszavonható művelete.',
    },
  },
  zh: {
    button: '撤销',
    buttonWhat: '撤销：{{what}}（Ctrl+Z）',
    recent: '最近操作',
    nothing: '没有可撤销的操作',
    done: '已撤销：{{what}}',
    failed: '无法撤销',
    kinds: { insert: '新建{{what}}', update: '修改{{what}}', delete: '删除{{what}}', restore: '恢复{{what}}' },
    tables: {
      clients: '学员',
      enrollments: '报名',
      enrollment_status_history: '状态',
      payments: '付款',
      instalments: '分期计划',
      cohorts: '班级',
      programs: '课程',
      teachers: '教师',
      rooms: '教室',
      settings: '设置',
      activities: '动态',
      other: '记录',
    },
    errors: {
      changed_since: '此后已有他人修改；撤销会覆盖他们的工作。',
      deleted_since: '该记录此后已被删除，请先恢复。',
      nothing_to_undo: '您已没有可撤销的操作。',
    },
  },
});
