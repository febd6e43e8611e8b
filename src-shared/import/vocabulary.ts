/**
 * The words schools write in their sheets, in the six languages our users keep
 * records in (Hungarian, Chinese, English, French, German, Russian): column
 * headers per import field, enrollment status words, and the labels of totals
 * rows. Matching is done on a folded form (lower case, accents and punctuation
 * removed for Latin and Cyrillic script, CJK left as is), so "E-mail cím",
 * "email cim" and "EMAIL" are one header. Each synonym remembers its language,
 * which tells the importer how the file writes names, numbers and dates.
 *
 * Money columns are named with the words of each country's school accounting:
 * what is receivable or due (the agreed price), what was received (the payment),
 * and what is still owed (arrears, the balance) — "应收 / 实收 / 欠费",
 * "előírás / befizetve / hátralék", "montant dû / reçu / reste à payer". A bare
 * word that also starts other headers ("due" in "due date") is left out, because
 * a header is also matched by its first words.
 */
import type { EnrollmentStatus } from '../domain';
import type { ImportField } from '../api/imports-methods';
import { perCharacter } from './per-character';

export type SheetLanguage = 'hu' | 'zh' | 'en' | 'fr' | 'de' | 'ru';

// eslint-disable-next-line no-control-regex
const asciiOnly = /^[\x00-\x7f]*$/;

/** Lower case, no accents, no punctuation or spaces: the key every comparison uses. */
export function fold(text: string): string {
  // Plain ASCII has no marks to strip and nothing to decompose: the same key without the Unicode passes
  // (an import folds every cell of every row to recognise templates and totals).
  if (asciiOnly.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return foldByChar(text) ?? foldWhole(text);
}

function foldWhole(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The fold a character at a time (per-character.ts says why that gives the same text): an
 * accented name in every row of a big sheet is folded from a table, not by a Unicode pass per
 * cell; null: fold it whole.
 */
const foldByChar = perCharacter(foldWhole);

type Synonyms = Record<SheetLanguage, readonly string[]>;

const headerWords: Record<ImportField, Partial<Synonyms>> = {
  fullName: {
    hu: ['név', 'teljes név', 'ügyfél', 'ügyfél neve', 'résztvevő', 'tanuló', 'diák', 'gyermek neve', 'jelentkező'],
    zh: ['姓名', '名字', '学员', '学员姓名', '学生', '学生姓名', '客户', '客户姓名', '孩子姓名'],
    en: ['name', 'full name', 'client', 'client name', 'student', 'student name', 'participant', 'customer', 'child name'],
    fr: ['nom complet', 'nom et prénom', 'nom prénom', 'élève', 'participant', 'client', 'stagiaire'],
    de: ['vollständiger name', 'teilnehmer', 'teilnehmerin', 'schüler', 'kunde', 'name des kindes'],
    ru: ['фио', 'имя и фамилия', 'ученик', 'клиент', 'участник', 'студент'],
  },
  firstName: {
    hu: ['keresztnév', 'utónév'],
    zh: ['名'],
    en: ['first name', 'firstname', 'given name', 'forename'],
    fr: ['prénom'],
    de: ['vorname'],
    ru: ['имя'],
  },
  lastName: {
    hu: ['vezetéknév', 'családnév'],
    zh: ['姓'],
    en: ['last name', 'lastname', 'surname', 'family name'],
    fr: ['nom', 'nom de famille'],
    de: ['nachname', 'familienname'],
    ru: ['фамилия'],
  },
  email: {
    hu: ['e-mail cím', 'email cím', 'emailcím', 'levelezési cím'],
    zh: ['邮箱', '电子邮件', '电邮', '电子邮箱', '邮件'],
    en: ['email', 'e-mail', 'mail', 'email address', 'e-mail address'],
    fr: ['courriel', 'adresse e-mail', 'adresse mail', 'mél'],
    de: ['e-mail-adresse', 'emailadresse'],
    ru: ['почта', 'электронная почта', 'эл почта', 'эл. почта'],
  },
  phone: {
    hu: ['telefon', 'telefonszám', 'tel', 'mobil', 'mobilszám', 'elérhetőség'],
    zh: ['电话', '联系电话', '手机', '手机号', '手机号码', '电话号码', '联系方式'],
    en: ['phone', 'phone number', 'mobile', 'cell', 'telephone', 'mobile number'],
    fr: ['téléphone', 'portable', 'tél', 'numéro de téléphone'],
    de: ['telefonnummer', 'handy', 'handynummer', 'mobilnummer'],
    ru: ['телефон', 'тел', 'мобильный', 'номер телефона'],
  },
  birthDate: {
    hu: ['születési dátum', 'születésnap', 'szül dátum', 'született', 'születési idő'],
    zh: ['生日', '出生日期'],
    en: ['birthday', 'date of birth', 'dob', 'birth date', 'birthdate', 'born', 'born on'],
    fr: ['date de naissance', 'anniversaire', 'né le', 'née le', 'né e le', 'naissance'],
    de: ['geburtsdatum', 'geburtstag', 'geboren', 'geboren am'],
    ru: ['дата рождения', 'день рождения'],
  },
  notes: {
    hu: ['megjegyzés', 'megj', 'jegyzet', 'megjegyzések'],
    zh: ['备注', '说明', '附注'],
    en: ['notes', 'note', 'comment', 'comments', 'remarks'],
    fr: ['remarque', 'remarques', 'commentaire', 'commentaires'],
    de: ['bemerkung', 'bemerkungen', 'notizen', 'anmerkung', 'kommentar'],
    ru: ['примечание', 'комментарий', 'заметки'],
  },
  sourceChannel: {
    hu: ['forrás', 'honnan hallott rólunk', 'honnan hallott', 'csatorna'],
    zh: ['来源', '渠道', '客户来源'],
    en: ['source', 'channel', 'how did you hear', 'referral'],
    fr: ['source', 'canal', 'provenance'],
    de: ['quelle', 'kanal'],
    ru: ['источник', 'канал'],
  },
  guardianName: {
    hu: ['szülő', 'szülő neve', 'gondviselő', 'gondviselő neve', 'anya', 'apa', 'szülő név'],
    zh: ['家长', '家长姓名', '监护人', '监护人姓名', '父母'],
    en: ['parent', 'guardian', 'parent name', 'guardian name', 'mother', 'father'],
    fr: ['parent', 'nom du parent', 'tuteur', 'responsable légal', 'mère', 'père'],
    de: ['eltern', 'elternteil', 'erziehungsberechtigter', 'mutter', 'vater'],
    ru: ['родитель', 'опекун', 'фио родителя', 'мама', 'папа'],
  },
  guardianPhone: {
    hu: ['szülő telefon', 'szülő telefonszáma', 'szülő tel', 'gondviselő telefon', 'szülő telefonszám'],
    zh: ['家长电话', '家长手机', '监护人电话', '家长联系电话'],
    en: ['parent phone', 'guardian phone', 'parent mobile', 'parents phone'],
    fr: ['téléphone parent', 'téléphone du parent', 'tél parent'],
    de: ['telefon eltern', 'telefon der eltern', 'elterntelefon'],
    ru: ['телефон родителя', 'тел родителя'],
  },
  guardianEmail: {
    hu: ['szülő e-mail', 'szülő email', 'szülő e-mail cím', 'gondviselő e-mail'],
    zh: ['家长邮箱', '家长电子邮件'],
    en: ['parent email', 'guardian email', 'parent e-mail'],
    fr: ['courriel parent', 'e-mail parent', 'courriel du parent'],
    de: ['e-mail eltern', 'eltern e-mail'],
    ru: ['почта родителя', 'email родителя'],
  },
  program: {
    hu: ['tanfolyam', 'kurzus', 'program', 'képzés', 'foglalkozás', 'tanfolyam neve'],
    zh: ['课程', '课程名称', '项目', '科目'],
    en: ['course', 'program', 'programme', 'course name', 'subject', 'workshop'],
    fr: ['cours', 'formation', 'atelier', 'programme', 'stage'],
    de: ['kurs', 'programm', 'kursname', 'veranstaltung'],
    ru: ['курс', 'программа', 'занятие', 'предмет'],
  },
  cohort: {
    hu: ['csoport', 'csoport neve', 'osztály', 'turnus'],
    zh: ['班级', '班', '班次', '组'],
    en: ['group', 'cohort', 'class', 'group name', 'session'],
    fr: ['groupe', 'classe', 'session'],
    de: ['gruppe', 'klasse'],
    ru: ['группа', 'класс', 'поток'],
  },
  startOn: {
    hu: ['kezdés', 'kezdés dátuma', 'indulás', 'kezdő dátum', 'kezdete', 'indul'],
    zh: ['开课日期', '开始日期', '开课时间', '开班日期'],
    en: ['start', 'start date', 'starts', 'starting', 'begins'],
    fr: ['début', 'date de début', 'commence le'],
    de: ['beginn', 'startdatum', 'kursbeginn'],
    ru: ['начало', 'дата начала', 'старт'],
  },
  status: {
    hu: ['státusz', 'státus', 'állapot', 'jelentkezés állapota'],
    zh: ['状态', '报名状态'],
    en: ['status', 'state', 'enrollment status'],
    fr: ['statut', 'état'],
    de: ['anmeldestatus'],
    ru: ['статус', 'состояние'],
  },
  agreedPrice: {
    hu: [
      'ár',
      'díj',
      'tandíj',
      'tanfolyam díja',
      'részvételi díj',
      'összeg',
      'fizetendő',
      'fizetendő összeg',
      'előírás',
      'előírt díj',
      'előírt összeg',
      'követelés',
      'esedékes összeg',
    ],
    zh: ['学费', '价格', '费用', '金额', '应缴', '应收', '应收金额', '应缴金额', '应交', '应付', '应付金额', '收费标准', '费用标准'],
    en: [
      'price',
      'fee',
      'fees',
      'tuition',
      'tuition fee',
      'amount due',
      'total due',
      'course fee',
      'agreed price',
      'receivable',
      'amount receivable',
      'charge',
      'amount charged',
      'invoiced',
      'billed',
    ],
    fr: ['prix', 'tarif', 'montant', 'frais', 'montant dû', 'à recevoir', 'créance', 'frais de scolarité', 'cotisation', 'montant facturé'],
    de: [
      'preis',
      'gebühr',
      'gebühren',
      'kursgebühr',
      'betrag',
      'forderung',
      'sollbetrag',
      'soll',
      'fälliger betrag',
      'zu zahlen',
      'schulgeld',
    ],
    ru: ['цена', 'стоимость', 'сумма', 'к оплате', 'сумма к оплате', 'начислено', 'плата', 'плата за обучение', 'взнос'],
  },
  paid: {
    hu: ['befizetve', 'fizetett', 'befizetett', 'befizetés', 'eddig fizetett', 'kifizetve', 'fizetve', 'befolyt', 'beérkezett', 'jóváírva'],
    zh: ['已缴', '已付', '已交', '实缴', '已缴费', '已付款', '已收', '实收', '实收金额', '已收金额', '已缴金额', '收款', '到账'],
    en: [
      'paid',
      'paid so far',
      'amount paid',
      'deposit',
      'payment',
      'received',
      'amount received',
      'payments received',
      'collected',
      'total paid',
    ],
    fr: ['acompte', 'payé', 'versé', 'montant payé', 'déjà payé', 'reçu', 'montant reçu', 'encaissé', 'réglé', 'montant réglé'],
    de: ['bezahlt', 'gezahlt', 'anzahlung', 'bereits bezahlt', 'erhalten', 'eingegangen', 'zahlungseingang', 'eingezahlt', 'haben'],
    ru: ['оплачено', 'оплата', 'внесено', 'предоплата', 'получено', 'поступило'],
  },
  balance: {
    hu: [
      'hátralék',
      'hátralék összege',
      'tartozás',
      'fennálló tartozás',
      'még fizetendő',
      'fizetendő maradék',
      'egyenleg',
      'hiányzó összeg',
    ],
    zh: ['欠费', '欠款', '欠费金额', '未缴', '未缴金额', '未交', '尚欠', '待缴', '应收未收', '余款'],
    en: [
      'arrears',
      'outstanding',
      'amount outstanding',
      'balance',
      'balance due',
      'owed',
      'amount owed',
      'unpaid',
      'still to pay',
      'left to pay',
    ],
    fr: ['reste à payer', 'reste dû', 'solde', 'solde restant', 'impayé', 'impayés', 'arriéré', 'arriérés'],
    de: ['rückstand', 'rückstände', 'offener betrag', 'restbetrag', 'saldo', 'ausstehend', 'noch zu zahlen'],
    ru: ['задолженность', 'долг', 'остаток', 'остаток к оплате', 'недоплата', 'к доплате'],
  },
  paidOn: {
    hu: ['befizetés dátuma', 'fizetés dátuma', 'fizetés napja'],
    zh: ['缴费日期', '付款日期', '交费日期'],
    en: ['payment date', 'paid on', 'date paid'],
    fr: ['date de paiement', 'date du versement'],
    de: ['zahlungsdatum', 'bezahlt am'],
    ru: ['дата оплаты', 'дата платежа'],
  },
  instalmentCount: {
    hu: ['részletek', 'részletek száma', 'részlet', 'részletfizetés'],
    zh: ['分期', '分期数', '分期付款', '期数'],
    en: ['instalments', 'installments', 'number of instalments', 'number of installments', 'instalment count'],
    fr: ['échéances', 'nombre d échéances', 'mensualités', 'nombre de versements'],
    de: ['raten', 'anzahl raten', 'ratenzahl'],
    ru: ['рассрочка', 'платежей', 'количество платежей', 'взносов'],
  },
  notifyBeforeDays: {
    hu: ['értesítés', 'értesíts', 'értesítés előtte', 'emlékeztető', 'szóljunk előtte'],
    zh: ['提醒', '提前通知', '提前提醒'],
    en: ['notify', 'notify before', 'reminder', 'notify me', 'remind before'],
    fr: ['rappel', 'prévenir', 'prévenir avant'],
    de: ['erinnerung', 'benachrichtigen'],
    ru: ['напоминание', 'уведомить', 'предупредить'],
  },
  lessonsLeft: {
    hu: [
      'alkalom maradt',
      'maradt alkalom',
      'hátralévő alkalmak',
      'megmaradt alkalmak',
      'fennmaradó alkalmak',
      'alkalmak',
      'bérlet alkalom',
    ],
    zh: ['剩余课时', '剩余课次', '剩余次数', '剩余课时数', '课时余额', '剩余课程'],
    en: ['lessons left', 'lessons remaining', 'remaining lessons', 'classes left', 'sessions left', 'credits left'],
    fr: ['cours restants', 'séances restantes', 'leçons restantes', 'nombre de cours restants'],
    de: ['restliche stunden', 'verbleibende stunden', 'stunden übrig', 'reststunden', 'offene stunden'],
    ru: ['осталось занятий', 'остаток занятий', 'занятий осталось', 'осталось уроков'],
  },
  packageName: {
    hu: ['bérlet', 'bérlet típusa', 'bérlet neve'],
    zh: ['课时包', '课包', '套餐'],
    en: ['package', 'package name', 'class pass', 'lesson package', 'prepaid package'],
    fr: ['forfait', 'carte de cours', 'abonnement'],
    de: ['paket', 'stundenpaket', 'zehnerkarte'],
    ru: ['абонемент', 'пакет', 'пакет занятий'],
  },
  externalId: {
    hu: ['oktatási azonosító', 'om azonosító', 'tanulói azonosító', 'azonosító', 'ügyfélazonosító'],
    zh: ['学号', '学籍号', '学员编号', '学生编号', '客户编号', '编号'],
    en: ['student id', 'pupil id', 'student number', 'pupil number', 'upn', 'external id', 'customer id', 'client id', 'member id'],
    fr: ['ine', 'identifiant', 'identifiant national', 'numéro élève', 'numéro d élève', 'matricule'],
    de: ['schülernummer', 'schüler-id', 'kundennummer', 'mitgliedsnummer'],
    ru: ['номер ученика', 'код ученика', 'идентификатор'],
  },
};

export interface HeaderMatch {
  field: ImportField;
  language: SheetLanguage;
  confidence: number;
}

const exactHeaders = new Map<string, HeaderMatch[]>();
const allSynonyms: { key: string; field: ImportField; language: SheetLanguage }[] = [];
for (const [field, byLanguage] of Object.entries(headerWords) as [ImportField, Partial<Synonyms>][]) {
  for (const [language, words] of Object.entries(byLanguage) as [SheetLanguage, readonly string[]][]) {
    for (const word of words) {
      const key = fold(word);
      const list = exactHeaders.get(key) ?? [];
      list.push({ field, language, confidence: 1 });
      exactHeaders.set(key, list);
      allSynonyms.push({ key, field, language });
    }
  }
}
allSynonyms.sort((a, b) => b.key.length - a.key.length);

/**
 * Which field a header names. An exact synonym is certain; a header that starts
 * with or contains a synonym ("Telefonszám (mobil)", "学员姓名/Name") is likely,
 * and the longest such synonym wins so "Szülő telefon" is the guardian's phone,
 * not the client's.
 */
export function matchHeader(header: string): HeaderMatch | null {
  const key = fold(header);
  if (key === '') return null;
  const exact = exactHeaders.get(key);
  if (exact && exact.length > 0) return exact[0] as HeaderMatch;
  for (const synonym of allSynonyms) {
    if (synonym.key.length < 2 && !/\p{Script=Han}/u.test(synonym.key)) continue;
    if (key.startsWith(synonym.key)) return { field: synonym.field, language: synonym.language, confidence: 0.8 };
  }
  for (const synonym of allSynonyms) {
    if (synonym.key.length < 5 && !/\p{Script=Han}/u.test(synonym.key)) continue;
    if (key.includes(synonym.key)) return { field: synonym.field, language: synonym.language, confidence: 0.6 };
  }
  return null;
}

const statusWords: Record<EnrollmentStatus, readonly string[]> = {
  confirmed: [
    'megerősítve',
    'megerősített',
    'visszaigazolva',
    'jelentkezett',
    'beiratkozott',
    'igen',
    '已报名',
    '已确认',
    '确认',
    '报名',
    '已注册',
    '在读',
    'confirmed',
    'enrolled',
    'registered',
    'booked',
    'yes',
    'ok',
    'confirmé',
    'confirmée',
    'inscrit',
    'inscrite',
    'oui',
    'bestätigt',
    'angemeldet',
    'gebucht',
    'ja',
    'подтверждено',
    'подтвержден',
    'подтверждён',
    'записан',
    'записана',
    'да',
  ],
  thinking: [
    'gondolkodik',
    'gondolkozik',
    'még gondolkodik',
    'talán',
    'bizonytalan',
    '考虑中',
    '考虑',
    '犹豫',
    '待定',
    'thinking',
    'considering',
    'maybe',
    'undecided',
    'thinking about it',
    'en réflexion',
    'réfléchit',
    'hésite',
    'peut-être',
    'überlegt',
    'unentschlossen',
    'vielleicht',
    'думает',
    'размышляет',
    'возможно',
  ],
  inquiry: [
    'érdeklődő',
    'érdeklődik',
    'érdeklődés',
    '意向',
    '咨询',
    '有意向',
    '潜在',
    'inquiry',
    'enquiry',
    'interested',
    'lead',
    'new',
    'intéressé',
    'intéressée',
    'demande',
    'prospect',
    'interessiert',
    'anfrage',
    'interessent',
    'интересуется',
    'запрос',
    'заявка',
  ],
  trial: [
    'próbaóra',
    'próba',
    'próbán',
    '试听',
    '试课',
    'trial',
    'trial lesson',
    'essai',
    'cours d essai',
    'probestunde',
    'probe',
    'пробное',
    'пробный',
    'пробное занятие',
  ],
  waitlist: [
    'várólista',
    'várólistán',
    'várólistás',
    '候补',
    '排队',
    '等位',
    '候补名单',
    'waitlist',
    'waiting list',
    'wait list',
    'waitlisted',
    'liste d attente',
    'en attente',
    'warteliste',
    'wartend',
    'лист ожидания',
    'в очереди',
    'ожидание',
  ],
  declined: [
    'lemondta',
    'nem kér',
    'elutasította',
    'nem jön',
    'nem',
    '拒绝',
    '不报',
    '放弃',
    '不来',
    'declined',
    'not interested',
    'no',
    'refused',
    'refusé',
    'refusée',
    'pas intéressé',
    'non',
    'abgelehnt',
    'kein interesse',
    'nein',
    'отказ',
    'отказался',
    'отказалась',
    'нет',
  ],
  cancelled: [
    'lemondva',
    'törölve',
    'visszalépett',
    'kilépett',
    '已取消',
    '取消',
    '已退费',
    '退费',
    '退学',
    '退班',
    'cancelled',
    'canceled',
    'withdrawn',
    'dropped',
    'refunded',
    'annulé',
    'annulée',
    'désinscrit',
    'remboursé',
    'storniert',
    'abgesagt',
    'abgemeldet',
    'отменено',
    'отменен',
    'отменён',
    'отчислен',
    'возврат',
  ],
  completed: [
    'befejezte',
    'elvégezte',
    'végzett',
    'teljesítette',
    '已结课',
    '结业',
    '完成',
    '已完成',
    'completed',
    'finished',
    'done',
    'graduated',
    'terminé',
    'terminée',
    'abgeschlossen',
    'beendet',
    'завершил',
    'окончил',
    'завершено',
  ],
  transferred: [
    'átirányítva',
    'átkerült',
    'áthelyezve',
    '转班',
    '已转班',
    'transferred',
    'moved',
    'transféré',
    'transférée',
    'übertragen',
    'gewechselt',
    'переведен',
    'переведён',
    'перевод',
  ],
};

const statusByWord = new Map<string, EnrollmentStatus>();
for (const [status, words] of Object.entries(statusWords) as [EnrollmentStatus, readonly string[]][]) {
  for (const word of words) statusByWord.set(fold(word), status);
}

/** The enrollment status a sheet's word means, or null when it is not one we know. */
export function matchStatus(text: string): EnrollmentStatus | null {
  const key = fold(text);
  if (key === '') return null;
  return statusByWord.get(key) ?? null;
}

const totalsWords = [
  'összesen',
  'összes',
  'mindösszesen',
  '合计',
  '总计',
  '合計',
  '小计',
  'total',
  'totals',
  'grand total',
  'sum',
  'total général',
  'gesamt',
  'insgesamt',
  'summe',
  'итого',
  'всего',
].map(fold);

/** Whether a cell's text labels a totals row ("Összesen:", "合计", "Total"). */
export function isTotalsLabel(text: string): boolean {
  return isTotalsKey(fold(text));
}

/** isTotalsLabel for a text already folded. */
export function isTotalsKey(key: string): boolean {
  return key !== '' && totalsWords.includes(key);
}

/** Default locale to read numbers, dates and names of a file written in `language`. */
export const languageLocales: Record<SheetLanguage, string> = {
  hu: 'hu-HU',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  de: 'de-DE',
  ru: 'ru-RU',
};

// ---- layout words ------------------------------------------------------------------------

/** Words that name the person of a repeated column block ("Child 2 first name"), removed before the rest is matched. */
const personBlockWords = [
  'child',
  'kid',
  'pupil',
  'student',
  'gyermek',
  'gyerek',
  'tanuló',
  'diák',
  '孩子',
  '子女',
  '学生',
  '学员',
  'enfant',
  'élève',
  'kind',
  'schüler',
  'schülerin',
  'ребенок',
  'ребёнок',
  'ученик',
].map(fold);

/** Words that name the guardian of a repeated column block ("Parent 2 phone"). */
const guardianBlockWords = [
  'parent',
  'guardian',
  'szülő',
  'gondviselő',
  '家长',
  '监护人',
  'responsable',
  'tuteur',
  'eltern',
  'elternteil',
  'родитель',
].map(fold);

export interface BlockHeader {
  /** Which person of the row: the number in the header. */
  block: number;
  /** Whom the block describes: a person of the row, or one of their guardians. */
  role: 'person' | 'guardian';
  /** The header without its number and the word for the person ("first name", ""). */
  rest: string;
}

/**
 * Reads a header of a repeated block: a number 1–9 standing alone ("Child 1 first
 * name", "Gyermek 2 neve", "孩子1姓名", "Enfant 1 - Prénom"). Whether the number
 * really marks a block (it repeats with 2, 3 …) is for the caller to check.
 */
export function blockHeader(header: string): (BlockHeader & { template: string }) | null {
  const m = /(?<![\p{N}])([1-9])(?![\p{N}])/u.exec(header);
  if (!m) return null;
  const without = `${header.slice(0, m.index)} ${header.slice(m.index + 1)}`.replace(/[.#°]\s*$/u, '');
  const template = fold(`${header.slice(0, m.index)}#${header.slice(m.index + 1)}`);
  const words = without.split(/[\s_\-–:/.()]+/u).filter((w) => w !== '');
  let role: BlockHeader['role'] | null = null;
  const rest: string[] = [];
  for (const word of words) {
    const key = fold(word);
    const person = personBlockWords.find((w) => key === w || (/\p{Script=Han}/u.test(w) && key.startsWith(w)));
    const guardian = guardianBlockWords.find((w) => key === w || (/\p{Script=Han}/u.test(w) && key.startsWith(w)));
    if (role === null && (person || guardian)) {
      role = guardian ? 'guardian' : 'person';
      const tail = key.slice((guardian ?? person ?? '').length);
      if (tail !== '') rest.push(tail);
      continue;
    }
    rest.push(word);
  }
  if (role === null) return null;
  return { block: Number(m[1]), role, rest: rest.join(' '), template };
}

const templateFlagWords = new Set(
  [
    'required',
    'optional',
    'mandatory',
    'kötelező',
    'nem kötelező',
    'opcionális',
    '必填',
    '选填',
    '可选',
    '必须',
    'obligatoire',
    'facultatif',
    'facultative',
    'pflicht',
    'pflichtfeld',
    'optional',
    'обязательно',
    'обязательное',
    'необязательно',
    '*',
  ].map((w) => fold(w) || w),
);

/** Whether a cell is a template's required/optional mark. */
export function isTemplateFlag(text: string): boolean {
  const key = fold(text) || text.trim();
  return key !== '' && templateFlagWords.has(key);
}

/** How the example row of a template begins its name ("EXAMPLE", "Minta János", "示例", "Max Mustermann"). */
const exampleStarts = [
  'example',
  'sample',
  'példa',
  'minta',
  '示例',
  '样例',
  '范例',
  '例子',
  'exemple',
  'beispiel',
  'muster',
  'пример',
  'образец',
].map(fold);
/** What an instruction to remove the row says anywhere in it. */
const removeWords = [
  'delete this',
  'remove this',
  'before upload',
  'before import',
  'törölje',
  'törlendő',
  '删除',
  'supprimer',
  'löschen',
  'удалите',
  'удалить',
].map(fold);

/** Whether a name cell opens with an example marker, or any cell asks for the row to be deleted. */
export function isExampleText(text: string, nameCell: boolean): boolean {
  return isExampleKey(fold(text), nameCell);
}

/** isExampleText for a text already folded. */
export function isExampleKey(key: string, nameCell: boolean): boolean {
  if (key === '') return false;
  if (nameCell && exampleStarts.some((w) => key.startsWith(w))) return true;
  return removeWords.some((w) => key.includes(w));
}
