/**
 * A believable school built from a seed, for demos, screenshots, manual testing
 * and the benchmarks: programs in the workspace's language, teachers, rooms,
 * cohorts a year back and a few months ahead, families (about three in ten
 * clients are children whose guardian is also a client), enrollments in every
 * status, instalment plans, payments that are on time, partial, late or missing,
 * and the calls and notes around them.
 *
 * The same seed and the same day give the same school, so a bug seen in a demo
 * can be seen again: every choice comes from a small PRNG of our own (sfc32),
 * never `Math.random`. Row ids are the only thing that differs between runs.
 *
 * Everything is written through the funnel (`applyChanges`), so the demo has the
 * change log a real school would have, in batches of a few thousand writes per
 * transaction: ten thousand clients take seconds. A database that already holds
 * clients is refused, so a demo can never be mixed into a school's real data.
 */
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { AppError } from '../../src-shared/errors';
import { addDaysIso, monthlyDates, todayIn } from '../../src-shared/dates';
import { splitEvenly, toMinor } from '../../src-shared/money';
import type { CohortStatus, EnrollmentStatus, PaymentMethod, ProgramKind } from '../../src-shared/domain';
import { applyChanges, newId, type Write } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { getSettings } from '../services/settings';
import { createUser, findUserByUsername } from '../services/users';

// ---- randomness ------------------------------------------------------------------

/** sfc32: small, fast, good enough for test data, and the same on every platform. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    let h = 2166136261;
    for (const ch of String(seed)) h = Math.imul(h ^ (ch.codePointAt(0) as number), 16777619);
    this.a = h >>> 0;
    this.b = 0x9e3779b9;
    this.c = 0x243f6a88;
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<T extends string | number>(weights: readonly (readonly [T, number])[]): T {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of weights) {
      r -= w;
      if (r < 0) return value;
    }
    return (weights[weights.length - 1] as readonly [T, number])[0];
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

// ---- the school's vocabulary ------------------------------------------------------

type Language = 'hu' | 'en' | 'zh';
type Audience = 'child' | 'teen' | 'adult';

interface ProgramTemplate {
  name: Record<Language, string>;
  kind: ProgramKind;
  audience: Audience;
  /** Price of a whole cohort in euros; converted and rounded for the workspace currency. */
  priceEur: number;
  lessons: number;
  minutes: number;
  capacity: number;
  color: string;
  /** Share of the school's enrollments. */
  weight: number;
}

const programTemplates: readonly ProgramTemplate[] = [
  {
    name: { hu: 'Angol társalgás B1', en: 'Spanish for beginners A1', zh: '成人英语口语 B1' },
    kind: 'course',
    audience: 'adult',
    priceEur: 240,
    lessons: 12,
    minutes: 90,
    capacity: 10,
    color: '#228be6',
    weight: 14,
  },
  {
    name: { hu: 'Német kezdőknek A1', en: 'French conversation B1', zh: '日语入门 N5' },
    kind: 'course',
    audience: 'adult',
    priceEur: 220,
    lessons: 12,
    minutes: 90,
    capacity: 10,
    color: '#fab005',
    weight: 9,
  },
  {
    name: { hu: 'Angol gyerekeknek', en: 'Phonics for little readers', zh: '少儿英语启蒙' },
    kind: 'course',
    audience: 'child',
    priceEur: 180,
    lessons: 15,
    minutes: 45,
    capacity: 8,
    color: '#40c057',
    weight: 13,
  },
  {
    name: { hu: 'Rajz és festés gyerekeknek', en: 'Drawing and painting for kids', zh: '少儿美术' },
    kind: 'course',
    audience: 'child',
    priceEur: 160,
    lessons: 12,
    minutes: 60,
    capacity: 10,
    color: '#e64980',
    weight: 11,
  },
  {
    name: { hu: 'Akvarell műhely', en: 'Watercolour workshop', zh: '水彩工作坊' },
    kind: 'workshop',
    audience: 'adult',
    priceEur: 45,
    lessons: 1,
    minutes: 180,
    capacity: 12,
    color: '#15aabf',
    weight: 6,
  },
  {
    name: { hu: 'Sakk kezdőknek', en: 'Chess for beginners', zh: '国际象棋入门' },
    kind: 'course',
    audience: 'child',
    priceEur: 140,
    lessons: 10,
    minutes: 60,
    capacity: 12,
    color: '#495057',
    weight: 9,
  },
  {
    name: { hu: 'Robotika LEGO-val', en: 'LEGO robotics', zh: '乐高机器人编程' },
    kind: 'course',
    audience: 'child',
    priceEur: 280,
    lessons: 12,
    minutes: 90,
    capacity: 8,
    color: '#fd7e14',
    weight: 10,
  },
  {
    name: { hu: 'Felvételi előkészítő – matematika', en: '11+ exam preparation – maths', zh: '小升初数学冲刺' },
    kind: 'course',
    audience: 'child',
    priceEur: 300,
    lessons: 16,
    minutes: 90,
    capacity: 12,
    color: '#7950f2',
    weight: 11,
  },
  {
    name: { hu: 'Érettségi előkészítő – angol', en: 'GCSE English revision', zh: '高考英语冲刺' },
    kind: 'course',
    audience: 'teen',
    priceEur: 320,
    lessons: 16,
    minutes: 90,
    capacity: 12,
    color: '#be4bdb',
    weight: 9,
  },
  {
    name: { hu: 'Egyéni matematika magánóra', en: 'One-to-one maths tutoring', zh: '一对一数学辅导' },
    kind: 'individual',
    audience: 'teen',
    priceEur: 350,
    lessons: 10,
    minutes: 60,
    capacity: 1,
    color: '#868e96',
    weight: 3,
  },
  {
    name: { hu: 'Kínai nyelv kezdőknek', en: 'Mandarin Chinese for beginners', zh: '汉语拼音与书法' },
    kind: 'course',
    audience: 'adult',
    priceEur: 260,
    lessons: 14,
    minutes: 90,
    capacity: 10,
    color: '#fa5252',
    weight: 5,
  },
];

type Origin = 'hu' | 'en' | 'zh';
interface NamePool {
  surnames: readonly (readonly [string, string])[];
  female: readonly (readonly [string, string])[];
  male: readonly (readonly [string, string])[];
}

const same = (names: readonly string[]) => names.map((n) => [n, n] as const);

const namePools: Record<Origin, NamePool> = {
  hu: {
    surnames: same([
      'Nagy',
      'Kovács',
      'Tóth',
      'Szabó',
      'Horváth',
      'Varga',
      'Kiss',
      'Molnár',
      'Németh',
      'Farkas',
      'Balogh',
      'Papp',
      'Takács',
      'Juhász',
      'Lakatos',
      'Mészáros',
      'Oláh',
      'Simon',
      'Rácz',
      'Fekete',
      'Szilágyi',
      'Török',
      'Fehér',
      'Balázs',
      'Gál',
      'Kis',
      'Szűcs',
      'Kocsis',
      'Pintér',
      'Fodor',
      'Szalai',
      'Sipos',
      'Magyar',
      'Lukács',
      'Gulyás',
      'Bíró',
      'Király',
      'Katona',
      'László',
      'Jakab',
    ]),
    female: same([
      'Anna',
      'Eszter',
      'Zsófia',
      'Réka',
      'Katalin',
      'Júlia',
      'Hanna',
      'Lili',
      'Boglárka',
      'Dóra',
      'Viktória',
      'Noémi',
      'Petra',
      'Fanni',
      'Luca',
      'Emma',
      'Zoé',
      'Léna',
      'Mira',
      'Ildikó',
      'Erzsébet',
      'Éva',
      'Krisztina',
      'Mónika',
      'Andrea',
      'Orsolya',
      'Tímea',
      'Beáta',
    ]),
    male: same([
      'Bence',
      'Máté',
      'Levente',
      'Dávid',
      'Dániel',
      'Ádám',
      'Balázs',
      'Péter',
      'László',
      'Gábor',
      'Zoltán',
      'Tamás',
      'Attila',
      'Gergő',
      'Márk',
      'Olivér',
      'Marcell',
      'Zsombor',
      'Botond',
      'Noel',
      'András',
      'István',
      'József',
      'Ferenc',
      'Csaba',
      'Áron',
      'Kristóf',
      'Barnabás',
    ]),
  },
  en: {
    surnames: same([
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Williams',
      'Wilson',
      'Johnson',
      'Davies',
      'Robinson',
      'Wright',
      'Thompson',
      'Evans',
      'Walker',
      'White',
      'Roberts',
      'Green',
      'Hall',
      'Wood',
      'Jackson',
      'Clarke',
      'Patel',
      'Khan',
      'Lewis',
      'Harris',
      'Martin',
      'Cooper',
      'Hughes',
      'Edwards',
      'Turner',
      'Hill',
      "O'Brien",
      'Murphy',
    ]),
    female: same([
      'Olivia',
      'Amelia',
      'Isla',
      'Ava',
      'Emily',
      'Sophia',
      'Grace',
      'Mia',
      'Poppy',
      'Ella',
      'Charlotte',
      'Lucy',
      'Hannah',
      'Sarah',
      'Emma',
      'Laura',
      'Rachel',
      'Chloe',
      'Jessica',
      'Megan',
      'Zoe',
      'Freya',
    ]),
    male: same([
      'Oliver',
      'George',
      'Harry',
      'Jack',
      'Noah',
      'Leo',
      'Arthur',
      'Oscar',
      'Charlie',
      'Jacob',
      'Thomas',
      'James',
      'William',
      'Daniel',
      'Samuel',
      'Michael',
      'David',
      'Andrew',
      'Ben',
      'Alfie',
      'Henry',
      'Joseph',
    ]),
  },
  zh: {
    surnames: [
      ['王', 'Wang'],
      ['李', 'Li'],
      ['张', 'Zhang'],
      ['刘', 'Liu'],
      ['陈', 'Chen'],
      ['杨', 'Yang'],
      ['黄', 'Huang'],
      ['赵', 'Zhao'],
      ['吴', 'Wu'],
      ['周', 'Zhou'],
      ['徐', 'Xu'],
      ['孙', 'Sun'],
      ['马', 'Ma'],
      ['朱', 'Zhu'],
      ['胡', 'Hu'],
      ['郭', 'Guo'],
      ['何', 'He'],
      ['林', 'Lin'],
      ['罗', 'Luo'],
      ['高', 'Gao'],
    ],
    female: [
      ['芳', 'Fang'],
      ['娜', 'Na'],
      ['敏', 'Min'],
      ['静', 'Jing'],
      ['丽', 'Li'],
      ['艳', 'Yan'],
      ['娟', 'Juan'],
      ['秀英', 'Xiuying'],
      ['欣怡', 'Xinyi'],
      ['子涵', 'Zihan'],
      ['雨桐', 'Yutong'],
      ['一诺', 'Yinuo'],
      ['诗涵', 'Shihan'],
      ['梦琪', 'Mengqi'],
    ],
    male: [
      ['伟', 'Wei'],
      ['强', 'Qiang'],
      ['磊', 'Lei'],
      ['洋', 'Yang'],
      ['勇', 'Yong'],
      ['军', 'Jun'],
      ['杰', 'Jie'],
      ['涛', 'Tao'],
      ['明', 'Ming'],
      ['超', 'Chao'],
      ['浩然', 'Haoran'],
      ['梓轩', 'Zixuan'],
      ['宇轩', 'Yuxuan'],
      ['俊杰', 'Junjie'],
    ],
  },
};

const emailDomains: Record<Origin, readonly string[]> = {
  hu: ['gmail.com', 'gmail.com', 'freemail.hu', 'citromail.hu', 'outlook.com', 'yahoo.com', 't-online.hu'],
  en: ['gmail.com', 'gmail.com', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'hotmail.co.uk', 'btinternet.com'],
  zh: ['qq.com', 'qq.com', '163.com', '126.com', 'gmail.com', 'outlook.com'],
};

interface Phrases {
  rooms: readonly string[];
  sources: readonly string[];
  tags: readonly string[];
  calls: readonly string[];
  messages: readonly string[];
  notes: readonly string[];
  statusNote: string;
  transferRef: string;
  assistant: string;
  season: (month: number) => string;
}

const phrases: Record<Language, Phrases> = {
  hu: {
    rooms: ['Nagyterem', 'Kék terem', 'Zöld terem', 'Műterem', 'Kisterem', 'Online'],
    sources: ['Facebook', 'Instagram', 'ajánlás', 'Google', 'szórólap', 'iskolai plakát', 'korábbi tanítvány'],
    tags: ['VIP', 'testvérkedvezmény', 'számlát kér', 'céges', 'nyári tábor', 'hírlevél'],
    calls: [
      'Felhívtam, érdeklődik az őszi csoport iránt',
      'Visszahívást kért délutánra',
      'Nem vette fel, később újra próbálom',
      'Egyeztettük az órarendet',
      'Fizetési emlékeztető telefonon',
    ],
    messages: [
      'Elküldtem az órarendet e-mailben',
      'SMS-ben emlékeztettem a befizetésre',
      'Messengeren kérdezett a szintfelmérőről',
      'Elküldtem a számlát',
    ],
    notes: [
      'Kicsit félénk, a kisebb csoport jobb neki',
      'Szülő kéri, hogy a testvérrel egy csoportba kerüljön',
      'Szeptembertől változik a munkarendje',
      'Próbaóra után döntenek',
    ],
    statusNote: 'Státusz módosítva',
    transferRef: 'UTALÁS',
    assistant: 'Asszisztens',
    season: (m) => (m <= 2 ? 'tél' : m <= 5 ? 'tavasz' : m <= 8 ? 'nyár' : 'ősz'),
  },
  en: {
    rooms: ['Main hall', 'Blue room', 'Green room', 'Studio', 'Small room', 'Online'],
    sources: ['Facebook', 'Instagram', 'word of mouth', 'Google', 'flyer', 'school newsletter', 'former student'],
    tags: ['VIP', 'sibling discount', 'needs invoice', 'corporate', 'summer camp', 'newsletter'],
    calls: [
      'Called, interested in the autumn group',
      'Asked to be called back in the afternoon',
      'No answer, will try again',
      'Agreed the timetable',
      'Payment reminder by phone',
    ],
    messages: [
      'Sent the timetable by e-mail',
      'Texted a payment reminder',
      'Asked about the placement test on Messenger',
      'Sent the invoice',
    ],
    notes: [
      'A little shy, a smaller group suits better',
      'Parent asks for the same group as the sibling',
      'Working hours change from September',
      'Will decide after the trial lesson',
    ],
    statusNote: 'Status changed',
    transferRef: 'TRANSFER',
    assistant: 'Assistant',
    season: (m) => (m <= 2 ? 'winter' : m <= 5 ? 'spring' : m <= 8 ? 'summer' : 'autumn'),
  },
  zh: {
    rooms: ['大教室', '蓝色教室', '绿色教室', '美术室', '小教室', '线上'],
    sources: ['微信', '小红书', '朋友推荐', '百度', '传单', '学校公众号', '老学员'],
    tags: ['VIP', '兄弟姐妹优惠', '需要发票', '企业客户', '夏令营', '订阅通知'],
    calls: ['已致电，对秋季班感兴趣', '要求下午回电', '未接通，稍后再打', '已确认课表', '电话提醒缴费'],
    messages: ['已通过邮件发送课表', '短信提醒缴费', '微信咨询分级测试', '已发送发票'],
    notes: ['性格有点内向，适合小班', '家长希望和兄弟姐妹同班', '九月起工作时间变化', '试听后再决定'],
    statusNote: '状态已更改',
    transferRef: '转账',
    assistant: '助理',
    season: (m) => (m <= 2 ? '冬季' : m <= 5 ? '春季' : m <= 8 ? '夏季' : '秋季'),
  },
};

const teacherNames: Record<Language, readonly string[]> = {
  hu: [
    'Szabó Judit',
    'Kertész Ádám',
    'Vass Eszter',
    'Bognár Péter',
    'Halász Nóra',
    'Pap Gergely',
    'Somogyi Klára',
    'Fazekas Tibor',
    'Vörös Anikó',
    'Deák Levente',
    'Hegedűs Rita',
    'Soós Márton',
  ],
  en: [
    'Judith Palmer',
    'Adam Fletcher',
    'Esther Lane',
    'Peter Doyle',
    'Nora Hayes',
    'Gregory Shaw',
    'Clare Bennett',
    'Tom Fisher',
    'Annie Ward',
    'Leon Marsh',
    'Rita Gordon',
    'Martin Reid',
  ],
  zh: ['王老师', '李老师', '张老师', '刘老师', '陈老师', '杨老师', '赵老师', '黄老师', '周老师', '吴老师', '孙老师', '马老师'],
};

/** Rough euro rates so demo prices look like prices in the workspace currency. */
const euroRates: Record<string, number> = {
  HUF: 400,
  EUR: 1,
  USD: 1.1,
  GBP: 0.85,
  CNY: 8,
  CHF: 0.95,
  CZK: 25,
  PLN: 4.3,
  RON: 5,
  JPY: 165,
  SEK: 11.5,
  NOK: 11.7,
  DKK: 7.5,
};

function languageOf(locale: string): Language {
  const lang = locale.toLowerCase().slice(0, 2);
  return lang === 'hu' ? 'hu' : lang === 'zh' ? 'zh' : 'en';
}

// ---- the seed --------------------------------------------------------------------

export interface SeedOptions {
  clients: number;
  seed?: string | number;
  /** Writes per funnel call (one transaction each). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  seed: string;
  today: string;
  programs: number;
  teachers: number;
  rooms: number;
  cohorts: number;
  clients: number;
  children: number;
  enrollments: number;
  instalments: number;
  payments: number;
  activities: number;
  changes: number;
  ms: number;
}

interface CohortPlan {
  id: string;
  program: ProgramPlan;
  startOn: string;
  endOn: string;
  status: CohortStatus;
  capacity: number;
  priceMinor: number;
  seatsTaken: number;
}

interface ProgramPlan {
  id: string;
  template: ProgramTemplate;
  priceMinor: number;
  cohorts: CohortPlan[];
}

interface Person {
  id: string;
  origin: Origin;
  surname: readonly [string, string];
  firstName: readonly [string, string];
  audience: Audience;
}

const statusByCohort: Record<CohortStatus | 'none', readonly (readonly [EnrollmentStatus, number])[]> = {
  finished: [
    ['completed', 70],
    ['cancelled', 9],
    ['declined', 8],
    ['transferred', 4],
    ['confirmed', 9],
  ],
  running: [
    ['confirmed', 76],
    ['trial', 8],
    ['cancelled', 6],
    ['declined', 5],
    ['waitlist', 5],
  ],
  open: [
    ['confirmed', 42],
    ['thinking', 18],
    ['inquiry', 14],
    ['trial', 6],
    ['waitlist', 10],
    ['declined', 10],
  ],
  planned: [
    ['confirmed', 25],
    ['thinking', 25],
    ['inquiry', 30],
    ['waitlist', 10],
    ['declined', 10],
  ],
  cancelled: [['cancelled', 100]],
  none: [
    ['inquiry', 50],
    ['thinking', 30],
    ['waitlist', 20],
  ],
};

const billable = new Set<EnrollmentStatus>(['trial', 'confirmed', 'completed', 'transferred']);
const seatTaking = new Set<EnrollmentStatus>(['trial', 'confirmed', 'completed']);

function hasClients(ctx: ServiceContext): boolean {
  return ctx.db.sqlite.prepare('SELECT 1 FROM clients LIMIT 1').get() !== undefined;
}

export function seedDemo(ctx: ServiceContext, options: SeedOptions): SeedResult {
  const started = performance.now();
  const total = Math.floor(options.clients);
  if (!Number.isFinite(total) || total < 1 || total > 2_000_000) {
    throw new AppError('VALIDATION', 'Give between 1 and 2,000,000 clients', [
      { path: ['clients'], code: 'out_of_range', message: 'Give between 1 and 2,000,000 clients' },
    ]);
  }
  if (hasClients(ctx)) {
    throw new AppError('CONFLICT', 'This database already holds clients: the demo is only seeded into an empty workspace', [
      { path: ['db'], code: 'not_empty', message: 'The database already holds clients' },
    ]);
  }
  const settings = getSettings(ctx);
  const seed = String(options.seed ?? 1);
  const rng = new Random(seed);
  const language = languageOf(settings.locale);
  const words = phrases[language];
  const currency = settings.currency;
  const country = settings.country ?? (language === 'hu' ? 'HU' : language === 'zh' ? 'CN' : 'GB');
  const today = todayIn(settings.timeZone, ctx.clock.now());
  const batchSize = options.batchSize ?? 4000;
  const counts = { enrollments: 0, instalments: 0, payments: 0, activities: 0, children: 0 };
  const changesBefore = (ctx.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;

  /** Money is rounded to what a school would ask: 1,000 Ft, 10 yuan, 5 euros. */
  const priceStep = currency === 'HUF' || currency === 'JPY' ? 1000 : currency === 'CNY' || currency === 'CZK' ? 10 : 5;
  const unitMinor = toMinor(currency === 'HUF' ? 100 : 1, currency);
  const price = (eur: number) =>
    toMinor(Math.max(priceStep, Math.round((eur * (euroRates[currency] ?? 1)) / priceStep) * priceStep), currency);
  const roundToUnit = (minor: number) => Math.max(unitMinor, Math.round(minor / unitMinor) * unitMinor);

  let pending: Write[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    applyChanges(ctx, pending);
    pending = [];
  };
  const write = (w: Write) => {
    pending.push(w);
    if (pending.length >= batchSize) flush();
  };

  // People who work here.
  let assistant = findUserByUsername(ctx, 'assistant');
  if (!assistant) assistant = createUser(ctx, { username: 'assistant', displayName: words.assistant, role: 'assistant' });
  const staff = [ctx.actor.userId, assistant.id];

  const teacherCount = Math.min(teacherNames[language].length, Math.max(6, Math.ceil(total / 800)));
  const teacherIds = teacherNames[language].slice(0, teacherCount).map((name, i) => {
    const id = newId(ctx);
    const slug = name
      .normalize('NFD')
      .replace(/[^\p{L}\s]/gu, '')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/\s+/)
      .reverse()
      .join('.');
    write({
      op: 'insert',
      table: 'teachers',
      id,
      values: { name, email: /^[a-z.]+$/.test(slug) ? `${slug}@example.org` : `teacher${i + 1}@example.org`, phone: null },
    });
    return id;
  });
  const roomIds = words.rooms.map((name, i) => {
    const id = newId(ctx);
    write({ op: 'insert', table: 'rooms', id, values: { name, capacity: i === words.rooms.length - 1 ? null : rng.int(8, 20) } });
    return id;
  });

  // Programs and their cohorts, from a year ago to four months ahead.
  const programs: ProgramPlan[] = programTemplates.map((template) => {
    const id = newId(ctx);
    const priceMinor = price(template.priceEur);
    write({
      op: 'insert',
      table: 'programs',
      id,
      values: {
        name: template.name[language],
        kind: template.kind,
        description: null,
        defaultPriceMinor: priceMinor,
        defaultCapacity: template.capacity,
        lessonCount: template.lessons,
        lessonMinutes: template.minutes,
        color: template.color,
      },
    });
    return { id, template, priceMinor, cohorts: [] };
  });
  const weightSum = programTemplates.reduce((s, t) => s + t.weight, 0);
  const expectedEnrollments = total * 1.05;
  const thisMonth = `${today.slice(0, 7)}-01`;
  const startTimes = ['09:00', '10:00', '16:00', '16:30', '17:00', '17:30', '18:00', '18:30'];
  let cohortCount = 0;
  for (const program of programs) {
    const t = program.template;
    const wanted = Math.max(2, Math.round((expectedEnrollments * (t.weight / weightSum)) / Math.max(1, t.capacity * 0.8)));
    const perMonth = new Map<string, number>();
    for (let i = 0; i < wanted; i++) {
      const monthOffset = rng.int(-12, 4);
      const month = format(addMonths(parseISO(thisMonth), monthOffset), 'yyyy-MM-dd');
      const startOn = addDaysIso(month, rng.int(0, 20));
      const weekly = t.lessons === 1 ? 1 : t.lessons >= 14 && rng.chance(0.5) ? 2 : 1;
      const endOn = addDaysIso(startOn, Math.max(0, Math.ceil(t.lessons / weekly) - 1) * 7);
      const cancelled = rng.chance(0.04);
      const status: CohortStatus = cancelled
        ? 'cancelled'
        : endOn < today
          ? 'finished'
          : startOn <= today
            ? 'running'
            : monthOffset >= 3
              ? 'planned'
              : 'open';
      const letter = String.fromCharCode(65 + (perMonth.get(month) ?? 0));
      perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
      const id = newId(ctx);
      const startMonth = Number(startOn.slice(5, 7)) - 1;
      const firstDay = rng.int(1, 6);
      const slotTime = t.audience === 'adult' ? rng.pick(startTimes.slice(4)) : rng.pick(startTimes);
      const schedule = Array.from({ length: weekly }, (_, k) => ({
        weekday: ((firstDay - 1 + k * 2) % 6) + 1,
        startTime: slotTime,
        minutes: t.minutes,
      }));
      const priceMinor = rng.chance(0.2) ? price(t.priceEur * rng.pick([0.9, 1.1, 1.2])) : program.priceMinor;
      const capacity = t.capacity;
      write({
        op: 'insert',
        table: 'cohorts',
        id,
        values: {
          programId: program.id,
          name: `${t.name[language]} – ${startOn.slice(0, 4)} ${words.season(startMonth)} ${letter}`,
          teacherId: rng.pick(teacherIds),
          roomId: rng.pick(roomIds),
          startOn,
          endOn,
          schedule: JSON.stringify(schedule),
          capacity,
          minimumToRun: Math.max(1, Math.floor(capacity / 2)),
          priceMinor: priceMinor === program.priceMinor ? null : priceMinor,
          status,
          published: status === 'open',
        },
      });
      program.cohorts.push({ id, program, startOn, endOn, status, capacity, priceMinor, seatsTaken: 0 });
      cohortCount++;
    }
  }
  const programWeights = (audience: Audience) =>
    programs.map(
      (p, i) =>
        [
          i,
          p.template.audience === audience || (audience === 'teen' && p.template.audience === 'child')
            ? p.template.weight * 3
            : p.template.weight * (audience === 'adult' ? 0.05 : 0.3),
        ] as const,
    );
  const weightsBy: Record<Audience, readonly (readonly [number, number])[]> = {
    child: programWeights('child'),
    teen: programWeights('teen'),
    adult: programWeights('adult'),
  };

  // Contact details that look real and, apart from a few deliberate duplicates, are unique.
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const phoneFor = (origin: Origin): string => {
    for (;;) {
      const region = origin === 'zh' && rng.chance(0.3) ? 'CN' : origin === 'en' && country === 'HU' && rng.chance(0.5) ? 'GB' : country;
      const phone =
        region === 'HU'
          ? `+36${rng.pick(['20', '30', '70', '31'])}${rng.digits(7)}`
          : region === 'CN'
            ? `+861${rng.pick(['3', '5', '8', '9'])}${rng.digits(9)}`
            : region === 'US'
              ? `+1${rng.pick(['212', '415', '617', '312', '206'])}${rng.int(2, 9)}${rng.digits(6)}`
              : `+447${rng.pick(['4', '5', '7', '8', '9'])}${rng.digits(8)}`;
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone);
        return phone;
      }
    }
  };
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  const emailFor = (person: Person): string => {
    const first = ascii(person.firstName[1]);
    const last = ascii(person.surname[1]);
    const domains = emailDomains[person.origin];
    for (let attempt = 0; ; attempt++) {
      const local = rng.weighted([
        [`${first}.${last}`, 4],
        [`${last}.${first}`, 2],
        [`${first}${last}`, 2],
        [`${first[0]}${last}`, 1],
      ] as const);
      const suffix = attempt === 0 && rng.chance(0.4) ? '' : String(rng.int(1, attempt < 3 ? 99 : 99999));
      const email = `${local}${suffix}@${rng.pick(domains)}`;
      if (!usedEmails.has(email)) {
        usedEmails.add(email);
        return email;
      }
    }
  };
  const originFor = (): Origin =>
    language === 'hu'
      ? rng.weighted([
          ['hu', 78],
          ['en', 10],
          ['zh', 12],
        ] as const)
      : language === 'zh'
        ? rng.weighted([
            ['zh', 85],
            ['en', 15],
          ] as const)
        : rng.weighted([
            ['en', 80],
            ['zh', 12],
            ['hu', 8],
          ] as const);
  const displayName = (origin: Origin, surname: string, first: string) =>
    origin === 'zh' ? `${surname}${first}` : origin === 'hu' ? `${surname} ${first}` : `${first} ${surname}`;
  const birthDate = (minAge: number, maxAge: number) => addDaysIso(today, -(rng.int(minAge, maxAge) * 365 + rng.int(0, 364)));
  const at = (date: string, hour = rng.int(8, 19)) =>
    `${date}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
  const clampToday = (date: string) => (date > today ? today : date);

  const insertClient = (person: Person, values: Record<string, unknown>) => {
    write({
      op: 'insert',
      table: 'clients',
      id: person.id,
      values: {
        firstName: person.firstName[0],
        lastName: person.surname[0],
        displayName: displayName(person.origin, person.surname[0], person.firstName[0]),
        sourceChannel: rng.chance(0.8) ? rng.pick(words.sources) : null,
        tags: JSON.stringify(rng.chance(0.15) ? [rng.pick(words.tags)] : []),
        marketingConsent: rng.chance(0.55),
        ...values,
      },
    });
  };

  const enroll = (person: Person, payerNote: boolean) => {
    const programIndex = rng.weighted(weightsBy[person.audience]);
    const program = programs[programIndex] as ProgramPlan;
    let cohort: CohortPlan | null = null;
    let status: EnrollmentStatus;
    if (rng.chance(0.12)) {
      status = rng.weighted(statusByCohort.none);
    } else {
      cohort = rng.pick(program.cohorts);
      status = rng.weighted(statusByCohort[cohort.status]);
      for (let attempt = 0; seatTaking.has(status) && cohort.seatsTaken >= cohort.capacity && attempt < 4; attempt++) {
        cohort = rng.pick(program.cohorts);
        status = rng.weighted(statusByCohort[cohort.status]);
      }
      if (seatTaking.has(status) && cohort.seatsTaken >= cohort.capacity) status = cohort.status === 'finished' ? 'declined' : 'waitlist';
      if (seatTaking.has(status)) cohort.seatsTaken++;
    }
    const listPrice = cohort?.priceMinor ?? program.priceMinor;
    const agreedPriceMinor = rng.chance(0.06) ? roundToUnit(listPrice * rng.pick([0.8, 0.85, 0.9])) : listPrice;
    const discountMinor = rng.chance(0.12) ? roundToUnit(agreedPriceMinor * rng.pick([0.05, 0.1, 0.15])) : 0;
    const anchor = cohort?.startOn ?? addDaysIso(today, -rng.int(0, 120));
    const askedOn = clampToday(addDaysIso(anchor, -rng.int(7, 60)));
    const decidedOn = clampToday(addDaysIso(anchor, -rng.int(0, 6)));
    const enrollmentId = newId(ctx);
    write({
      op: 'insert',
      table: 'enrollments',
      id: enrollmentId,
      values: {
        clientId: person.id,
        programId: program.id,
        cohortId: cohort?.id ?? null,
        status,
        agreedPriceMinor,
        discountMinor,
        notifyBeforeDays: cohort === null && rng.chance(0.5) ? rng.pick([3, 7, 14]) : null,
        followUpOn: status === 'thinking' || status === 'inquiry' ? addDaysIso(today, rng.int(-5, 20)) : null,
        reasonLost: status === 'declined' || status === 'cancelled' ? rng.pick(words.notes) : null,
        source: rng.chance(0.5) ? rng.pick(words.sources) : null,
        notes: payerNote && rng.chance(0.2) ? rng.pick(words.notes) : null,
      },
    });
    counts.enrollments++;
    const firstStatus: EnrollmentStatus =
      status === 'waitlist' || status === 'thinking'
        ? 'inquiry'
        : status === 'inquiry'
          ? 'inquiry'
          : rng.pick(['inquiry', 'thinking', 'trial'] as const);
    write({
      op: 'insert',
      table: 'enrollment_status_history',
      values: { enrollmentId, fromStatus: null, toStatus: firstStatus, changedAt: at(askedOn), changedBy: rng.pick(staff), note: null },
    });
    if (firstStatus !== status) {
      write({
        op: 'insert',
        table: 'enrollment_status_history',
        values: {
          enrollmentId,
          fromStatus: firstStatus,
          toStatus: status,
          changedAt: at(decidedOn),
          changedBy: rng.pick(staff),
          note: words.statusNote,
        },
      });
    }

    const activityCount = rng.weighted([
      [0, 35],
      [1, 40],
      [2, 20],
      [3, 5],
    ] as const);
    for (let i = 0; i < activityCount; i++) {
      const kind = rng.weighted([
        ['call', 45],
        ['message', 35],
        ['note', 15],
        ['visit', 5],
      ] as const);
      const summary = kind === 'call' ? rng.pick(words.calls) : kind === 'message' ? rng.pick(words.messages) : rng.pick(words.notes);
      write({
        op: 'insert',
        table: 'activities',
        values: {
          clientId: person.id,
          enrollmentId,
          kind,
          occurredAt: at(clampToday(addDaysIso(askedOn, rng.int(0, 30)))),
          summary,
          userId: rng.pick(staff),
        },
      });
      counts.activities++;
    }

    const owed = agreedPriceMinor - discountMinor;
    if (!billable.has(status) || owed <= 0) return;
    if (status === 'confirmed' && rng.chance(0.04)) return;
    const instalmentCount =
      owed < price(60)
        ? 1
        : rng.weighted([
            [1, 35],
            [2, 15],
            [3, 25],
            [4, 25],
          ] as const);
    const firstDueOn = addDaysIso(cohort?.startOn ?? anchor, -rng.int(0, 7));
    const amounts = splitEvenly(owed, instalmentCount, unitMinor);
    const dueDates = monthlyDates(firstDueOn, instalmentCount);
    for (let i = 0; i < instalmentCount; i++) {
      const dueOn = dueDates[i] as string;
      const amountMinor = amounts[i] as number;
      write({ op: 'insert', table: 'instalments', values: { enrollmentId, dueOn, amountMinor, note: null } });
      counts.instalments++;
      let paidMinor = 0;
      let paidOn = dueOn;
      if (dueOn <= today) {
        const trialDiscount = status === 'trial' ? 0.5 : 0;
        const outcome = rng.weighted([
          ['full', 72 - trialDiscount * 60],
          ['partial', 12],
          ['none', 16 + trialDiscount * 48],
        ] as const);
        paidMinor =
          outcome === 'full'
            ? amountMinor
            : outcome === 'partial'
              ? Math.min(amountMinor - unitMinor, roundToUnit(amountMinor * rng.pick([0.3, 0.5, 0.7])))
              : 0;
        paidOn = clampToday(addDaysIso(dueOn, rng.int(-10, 12)));
      } else if (rng.chance(0.15)) {
        paidMinor = amountMinor;
        paidOn = addDaysIso(today, -rng.int(0, 20));
      }
      if (paidMinor > 0 && rng.chance(0.005)) paidMinor += amountMinor;
      if (paidMinor <= 0) continue;
      const method: PaymentMethod = rng.weighted([
        ['transfer', 45],
        ['cash', 30],
        ['card', 25],
      ] as const);
      write({
        op: 'insert',
        table: 'payments',
        values: {
          clientId: person.id,
          enrollmentId,
          paidOn,
          amountMinor: paidMinor,
          method,
          reference: method === 'transfer' ? `${words.transferRef}-${rng.digits(8)}` : null,
          receivedBy: rng.pick(staff),
        },
      });
      counts.payments++;
    }
  };

  const newPerson = (origin: Origin, audience: Audience, surname?: readonly [string, string]): Person => {
    const pool = namePools[origin];
    return {
      id: newId(ctx),
      origin,
      surname: surname ?? rng.pick(pool.surnames),
      firstName: rng.pick(rng.chance(0.55) ? pool.female : pool.male),
      audience,
    };
  };

  let made = 0;
  const previous: { person: Person; phone: string | null; email: string | null }[] = [];
  while (made < total) {
    const origin = originFor();
    const family = total - made >= 2 && rng.chance(0.33);
    const adult = newPerson(origin, 'adult');
    const duplicateOf = previous.length > 0 && rng.chance(0.004) ? rng.pick(previous) : null;
    const noContact = !family && rng.chance(0.02);
    const phone = duplicateOf?.phone ?? (noContact ? null : rng.chance(0.93) ? phoneFor(origin) : null);
    const email = duplicateOf?.email ?? (noContact ? null : rng.chance(phone ? 0.75 : 1) ? emailFor(duplicateOf?.person ?? adult) : null);
    const person = duplicateOf ? { ...duplicateOf.person, id: adult.id } : adult;
    insertClient(person, { phone, email, birthDate: rng.chance(0.35) ? birthDate(19, 68) : null, notes: null });
    made++;
    if (previous.length < 5000) previous.push({ person, phone, email });
    if (!family || rng.chance(0.12)) enroll(person, true);
    if (family) {
      const children = Math.min(total - made, rng.chance(0.7) ? 1 : 2);
      for (let c = 0; c < children; c++) {
        const age = rng.int(5, 17);
        const child = newPerson(origin, age >= 13 ? 'teen' : 'child', person.surname);
        insertClient(child, {
          guardianId: person.id,
          phone: age >= 14 && rng.chance(0.4) ? phoneFor(origin) : null,
          email: age >= 15 && rng.chance(0.3) ? emailFor(child) : null,
          birthDate: addDaysIso(today, -(age * 365 + rng.int(0, 364))),
        });
        made++;
        counts.children++;
        enroll(child, false);
        if (rng.chance(0.15)) enroll(child, false);
      }
    }
    options.onProgress?.(made, total);
  }
  flush();

  const changesAfter = (ctx.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
  return {
    seed,
    today,
    programs: programs.length,
    teachers: teacherIds.length,
    rooms: roomIds.length,
    cohorts: cohortCount,
    clients: made,
    children: counts.children,
    enrollments: counts.enrollments,
    instalments: counts.instalments,
    payments: counts.payments,
    activities: counts.activities,
    changes: changesAfter - changesBefore,
    ms: performance.now() - started,
  };
}
