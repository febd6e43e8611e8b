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
    records: { delete: 'Undoing this would delete a record, which your role may not do. Change it back by hand, or ask the owner.' },
    payments: { void: 'Undoing this would void a payment, which your role may not do. Ask the owner to void it.' },
    prices: { write: 'Undoing this would change a price, which your role may not do now.' },
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
      records: {
        delete: 'A visszavonás törölne egy adatot, ezt a szerepköre nem teheti meg. Írja vissza kézzel, vagy kérje a tulajdonost.',
      },
      payments: {
        void: 'A visszavonás sztornózna egy befizetést, ezt a szerepköre nem teheti meg. Kérje meg a tulajdonost a sztornózásra.',
      },
      prices: { write: 'A visszavonás árat módosítana, ezt a szerepköre most nem teheti meg.' },
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
      records: { delete: '撤销会删除记录，您的角色无权这样做。请手动改回，或请所有者处理。' },
      payments: { void: '撤销会作废一笔付款，您的角色无权这样做。请所有者作废。' },
      prices: { write: '撤销会更改价格，您的角色目前无权这样做。' },
    },
  },
});
