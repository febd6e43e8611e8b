/**
 * Words of the first run: the recovery key shown once, the set-up wizard and
 * the set-up checklist on Today.
 * Each checklist step has a title (what to do), a hint (why, in a school's
 * terms) and the label of the link that goes where it is done.
 */
import { defineCatalogs } from '../../i18n/catalogs';

const en = {
  wizard: {
    title: 'Welcome to Tanoda',
    intro: 'Four short steps and your school is ready. Everything here can be changed later under Settings.',
    language: 'Language',
    back: 'Back',
    next: 'Next',
    skip: 'Skip set-up',
    skipHint: 'The checklist on Today will still show what is left to do.',
    failed: 'This could not be saved: {{reason}}',
  },
  steps: {
    school: 'Your school',
    place: 'Country and formats',
    password: 'Password',
    start: 'Start',
  },
  school: {
    name: 'School name',
    namePlaceholder: 'e.g. Sunflower Language School',
    nameHint: 'Shown at the top of every screen and in the messages you send to families.',
    required: 'Give your school a name',
  },
  place: {
    country: 'Country',
    countryHint: 'The currency, date formats, time zone and phone numbers follow from it. We guessed from this computer.',
    currency: 'Currency',
    currencyHint: 'Prices and payments are kept in it. Choose it now: it is hard to change once money is recorded.',
    locale: 'Language and formats',
    localeHint: 'How dates and amounts are written; also the language of the interface where Tanoda has it.',
    timeZone: 'Time zone',
    preview: 'This is how Tanoda will write',
    date: 'Date and time',
    money: 'Amount',
    phone: 'Phone number',
    noPhone: 'no sample for this country',
  },
  errors: {
    invalid_currency: 'Choose a currency from the list',
    invalid_time_zone: 'Choose a time zone from the list',
  },
  password: {
    title: 'Protect the school with a password',
  },
  start: {
    title: 'How would you like to begin?',
    import: 'Import my sheet',
    importText:
      'Bring in the Excel or CSV file you kept until now. You see every row before anything is saved, and an import can be undone.',
    demo: 'Show me a demo school',
    demoText: 'Fill Tanoda with a made-up school of {{count}} clients, with groups, payments and late instalments, to look around first.',
    empty: 'Start empty',
    emptyText: 'Begin with your first program and group. The checklist on Today shows the way.',
    seeding: 'Building the demo school…',
    seeded: 'The demo school is ready: {{clients}} clients in {{cohorts}} groups.',
  },
  recoveryKey: {
    title: 'Your recovery key',
    intro:
      'Tanoda keeps this school encrypted on this computer, and every backup too. The key is kept in this computer’s keychain; this recovery key is the same key written for people. You need it to open a backup on another computer, or if this computer’s keychain is lost.',
    warning:
      'It is shown only now. Write it down or print it, and keep it somewhere safe, away from this computer. Without it, a backup cannot be opened anywhere else.',
    copy: 'Copy',
    copied: 'Copied',
    written: 'I have written the recovery key down and keep it somewhere safe',
    continue: 'Continue',
    failed: 'This could not be saved: {{reason}}',
  },
  checklist: {
    title: 'Set up your school',
    progress: '{{done}} of {{total}} done',
    dismiss: 'Hide the checklist',
    done: 'Done',
    steps: {
      password: {
        title: 'Protect Tanoda with a password',
        hint: 'Until you do, anyone at this computer is the owner and sees the money.',
        action: 'Set password',
      },
      program: {
        title: 'Add your first program',
        hint: 'A course, workshop or individual lesson, with its price and seats.',
        action: 'Programs',
      },
      teacher: {
        title: 'Add a teacher',
        hint: 'Groups name who teaches them; you can be the first teacher.',
        action: 'Teachers',
      },
      cohort: {
        title: 'Open a group',
        hint: 'One run of a program: start date, weekly schedule, room and seats.',
        action: 'New cohort',
      },
      enrollment: {
        title: 'Enroll someone',
        hint: 'Even a phone enquiry counts: record who is interested, thinking or confirmed.',
        action: 'New enrollment',
      },
      payment: {
        title: 'Record a payment',
        hint: 'Cash, card or transfer; it pays the oldest open instalment first.',
        action: 'Payments',
      },
      import: {
        title: 'Import your sheet',
        hint: 'Bring in the clients, enrollments and payments you kept in Excel or CSV.',
        action: 'Import',
      },
      assistant: {
        title: 'Invite your assistant',
        hint: 'A second user with their own password, who cannot see totals or delete records.',
        action: 'Users',
      },
      sync: {
        title: 'Turn on sync',
        hint: 'Share the school with a second computer through the cloud folder you already use.',
        action: 'Sync',
      },
      backups: {
        title: 'Check your backups',
        hint: 'Tanoda backs up by itself; take one by hand once and see where they are kept.',
        action: 'Backups',
      },
    },
  },
};

const hu: typeof en = {
  wizard: {
    title: 'Üdvözli a Tanoda',
    intro: 'Négy rövid lépés, és kész az iskolája. Minden, amit itt megad, később a Beállításokban módosítható.',
    language: 'Nyelv',
    back: 'Vissza',
    next: 'Tovább',
    skip: 'Beállítás kihagyása',
    skipHint: 'A Ma oldalon lévő lista akkor is mutatja, mi van még hátra.',
    failed: 'Nem sikerült menteni: {{reason}}',
  },
  steps: {
    school: 'Az iskola',
    place: 'Ország és formátumok',
    password: 'Jelszó',
    start: 'Kezdés',
  },
  school: {
    name: 'Az iskola neve',
    namePlaceholder: 'pl. Napraforgó Nyelviskola',
    nameHint: 'Minden képernyő tetején és a családoknak küldött üzenetekben is megjelenik.',
    required: 'Adjon nevet az iskolának',
  },
  place: {
    country: 'Ország',
    countryHint: 'Ebből következik a pénznem, a dátumok formája, az időzóna és a telefonszámok. A gép beállításaiból becsültük meg.',
    currency: 'Pénznem',
    currencyHint: 'Az árak és a befizetések ebben szerepelnek. Most válassza ki: ha már van rögzített pénzmozgás, nehéz módosítani.',
    locale: 'Nyelv és formátumok',
    localeHint: 'Hogyan íródnak a dátumok és az összegek; egyben a felület nyelve is, ha a Tanoda ismeri.',
    timeZone: 'Időzóna',
    preview: 'A Tanoda így fogja írni',
    date: 'Dátum és idő',
    money: 'Összeg',
    phone: 'Telefonszám',
    noPhone: 'ehhez az országhoz nincs minta',
  },
  errors: {
    invalid_currency: 'Válasszon pénznemet a listából',
    invalid_time_zone: 'Válasszon időzónát a listából',
  },
  password: {
    title: 'Védje jelszóval az iskolát',
  },
  start: {
    title: 'Hogyan szeretne kezdeni?',
    import: 'Importálom a táblázatomat',
    importText: 'Hozza be az eddig vezetett Excel- vagy CSV-fájlt. Mentés előtt minden sort lát, és az importálás visszavonható.',
    demo: 'Mutasson egy bemutató iskolát',
    demoText:
      'A Tanoda egy kitalált, {{count}} ügyfeles iskolával telik meg – csoportokkal, befizetésekkel, késő részletekkel –, hogy előbb körülnézhessen.',
    empty: 'Üresen kezdem',
    emptyText: 'Az első programmal és csoporttal indul. A Ma oldalon lévő lista mutatja az utat.',
    seeding: 'A bemutató iskola készül…',
    seeded: 'Kész a bemutató iskola: {{clients}} ügyfél, {{cohorts}} csoport.',
  },
  recoveryKey: {
    title: 'A helyreállítási kulcs',
    intro:
      'A Tanoda titkosítva tárolja az iskola adatait ezen a számítógépen, és minden biztonsági mentést is. A kulcsot a számítógép kulcstartója őrzi; ez a helyreállítási kulcs ugyanaz a kulcs, ember számára leírva. Erre lesz szükség, ha egy mentést másik számítógépen nyit meg, vagy ha a számítógép kulcstartója elvész.',
    warning:
      'Csak most látható. Írja le vagy nyomtassa ki, és tartsa biztonságos helyen, a számítógéptől távol. Nélküle a mentés máshol nem nyitható meg.',
    copy: 'Másolás',
    copied: 'Kimásolva',
    written: 'Leírtam a helyreállítási kulcsot, és biztonságos helyen őrzöm',
    continue: 'Tovább',
    failed: 'Ezt nem sikerült menteni: {{reason}}',
  },
  checklist: {
    title: 'Az iskola beállítása',
    progress: '{{total}} lépésből {{done}} kész',
    dismiss: 'Lista elrejtése',
    done: 'Kész',
    steps: {
      password: {
        title: 'Védje jelszóval a Tanodát',
        hint: 'Addig bárki, aki ennél a gépnél ül, tulajdonosként látja a pénzügyeket is.',
        action: 'Jelszó beállítása',
      },
      program: {
        title: 'Vegye fel az első programot',
        hint: 'Egy tanfolyam, workshop vagy egyéni óra, az árával és a létszámával.',
        action: 'Programok',
      },
      teacher: {
        title: 'Vegyen fel egy tanárt',
        hint: 'A csoportoknál megadja, ki tanítja őket; az első tanár lehet Ön is.',
        action: 'Tanárok',
      },
      cohort: {
        title: 'Indítson egy csoportot',
        hint: 'Egy program egy évfolyama: kezdés, heti órarend, terem és férőhelyek.',
        action: 'Új csoport',
      },
      enrollment: {
        title: 'Rögzítsen egy jelentkezést',
        hint: 'Egy telefonos érdeklődés is számít: ki érdeklődik, ki gondolkodik, ki biztos.',
        action: 'Új jelentkezés',
      },
      payment: {
        title: 'Rögzítsen egy befizetést',
        hint: 'Készpénz, kártya vagy átutalás; először a legrégebbi nyitott részletet fedezi.',
        action: 'Befizetések',
      },
      import: {
        title: 'Importálja a táblázatát',
        hint: 'Hozza be az Excelben vagy CSV-ben vezetett ügyfeleket, jelentkezéseket és befizetéseket.',
        action: 'Importálás',
      },
      assistant: {
        title: 'Hívja meg az asszisztensét',
        hint: 'Egy második felhasználó saját jelszóval, aki nem látja az összesítéseket és nem törölhet.',
        action: 'Felhasználók',
      },
      sync: {
        title: 'Kapcsolja be a szinkronizálást',
        hint: 'Ossza meg az iskolát egy második géppel a már használt felhős mappán keresztül.',
        action: 'Szinkron',
      },
      backups: {
        title: 'Nézze meg a biztonsági mentéseket',
        hint: 'A Tanoda magától ment; készítsen egyszer kézzel is egyet, és nézze meg, hová kerülnek.',
        action: 'Biztonsági mentések',
      },
    },
  },
};

const zh: typeof en = {
  wizard: {
    title: '欢迎使用 Tanoda',
    intro: '只需四个简短步骤，您的学校就准备好了。这里的所有内容以后都可以在“设置”中修改。',
    language: '语言',
    back: '上一步',
    next: '下一步',
    skip: '跳过设置',
    skipHint: '“今天”页面上的清单仍会显示还剩哪些事情要做。',
    failed: '无法保存：{{reason}}',
  },
  steps: {
    school: '您的学校',
    place: '国家和格式',
    password: '密码',
    start: '开始',
  },
  school: {
    name: '学校名称',
    namePlaceholder: '例如：向日葵语言学校',
    nameHint: '显示在每个页面顶部，以及您发给家长的消息中。',
    required: '请为学校取个名字',
  },
  place: {
    country: '国家/地区',
    countryHint: '货币、日期格式、时区和电话号码格式都由它决定。我们根据这台电脑做了推测。',
    currency: '货币',
    currencyHint: '价格和付款都以此货币记录。请现在选好：一旦记录了款项就很难更改。',
    locale: '语言和格式',
    localeHint: '日期和金额的书写方式；如果 Tanoda 支持该语言，也是界面语言。',
    timeZone: '时区',
    preview: 'Tanoda 将这样书写',
    date: '日期和时间',
    money: '金额',
    phone: '电话号码',
    noPhone: '此国家/地区没有示例',
  },
  errors: {
    invalid_currency: '请从列表中选择货币',
    invalid_time_zone: '请从列表中选择时区',
  },
  password: {
    title: '用密码保护您的学校',
  },
  start: {
    title: '您想如何开始？',
    import: '导入我的表格',
    importText: '导入您一直在用的 Excel 或 CSV 文件。保存前您会看到每一行，导入也可以撤销。',
    demo: '给我看一个示例学校',
    demoText: '用一所虚构的学校（{{count}} 名学员，含班级、付款和逾期分期）填充 Tanoda，先四处看看。',
    empty: '从空白开始',
    emptyText: '从您的第一个课程项目和班级开始。“今天”页面上的清单会为您指路。',
    seeding: '正在创建示例学校…',
    seeded: '示例学校已就绪：{{clients}} 名学员，{{cohorts}} 个班级。',
  },
  recoveryKey: {
    title: '您的恢复密钥',
    intro:
      'Tanoda 在这台电脑上以加密方式保存学校数据，每个备份也都经过加密。密钥保存在这台电脑的钥匙串中；这个恢复密钥就是同一把密钥，以便于人工抄写的形式显示。在另一台电脑上打开备份，或者这台电脑的钥匙串丢失时，都需要它。',
    warning: '它只会在此刻显示。请把它抄下来或打印出来，并存放在远离这台电脑的安全地方。没有它，备份无法在其他地方打开。',
    copy: '复制',
    copied: '已复制',
    written: '我已抄下恢复密钥，并妥善保存',
    continue: '继续',
    failed: '无法保存：{{reason}}',
  },
  checklist: {
    title: '设置您的学校',
    progress: '已完成 {{done}}/{{total}}',
    dismiss: '隐藏清单',
    done: '已完成',
    steps: {
      password: {
        title: '为 Tanoda 设置密码',
        hint: '在此之前，任何坐在这台电脑前的人都是所有者，能看到所有金额。',
        action: '设置密码',
      },
      program: {
        title: '添加第一个课程项目',
        hint: '一门课程、工作坊或一对一课，附带价格和人数。',
        action: '课程项目',
      },
      teacher: {
        title: '添加一位教师',
        hint: '班级会注明由谁授课；第一位教师可以是您自己。',
        action: '教师',
      },
      cohort: {
        title: '开一个班级',
        hint: '课程项目的一期：开课日期、每周课表、教室和名额。',
        action: '新建班级',
      },
      enrollment: {
        title: '登记一个报名',
        hint: '一个咨询电话也算：记录谁感兴趣、谁在考虑、谁已确认。',
        action: '新报名',
      },
      payment: {
        title: '记录一笔付款',
        hint: '现金、刷卡或转账；优先冲抵最早到期的分期。',
        action: '付款',
      },
      import: {
        title: '导入您的表格',
        hint: '导入您在 Excel 或 CSV 中记录的学员、报名和付款。',
        action: '导入',
      },
      assistant: {
        title: '邀请您的助理',
        hint: '第二个用户，有自己的密码，看不到汇总金额，也不能删除记录。',
        action: '用户',
      },
      sync: {
        title: '开启同步',
        hint: '通过您已在使用的云文件夹，与第二台电脑共享学校数据。',
        action: '同步',
      },
      backups: {
        title: '检查您的备份',
        hint: 'Tanoda 会自动备份；请手动备份一次，并看看备份保存在哪里。',
        action: '备份',
      },
    },
  },
};

export const catalogs = defineCatalogs(en, { hu, zh });
