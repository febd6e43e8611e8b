/**
 * One label table per enumeration of the domain (enrollment and cohort
 * statuses, payment methods, program kinds, activity kinds, attendance marks), in every interface
 * language. Before this table each screen carried its own copy, and the same
 * status read "Nem kéri" on the board and "Elutasította" on the client page.
 * The tables are merged into every language's catalog under `labels.*`
 * (`t('labels.enrollmentStatus.declined')`), and the features' catalogs that
 * keep their own key (`clients.status`, `enrollments.status`...) point at these
 * same objects, so one word can only be changed in one place.
 */
import type { Language } from './languages';

const en = {
  enrollmentStatus: {
    inquiry: 'Inquiry',
    thinking: 'Thinking',
    trial: 'Trial',
    waitlist: 'Waitlist',
    confirmed: 'Confirmed',
    declined: 'Declined',
    cancelled: 'Cancelled',
    completed: 'Completed',
    transferred: 'Transferred',
  },
  cohortStatus: { planned: 'Planned', open: 'Open', running: 'Running', finished: 'Finished', cancelled: 'Cancelled' },
  paymentMethod: { cash: 'Cash', card: 'Card', transfer: 'Bank transfer', other: 'Other' },
  programKind: { course: 'Course', workshop: 'Workshop', seminar: 'Seminar', individual: 'Individual', event: 'Event' },
  personName: { fullName: 'Full name', firstName: 'First name', lastName: 'Last name' },
  activityKind: {
    call: 'Call',
    message: 'Message',
    visit: 'Visit',
    note: 'Note',
    status: 'Status change',
    attendance: 'Roll call',
    package: 'Package',
  },
  attendanceState: { present: 'Present', absent: 'Absent', excused: 'Excused', late: 'Late', makeup: 'Make-up' },
};

export type Labels = typeof en;

const hu: Labels = {
  enrollmentStatus: {
    inquiry: 'Érdeklődő',
    thinking: 'Gondolkodik',
    trial: 'Próbaórán',
    waitlist: 'Várólistán',
    confirmed: 'Beiratkozott',
    declined: 'Nem kéri',
    cancelled: 'Lemondta',
    completed: 'Elvégezte',
    transferred: 'Áthelyezve',
  },
  cohortStatus: { planned: 'Tervezett', open: 'Nyitott', running: 'Folyamatban', finished: 'Befejezett', cancelled: 'Elmaradt' },
  paymentMethod: { cash: 'Készpénz', card: 'Kártya', transfer: 'Átutalás', other: 'Egyéb' },
  programKind: { course: 'Tanfolyam', workshop: 'Workshop', seminar: 'Szeminárium', individual: 'Egyéni', event: 'Esemény' },
  personName: { fullName: 'Teljes név', firstName: 'Keresztnév', lastName: 'Vezetéknév' },
  activityKind: {
    call: 'Hívás',
    message: 'Üzenet',
    visit: 'Látogatás',
    note: 'Jegyzet',
    status: 'Állapotváltozás',
    attendance: 'Jelenlét',
    package: 'Bérlet',
  },
  attendanceState: { present: 'Jelen', absent: 'Hiányzott', excused: 'Igazolt', late: 'Késett', makeup: 'Pótóra' },
};

const zh: Labels = {
  enrollmentStatus: {
    inquiry: '咨询',
    thinking: '考虑中',
    trial: '试听',
    waitlist: '候补',
    confirmed: '已确认',
    declined: '已拒绝',
    cancelled: '已取消',
    completed: '已结业',
    transferred: '已转班',
  },
  cohortStatus: { planned: '计划中', open: '招生中', running: '进行中', finished: '已结束', cancelled: '已取消' },
  paymentMethod: { cash: '现金', card: '银行卡', transfer: '银行转账', other: '其他' },
  programKind: { course: '课程', workshop: '工作坊', seminar: '研讨会', individual: '一对一', event: '活动' },
  personName: { fullName: '姓名', firstName: '名', lastName: '姓' },
  activityKind: { call: '电话', message: '消息', visit: '到访', note: '备注', status: '状态变更', attendance: '点名', package: '课时包' },
  attendanceState: { present: '出勤', absent: '缺勤', excused: '请假', late: '迟到', makeup: '补课' },
};

export const labels: Record<Language, Labels> = { en, hu, zh };
