/**
 * Words of the Settings frame itself; each tab's own words live in the feature
 * that contributes the tab.
 */
import { defineCatalogs } from '../../i18n/catalogs';

const en = {
  title: 'Settings',
  subtitle: 'How the school is set up, who may use Tanoda, and how its records are kept safe.',
  noTabs: 'Nothing here can be changed with your role.',
};

export const catalogs = defineCatalogs(en, {
  hu: {
    title: 'Beállítások',
    subtitle: 'Az iskola beállításai, kik használhatják a Tanodát, és hogyan maradnak biztonságban az adatok.',
    noTabs: 'A szerepköröddel itt semmit sem módosíthatsz.',
  },
  zh: {
    title: '设置',
    subtitle: '学校的基本设置、谁可以使用 Tanoda，以及如何保护数据安全。',
    noTabs: '您的角色在此处没有可更改的内容。',
  },
});
