/**
 * Simplified Chinese. Typed as the English `Catalog`, so a missing or extra key does not compile.
 */
import type { Catalog } from './en';

const zh: Catalog = {
  app: {
    name: 'Tanoda',
    loading: '正在打开工作区…',
    unreachableTitle: '无法连接工作区',
    noToken: '请打开“tanoda web”打印的地址：其中包含此浏览器标签页的访问令牌。',
    retry: '重试',
  },
  nav: {
    label: '栏目',
    today: '今天',
    programs: '课程项目',
    cohorts: '班级',
    lessons: '课程表',
    clients: '学员',
    enrollments: '报名',
    payments: '付款',
    import: '导入',
    reports: '报表',
    quality: '数据质量',
    settings: '设置',
  },
  header: {
    language: '语言',
    toDark: '切换到深色主题',
    toLight: '切换到浅色主题',
    navigation: '显示或隐藏栏目',
  },
  coming: {
    badge: '即将推出',
    honest: '此页面仍在开发中。宁可留空，也不显示虚构的数据。',
    today: '今天的课程、待跟进事项和逾期分期付款将汇集在这里。',
    cohorts: '课程项目下的班级：日期、教师、教室、课表和剩余名额。',
    lessons: '各班课次日历、休息日和点名。',
    clients: '学员和监护人，以及他们的联系方式、报名和余额。',
    enrollments: '谁在咨询、考虑、试听、已确认或已流失——以及报的是哪个班。',
    payments: '已收款项、到期和逾期的分期付款。',
    import: '导入现有表格（CSV、XLSX），自动匹配列。',
    reports: '已收和预期收入，以及各班的满员情况。',
    settings: '学校名称、货币、时区和用户。',
  },
  errors: {
    field: {
      too_small: '该值太小',
      too_big: '该值太大',
      invalid_type: '该值类型不正确',
      invalid_format: '该值格式不正确',
      invalid_value: '请从提供的选项中选择',
      invalid: '该值无效',
      required: '学校要求必填此项',
      not_in_list: '不在学校的列表中',
      not_found: '该记录已不存在',
      conflict: '与另一条记录冲突',
    },
    code: {
      VALIDATION: '有些字段需要修改。',
      NOT_FOUND: '该记录已不存在。',
      FORBIDDEN: '您的角色无权执行此操作。',
      CONFLICT: '与当前数据冲突。',
      UNAUTHENTICATED: '您尚未登录此工作区。',
      INTERNAL: '出现错误，未做任何更改。',
    },
  },
  languages: {
    en: 'English',
    hu: 'Magyar',
    zh: '简体中文',
  },
};

export default zh;
