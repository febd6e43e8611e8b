/**
 * Hungarian. Typed as the English `Catalog`, so a missing or extra key does not compile.
 */
import type { Catalog } from './en';

const hu: Catalog = {
  app: {
    name: 'Tanoda',
    loading: 'A munkaterület megnyitása…',
    unreachableTitle: 'A munkaterület nem érhető el',
    noToken: 'Nyissa meg a „tanoda web” által kiírt címet: az tartalmazza a böngészőlap hozzáférési kulcsát.',
    retry: 'Újra',
  },
  nav: {
    label: 'Részek',
    today: 'Ma',
    programs: 'Programok',
    cohorts: 'Csoportok',
    lessons: 'Órák',
    clients: 'Ügyfelek',
    enrollments: 'Jelentkezések',
    payments: 'Befizetések',
    import: 'Importálás',
    reports: 'Kimutatások',
    quality: 'Adatminőség',
    settings: 'Beállítások',
  },
  header: {
    language: 'Nyelv',
    toDark: 'Váltás sötét témára',
    toLight: 'Váltás világos témára',
    navigation: 'Részek megjelenítése vagy elrejtése',
  },
  coming: {
    badge: 'Hamarosan',
    honest: 'Ez a képernyő még készül. Inkább üres, mint hogy kitalált adatokat mutasson.',
    today: 'Itt gyűlnek majd a mai órák, a teendő visszahívások és a lejárt részletek.',
    cohorts: 'Egy program csoportjai: időpontok, tanár, terem, órarend és szabad helyek.',
    lessons: 'Minden csoport órái naptárban, a zárva tartás napjai és a jelenlét.',
    clients: 'Tanulók és gondviselők, elérhetőségeik, jelentkezéseik és egyenlegük.',
    enrollments: 'Ki érdeklődik, ki gondolkodik, ki próbaórán van, ki erősített meg vagy mondott le — és melyik csoportba.',
    payments: 'Beérkezett befizetések, esedékes és lejárt részletek.',
    import: 'Meglévő táblázatok (CSV, XLSX) betöltése automatikusan megfeleltetett oszlopokkal.',
    reports: 'Beérkezett és várható bevétel, a csoportok telítettsége.',
    settings: 'Iskola neve, pénznem, időzóna és felhasználók.',
  },
  errors: {
    field: {
      too_small: 'Ez az érték túl kicsi',
      too_big: 'Ez az érték túl nagy',
      invalid_type: 'Ez az érték nem megfelelő típusú',
      invalid_format: 'Ez az érték nem a várt formátumú',
      invalid_value: 'Válasszon a felkínált értékek közül',
      invalid: 'Ez az érték nem érvényes',
      required: 'Az iskola kötelezővé tette: töltse ki',
      not_in_list: 'Nem szerepel az iskola listájában',
      not_found: 'Ez a tétel már nem létezik',
      conflict: 'Ez ütközik egy másik tétellel',
    },
    code: {
      VALIDATION: 'Néhány mezőt javítani kell.',
      NOT_FOUND: 'Ez a tétel már nem létezik.',
      FORBIDDEN: 'Az Ön szerepköre ezt nem teheti meg.',
      CONFLICT: 'Ez ütközik a jelenlegi adatokkal.',
      UNAUTHENTICATED: 'Nincs bejelentkezve ebbe a munkaterületbe.',
      INTERNAL: 'Hiba történt. Semmi sem változott.',
    },
  },
  languages: {
    en: 'English',
    hu: 'Magyar',
    zh: '简体中文',
  },
};

export default hu;
