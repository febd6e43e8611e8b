/**
 * Words of the help drawer: for every section a short how-to written for a
 * school owner (what the screen is for, the few steps of its main job, and the
 * tips that save time), and the keyboard-shortcut sheet. Steps and tips are
 * arrays, read with `returnObjects`, so a language may need more or fewer
 * sentences than English without a key per sentence.
 */
import { defineCatalogs } from '../../i18n/catalogs';

const en = {
  open: 'Help for this screen',
  title: 'Help: {{section}}',
  tabs: { screen: 'This screen', shortcuts: 'Keyboard shortcuts' },
  howTo: 'How to',
  tips: 'Good to know',
  openHint: 'F1 opens this help on any screen; ? opens the keyboard shortcuts.',
  sections: {
    today: {
      intro:
        'Today gathers what needs you, worked out from your records: people to call back, overdue and soon-due instalments, groups about to start, birthdays and your tasks.',
      steps: [
        'Work down the lists: each row has its action at the right — log a call, record a payment, send a reminder.',
        'Use the ⋯ menu of a row to snooze it until tomorrow, for three days or a week, or to dismiss it.',
        'After a call, log what was said and set the next follow-up date; the row moves to that day.',
        '“Send reminder” fills a message template per family; send it by e-mail, WhatsApp or copy it, then mark it as sent.',
      ],
      tips: [
        'The badge beside Today in the sidebar counts what is waiting.',
        'When a new group of a program opens, everyone who asked about that program is listed under “New groups to invite people to”.',
      ],
    },
    programs: {
      intro:
        'Programs are what the school teaches: a course, workshop, seminar, individual lesson or event. Groups (cohorts) take their price and seats from here.',
      steps: [
        'Click “New program”, give it a name and kind.',
        'Enter the default price, the usual number of seats and, if you like, the number and length of lessons.',
        'Save. Then open the first group of it under Cohorts.',
      ],
      tips: [
        'Archive a program you no longer run: its history stays, it just leaves the lists.',
        'A group may override the program’s price; an enrollment may agree a price of its own.',
      ],
    },
    cohorts: {
      intro: 'A cohort is one group of a program that starts on a given date, with its teacher, room, weekly schedule and seats.',
      steps: [
        'Click “New cohort”, pick the program and the start date; add the weekly lessons (day, time, length).',
        'Set the capacity and the minimum needed to run; Tanoda warns when a group starting soon is under or over.',
        'Open a cohort to see its roster and status board: drag a person to another column, or use “Move to”.',
        '“Duplicate for next month” opens the next group of the same program in one click.',
      ],
      tips: ['Tick “Published in the open-groups list” to list the group in the feed for your website.'],
    },
    lessons: {
      intro: 'The school’s week on a calendar: every group’s lessons, the closed days, and roll call.',
      steps: [
        'Click “Generate lessons”, pick a group: its lessons are made from its weekly schedule between its dates, closed days left out.',
        'Add holidays and breaks under “Closed days”; lessons yet to come on those days are removed.',
        'Open a lesson to take roll call: everyone starts as present, so a full class is one click on “Save roll call”.',
        'Move, cancel or give a lesson a substitute teacher or another room with “Change this lesson”; double bookings show before you save.',
      ],
      tips: ['In roll call, ↑/↓ move and P, A, E, L, M mark present, absent, excused, late, make-up; Ctrl+Enter saves.'],
    },
    clients: {
      intro: 'Everyone the school teaches and the guardians who pay, in a table that works like a spreadsheet.',
      steps: [
        'Click a cell and type to change it; Enter saves and moves down. Every change can be undone with Ctrl+Z.',
        'Paste rows copied from Excel (Ctrl+V): you see a preview before anything is saved.',
        'Open a client (click their name, or Shift+Enter in the row) to see their enrollments, instalments, payments, balance and activity.',
        'On a client’s page, link a child to the guardian who pays; the family balance adds them up.',
      ],
      tips: [
        'Search finds names, e-mails and phone numbers, however they were typed.',
        'The saved views (“Thinking — call back”, “Overdue”, “Owes money”) are one click away above the table.',
      ],
    },
    enrollments: {
      intro: 'Every enquiry, trial, confirmation and cancellation: who wants which program, in which group, at what agreed price.',
      steps: [
        'Click “New enrollment” (top right, on every screen): pick or type the client, choose the group or only the program.',
        'Set the agreed price and discount, an instalment plan and, if they paid on the spot, the first payment — all saved together.',
        'Change a status in the table; every change is kept in the enrollment’s history.',
        'Set a follow-up date on those who are thinking: they appear on Today on that day.',
      ],
      tips: [
        'An enrollment without a group keeps the person waiting for the next group of that program.',
        'Completed and transferred enrollments are final, so a finished course’s history is not rewritten by mistake.',
      ],
    },
    payments: {
      intro: 'Money received and paid back, newest first. Balances and overdue instalments are worked out from these payments.',
      steps: [
        'Click “Record payment”, find the client, enter the amount, date and method (cash, card, transfer).',
        'Choose the enrollment it is for. It pays the oldest open instalment first, unless you pick instalments yourself.',
        'A payment recorded by mistake is voided with a reason (owner only); it stays on record, marked void.',
      ],
      tips: ['Add the receipt or bank transfer number as the reference: it makes a payment easy to find later.'],
    },
    import: {
      intro: 'Bring in the sheet you kept until now: clients, enrollments and payments, from CSV, Excel or ODS, in any language.',
      steps: [
        'Drop the file on the screen or click to choose it. Encoding, delimiter and the header row are found for you.',
        'Check the columns: each header is matched to a field; change any match you disagree with.',
        'Look at the rows and the people who may already exist, then confirm. A backup is taken first.',
        'The report says what was created; “Undo import” takes the whole import back out.',
      ],
      tips: ['Columns that match no field are not lost: they are kept with each client as extra information.'],
    },
    reports: {
      intro: 'How the school is doing: money over a period, and what it holds today.',
      steps: [
        'Choose a period: this year, last year, the last 12 months or your own dates.',
        'Read received, refunded and net money, what is expected, outstanding and overdue, and the money per month.',
        'Below, the counts and the enrollments by status show how many enquiries become confirmations.',
      ],
      tips: ['Money totals are shown to the owner only; an assistant sees the counts.'],
    },
    quality: {
      intro: 'Keep the records clean: how complete they are, people entered twice, and clients who no longer come.',
      steps: [
        'Score: how many clients and enrollments have every field the school requires, with valid phones and e-mails, and minors with a guardian; the first records to fix are listed, each a click away.',
        'Duplicates: people who share a phone, an e-mail, a guardian or a name. Open a pair to see both side by side and merge them into the one to keep.',
        'A merge keeps every enrollment, payment and note of both; the other record is archived, and Undo takes the whole merge back.',
        'Archive: clients with no enrollment for the months you choose, shown first, then archived together; nothing is deleted.',
      ],
      tips: ['Which client fields are required is set in Settings › Lists.'],
    },
    settings: {
      intro: 'The school itself and how Tanoda works for it, one tab per topic.',
      steps: [
        'School: name, currency, language and formats, time zone, first day of the week, and the idle lock.',
        'Teachers and Rooms: the lists that groups choose from.',
        'Users: add your assistant with their own password; the role guide shows what each role may do.',
        'Sync: share the school with a second computer through a cloud folder; Backups: take one now, or restore one — a backup from another computer is restored with the recovery key shown when Tanoda was set up there.',
        'Reminders: the message templates and when reminders are due. My account: your name and password.',
      ],
      tips: ['The audit log shows who changed what and when, and what it was before.'],
    },
  },
  shortcuts: {
    groups: { everywhere: 'Everywhere', table: 'In a table', editing: 'While editing a cell', elsewhere: 'On particular screens' },
    keys: {
      palette: 'Find a client, cohort or program, or run a quick action',
      undo: 'Undo your last change (not while typing in a field)',
      help: 'Help for this screen',
      shortcuts: 'This list of shortcuts',
      close: 'Close a dialog or menu',
      move: 'Move between cells',
      jump: 'Jump to the first or last row or column',
      extend: 'Select a range of cells',
      rowEnds: 'Start or end of the row',
      tableEnds: 'First or last cell of the table',
      page: 'One screen up or down',
      tab: 'Next or previous cell (wraps to the next row)',
      edit: 'Edit the cell',
      type: 'Replace the cell with what you type',
      open: 'Open the row (a client’s page)',
      selectAll: 'Select every cell',
      copy: 'Copy the selected cells for a spreadsheet',
      paste: 'Paste cells from a spreadsheet (with a preview)',
      clearSelection: 'Clear the selection',
      searchToTable: 'From the search box, go to the table',
      commitDown: 'Save and move down',
      commitUp: 'Save and move up',
      commitRight: 'Save and move to the next cell',
      cancel: 'Leave the cell unchanged',
      addNote: 'Add the note (client page, activity box)',
      headerRow: 'Apply the header row number (Import)',
    },
  },
};

const hu: typeof en = {
  open: 'Súgó ehhez a képernyőhöz',
  title: 'Súgó: {{section}}',
  tabs: { screen: 'Ez a képernyő', shortcuts: 'Billentyűparancsok' },
  howTo: 'Hogyan',
  tips: 'Jó tudni',
  openHint: 'Az F1 bármelyik képernyőn megnyitja ezt a súgót, a ? a billentyűparancsokat.',
  sections: {
    today: {
      intro:
        'A Ma oldal összegyűjti, mi vár Önre, a nyilvántartása alapján: kit kell visszahívni, mely részletek késnek vagy esedékesek hamarosan, mely csoportok indulnak, kinek van születésnapja, és a feladatait.',
      steps: [
        'Haladjon végig a listákon: minden sor jobb oldalán ott a teendő – hívás rögzítése, befizetés, emlékeztető küldése.',
        'A sor ⋯ menüjével elhalaszthatja holnapig, három napra vagy egy hétre, vagy elvetheti.',
        'Hívás után írja le, mit beszéltek, és adja meg a következő visszahívás napját; a sor arra a napra kerül.',
        'Az „Emlékeztető küldése” családonként kitölt egy üzenetsablont; küldje e-mailben, WhatsAppon vagy másolja ki, majd jelölje elküldöttnek.',
      ],
      tips: [
        'Az oldalsávban a Ma melletti szám mutatja, hány tétel vár.',
        'Ha egy program új csoportja indul, mindenki, aki érdeklődött a program iránt, megjelenik az „Új csoportok – meghívandó érdeklődők” listában.',
      ],
    },
    programs: {
      intro:
        'A programok az iskola kínálata: tanfolyam, workshop, szeminárium, egyéni óra vagy esemény. A csoportok innen veszik át az árat és a létszámot.',
      steps: [
        'Kattintson az „Új program” gombra, adjon nevet és típust.',
        'Adja meg az alapárat, a szokásos létszámot, és ha szeretné, az órák számát és hosszát.',
        'Mentse. Ezután a Csoportok között nyissa meg az első csoportját.',
      ],
      tips: [
        'Archiválja azt a programot, amelyet már nem tart: az előzményei megmaradnak, csak kikerül a listákból.',
        'Egy csoportnak lehet saját ára, egy jelentkezésnek pedig egyedileg megállapodott ára.',
      ],
    },
    cohorts: {
      intro: 'A csoport egy program egy adott napon induló évfolyama, saját tanárral, teremmel, heti órarenddel és férőhelyekkel.',
      steps: [
        'Kattintson az „Új csoport” gombra, válassza ki a programot és a kezdés napját; vegye fel a heti órákat (nap, kezdés, hossz).',
        'Adja meg a létszámot és az induláshoz szükséges minimumot; a Tanoda szól, ha egy hamarosan induló csoport alatta vagy fölötte van.',
        'Nyisson meg egy csoportot a névsorhoz és az állapottáblához: húzza át a kártyát másik oszlopba, vagy használja az „Áthelyezés ide” menüt.',
        'A „Másolat a következő hónapra” egy kattintással megnyitja ugyanannak a programnak a következő csoportját.',
      ],
      tips: ['A „Megjelenik a nyitott csoportok listájában” jelölés felveszi a csoportot a honlapjára szánt nyílt csoportok közé.'],
    },
    lessons: {
      intro: 'Az iskola hete naptárban: minden csoport órái, a zárva tartás napjai és a jelenlét.',
      steps: [
        'Kattintson az „Órák létrehozása” gombra, és válasszon csoportot: az órák a heti órarendből készülnek a kezdő és a záró nap között, a zárva tartás napjai nélkül.',
        'Az ünnepeket és szüneteket a „Zárva tartás” alatt veheti fel; ezekről a napokról a jövőbeli órák lekerülnek.',
        'Nyisson meg egy órát a jelenléthez: mindenki jelenként indul, így egy teljes csoport egy kattintás a „Jelenlét mentése” gombon.',
        'Az „Óra módosítása” gombbal áthelyezheti, lemondhatja az órát, vagy helyettes tanárt, másik termet adhat; az ütközés mentés előtt látszik.',
      ],
      tips: ['A jelenlétnél ↑/↓ lép, a P, A, E, L, M jelöli: jelen, hiányzott, igazolt, késett, pótóra; a Ctrl+Enter ment.'],
    },
    clients: {
      intro: 'Mindenki, akit az iskola tanít, és a fizető gondviselők – egy táblázatban, amely úgy működik, mint egy Excel-munkalap.',
      steps: [
        'Kattintson egy cellára és írjon: az Enter ment és lefelé lép. Minden módosítás visszavonható a Ctrl+Z billentyűvel.',
        'Illesszen be Excelből másolt sorokat (Ctrl+V): mentés előtt előnézetet lát.',
        'Nyisson meg egy ügyfelet (kattintson a nevére, vagy nyomjon Shift+Entert a sorában): jelentkezések, részletek, befizetések, egyenleg és tevékenységek.',
        'Az ügyfél oldalán kösse a gyereket a fizető gondviselőhöz; a családi egyenleg összeadja őket.',
      ],
      tips: [
        'A keresés nevet, e-mail-címet és telefonszámot is megtalál, akárhogy gépelték be.',
        'A mentett nézetek („Gondolkodik — visszahívni”, „Lejárt tartozás”, „Tartozik”) egy kattintásra vannak a táblázat fölött.',
      ],
    },
    enrollments: {
      intro:
        'Minden érdeklődés, próbaóra, megerősítés és lemondás: ki melyik programra, melyik csoportba, milyen megállapodott áron jelentkezett.',
      steps: [
        'Kattintson az „Új jelentkezés” gombra (jobb felül, minden képernyőn): válassza ki vagy írja be az ügyfelet, majd a csoportot vagy csak a programot.',
        'Adja meg a megállapodott árat és kedvezményt, a részletfizetési tervet, és ha helyben fizetett, az első befizetést – mindez együtt mentődik.',
        'Az állapotot a táblázatban módosíthatja; minden változás megmarad a jelentkezés előzményeiben.',
        'A gondolkodóknál adjon meg visszahívási napot: azon a napon megjelennek a Ma oldalon.',
      ],
      tips: [
        'A csoport nélküli jelentkezés a program következő csoportjára várakoztatja az illetőt.',
        'A befejezett és az átirányított jelentkezés végleges, így egy lezárt tanfolyam előzményeit nem írja át egy véletlen kattintás.',
      ],
    },
    payments: {
      intro: 'A befolyt és visszafizetett összegek, a legújabb elöl. Az egyenlegek és a késő részletek ezekből számolódnak.',
      steps: [
        'Kattintson a „Befizetés rögzítése” gombra, keresse meg az ügyfelet, adja meg az összeget, a dátumot és a módot (készpénz, kártya, átutalás).',
        'Válassza ki, melyik jelentkezésre szól. Először a legrégebbi nyitott részletet fedezi, hacsak nem maga választ részleteket.',
        'A tévesen rögzített befizetést indoklással lehet érvényteleníteni (csak a tulajdonos); érvénytelenként megmarad a nyilvántartásban.',
      ],
      tips: ['Hivatkozásként írja be a nyugta vagy az átutalás számát: így később könnyű megtalálni a befizetést.'],
    },
    import: {
      intro:
        'Hozza be az eddig vezetett táblázatát: ügyfeleket, jelentkezéseket és befizetéseket, CSV-, Excel- vagy ODS-fájlból, bármilyen nyelven.',
      steps: [
        'Húzza a fájlt a képernyőre, vagy kattintson és válassza ki. A kódolást, az elválasztót és a fejlécsort a Tanoda felismeri.',
        'Ellenőrizze az oszlopokat: minden fejléc egy mezőhöz kapcsolódik; módosítsa, amelyikkel nem ért egyet.',
        'Nézze át a sorokat és a már meglévőnek tűnő személyeket, majd hagyja jóvá. Előtte biztonsági mentés készül.',
        'A jelentés megmutatja, mi jött létre; az „Importálás visszavonása” az egész importot visszaveszi.',
      ],
      tips: ['A mezőhöz nem rendelt oszlopok sem vesznek el: kiegészítő adatként megmaradnak az ügyfélnél.'],
    },
    reports: {
      intro: 'Hogy áll az iskola: a pénzmozgás egy időszakban, és ami ma a nyilvántartásban van.',
      steps: [
        'Válasszon időszakot: idei év, tavalyi év, az utolsó 12 hónap vagy saját dátumok.',
        'Olvassa le a befolyt, visszafizetett és nettó összeget, a várható, a még fizetendő és a késő összeget, valamint a havi bevételt.',
        'Alul a darabszámok és a jelentkezések állapot szerint mutatják, hány érdeklődésből lesz megerősített jelentkezés.',
      ],
      tips: ['Az összesített pénzadatokat csak a tulajdonos látja; az asszisztens a darabszámokat látja.'],
    },
    quality: {
      intro: 'Tartsa rendben az adatokat: mennyire teljesek, kit vittek fel kétszer, és kik nem járnak már.',
      steps: [
        'Pontszám: hány ügyfélnél és jelentkezésnél van meg minden mező, amelyet az iskola kötelezőnek jelölt, érvényes-e a telefonszám és az e-mail, és van-e gondviselője a kiskorúaknak; alatta a javítandó adatlapok, mindegyik egy kattintásra.',
        'Ismétlődések: akiknek közös a telefonszáma, az e-mail-címe, a gondviselője vagy a neve. Egy párt megnyitva egymás mellett látja a kettőt, és összevonhatja őket abba, amelyiket megtartja.',
        'Az összevonás mindkettő minden jelentkezését, befizetését és jegyzetét megtartja; a másik adatlap archiválódik, és a Visszavonás az egész összevonást visszacsinálja.',
        'Archiválás: akiknek a választott hónapok óta nincs jelentkezésük, előbb megmutatva, aztán együtt archiválva; semmi sem törlődik.',
      ],
      tips: ['Hogy mely ügyféladatok kötelezők, a Beállítások › Listák lapon adható meg.'],
    },
    settings: {
      intro: 'Maga az iskola, és hogyan dolgozik neki a Tanoda – témánként egy fül.',
      steps: [
        'Iskola: név, pénznem, nyelv és formátumok, időzóna, a hét első napja és az automatikus zárolás.',
        'Tanárok és Termek: a listák, amelyekből a csoportok választanak.',
        'Felhasználók: vegye fel az asszisztensét saját jelszóval; a szerepkör-útmutató megmutatja, ki mit tehet.',
        'Szinkron: ossza meg az iskolát egy második géppel felhős mappán át; Biztonsági mentések: készítsen most egyet, vagy állítson vissza egyet — a másik gépen készült mentést azzal a helyreállítási kulccsal, amelyet a Tanoda ott a beállításkor mutatott.',
        'Emlékeztetők: az üzenetsablonok és az emlékeztetők időzítése. Saját fiók: az Ön neve és jelszava.',
      ],
      tips: ['A naplóban látszik, ki mit és mikor módosított, és mi volt előtte.'],
    },
  },
  shortcuts: {
    groups: { everywhere: 'Mindenhol', table: 'Táblázatban', editing: 'Cella szerkesztése közben', elsewhere: 'Egyes képernyőkön' },
    keys: {
      palette: 'Ügyfél, csoport vagy program keresése, gyorsműveletek',
      undo: 'Az utolsó módosítás visszavonása (mezőbe gépelés közben nem)',
      help: 'Súgó ehhez a képernyőhöz',
      shortcuts: 'A billentyűparancsok listája',
      close: 'Párbeszédablak vagy menü bezárása',
      move: 'Mozgás a cellák között',
      jump: 'Ugrás az első vagy utolsó sorra, oszlopra',
      extend: 'Cellatartomány kijelölése',
      rowEnds: 'A sor eleje vagy vége',
      tableEnds: 'A táblázat első vagy utolsó cellája',
      page: 'Egy képernyőnyit fel vagy le',
      tab: 'Következő vagy előző cella (a sor végén a következő sorba)',
      edit: 'A cella szerkesztése',
      type: 'A cella felülírása a begépelt szöveggel',
      open: 'A sor megnyitása (az ügyfél oldala)',
      selectAll: 'Minden cella kijelölése',
      copy: 'A kijelölt cellák másolása táblázatkezelőbe',
      paste: 'Cellák beillesztése táblázatkezelőből (előnézettel)',
      clearSelection: 'A kijelölés megszüntetése',
      searchToTable: 'A keresőmezőből a táblázatba',
      commitDown: 'Mentés és lépés lefelé',
      commitUp: 'Mentés és lépés felfelé',
      commitRight: 'Mentés és lépés a következő cellára',
      cancel: 'A cella változatlanul hagyása',
      addNote: 'A megjegyzés hozzáadása (ügyfél oldala, tevékenység mező)',
      headerRow: 'A fejlécsor számának alkalmazása (Importálás)',
    },
  },
};

const zh: typeof en = {
  open: '本页帮助',
  title: '帮助：{{section}}',
  tabs: { screen: '本页', shortcuts: '键盘快捷键' },
  howTo: '怎么做',
  tips: '小贴士',
  openHint: '在任何页面按 F1 打开本帮助；按 ? 打开键盘快捷键。',
  sections: {
    today: {
      intro: '“今天”根据您的记录汇总需要您处理的事：需要回访的人、逾期和即将到期的分期、即将开课的班级、生日以及您的任务。',
      steps: [
        '逐个处理各个列表：每一行右侧都有对应操作——记录通话、记录付款、发送提醒。',
        '用行的 ⋯ 菜单把它推迟到明天、三天后或一周后，或直接忽略。',
        '通话后记下谈话内容并设定下次回访日期；该行会移到那一天。',
        '“发送提醒”会为每个家庭填好消息模板；通过电子邮件、WhatsApp 发送或复制，然后标记为已发送。',
      ],
      tips: [
        '侧栏中“今天”旁边的数字表示有多少事项在等待。',
        '某课程项目开新班时，所有咨询过该项目的人都会出现在“可邀请意向学员的新班”列表中。',
      ],
    },
    programs: {
      intro: '课程项目就是学校教授的内容：课程、工作坊、研讨会、一对一课或活动。班级的价格和名额默认取自这里。',
      steps: [
        '点击“新建课程项目”，填写名称和类型。',
        '填写默认价格、通常的名额，如需要再填写课时数和每课时长。',
        '保存。然后到“班级”中开设它的第一个班。',
      ],
      tips: ['不再开设的课程项目可以归档：历史记录保留，只是不再出现在列表中。', '班级可以有自己的价格，报名也可以约定单独的价格。'],
    },
    cohorts: {
      intro: '班级是某个课程项目在某一天开课的一期，有自己的教师、教室、每周课表和名额。',
      steps: [
        '点击“新建班级”，选择课程项目和开课日期；添加每周的课（星期、时间、时长）。',
        '设置名额和开班最低人数；即将开课的班级人数不足或超额时，Tanoda 会提醒您。',
        '打开一个班级查看名单和状态看板：把卡片拖到另一列，或使用“移至”菜单。',
        '“复制为下个月的班级”一键开设同一课程项目的下一期。',
      ],
      tips: ['勾选“在开放班级列表中发布”，该班级就会出现在供网站使用的开放班级列表中。'],
    },
    lessons: {
      intro: '日历上的学校一周：各班课次、休息日和点名。',
      steps: [
        '点击“生成课次”并选择班级：按班级的每周课表在开课与结课日期之间生成课次，休息日除外。',
        '在“休息日”中添加节假日和停课日；这些日子上尚未开始的课次会被删除。',
        '打开一节课即可点名：所有人默认出勤，全班到齐只需点一次“保存点名”。',
        '用“调整本节课”可调课、取消、安排代课老师或换教室；保存前会显示时间冲突。',
      ],
      tips: ['点名时 ↑/↓ 移动，P、A、E、L、M 分别标记出勤、缺勤、请假、迟到、补课；Ctrl+Enter 保存。'],
    },
    clients: {
      intro: '学校教的每一个人以及付款的监护人，都在一张像电子表格一样使用的表里。',
      steps: [
        '点击单元格直接输入即可修改；按 Enter 保存并下移。每次修改都可以用 Ctrl+Z 撤销。',
        '粘贴从 Excel 复制的行（Ctrl+V）：保存前会先显示预览。',
        '打开一位学员（点击姓名，或在该行按 Shift+Enter），查看其报名、分期、付款、余额和活动记录。',
        '在学员页面把孩子关联到付款的监护人；家庭余额会把他们加总。',
      ],
      tips: [
        '搜索可以找到姓名、电子邮件和电话号码，无论当初怎么输入的。',
        '已保存的视图（“考虑中 — 回电”“逾期”“欠款”）就在表格上方，一键可达。',
      ],
    },
    enrollments: {
      intro: '每一次咨询、试听、确认和取消：谁报了哪个课程项目、哪个班级、约定的价格是多少。',
      steps: [
        '点击“新报名”（每个页面的右上角）：选择或输入学员，再选择班级或仅选择课程项目。',
        '填写约定价格和折扣、分期计划；如果当场付款，再填写首笔付款——这些会一起保存。',
        '在表格中更改状态；每次更改都保存在该报名的历史记录中。',
        '为“考虑中”的人设定回访日期：到那天他们会出现在“今天”页面。',
      ],
      tips: ['没有班级的报名会让此人等待该课程项目的下一期。', '“已完成”和“已转出”的报名是最终状态，结束课程的历史不会因误点而被改写。'],
    },
    payments: {
      intro: '收到和退回的款项，最新的在前。余额和逾期分期都由这些付款计算得出。',
      steps: [
        '点击“记录付款”，找到学员，输入金额、日期和方式（现金、刷卡、转账）。',
        '选择该付款对应的报名。默认优先冲抵最早的未付分期，除非您自己选择分期。',
        '误记的付款可以填写原因后作废（仅限所有者）；它会以“已作废”的状态保留在记录中。',
      ],
      tips: ['把收据号或转账流水号填为备注号：以后很容易找到这笔付款。'],
    },
    import: {
      intro: '导入您一直在用的表格：学员、报名和付款，支持 CSV、Excel 或 ODS，任何语言的表头。',
      steps: [
        '把文件拖到页面上，或点击选择文件。编码、分隔符和表头行会自动识别。',
        '检查各列：每个表头都对应到一个字段；不同意的对应关系可以修改。',
        '查看各行以及可能已存在的人，然后确认。导入前会先做一次备份。',
        '报告会说明创建了什么；“撤销导入”会把整次导入全部撤回。',
      ],
      tips: ['没有对应字段的列也不会丢失：它们作为附加信息保存在每位学员名下。'],
    },
    reports: {
      intro: '学校经营情况：某一时期的收支，以及目前的各项数据。',
      steps: [
        '选择时期：今年、去年、最近 12 个月或自定义日期。',
        '查看收入、退款和净额，预期、未收和逾期金额，以及每月收入。',
        '下方的数量统计和按状态划分的报名，显示有多少咨询最终转为确认。',
      ],
      tips: ['金额汇总只对所有者显示；助理只能看到数量统计。'],
    },
    quality: {
      intro: '保持资料整洁：资料是否完整、谁被重复录入、哪些客户已不再来。',
      steps: [
        '评分：有多少客户和报名填齐了学校要求的每个字段、电话和电子邮件是否有效、未成年人是否有监护人；下方列出需要修正的资料，点击即可打开。',
        '重复：电话、电子邮件、监护人或姓名相同的人。打开一对即可并排查看，并合并到要保留的那一位。',
        '合并会保留双方的所有报名、付款和备注；另一条资料会被归档，撤销可以撤回整个合并。',
        '归档：在所选月数内没有报名的客户，先列出来，再一起归档；不会删除任何资料。',
      ],
      tips: ['哪些客户字段为必填，在“设置 › 列表”中设定。'],
    },
    settings: {
      intro: '学校本身以及 Tanoda 如何为它工作，每个主题一个标签页。',
      steps: [
        '学校：名称、货币、语言和格式、时区、每周第一天以及闲置自动锁定。',
        '教师和教室：班级从中选择的列表。',
        '用户：为您的助理添加账户和密码；角色说明列出每个角色能做什么。',
        '同步：通过云文件夹与第二台电脑共享学校数据；备份：立即备份或恢复备份——来自另一台电脑的备份需用那台电脑设置 Tanoda 时显示的恢复密钥恢复。',
        '提醒：消息模板和提醒时间。我的账户：您的姓名和密码。',
      ],
      tips: ['审计日志显示谁在何时改了什么，以及修改前是什么。'],
    },
  },
  shortcuts: {
    groups: { everywhere: '任何地方', table: '在表格中', editing: '编辑单元格时', elsewhere: '在特定页面' },
    keys: {
      palette: '查找学员、班级或课程项目，或执行快捷操作',
      undo: '撤销上一次修改（在输入框中输入时无效）',
      help: '本页帮助',
      shortcuts: '快捷键列表',
      close: '关闭对话框或菜单',
      move: '在单元格之间移动',
      jump: '跳到第一行/最后一行或第一列/最后一列',
      extend: '选择一片单元格',
      rowEnds: '行首或行尾',
      tableEnds: '表格的第一个或最后一个单元格',
      page: '向上或向下翻一屏',
      tab: '下一个或上一个单元格（行尾换到下一行）',
      edit: '编辑单元格',
      type: '用输入的内容替换单元格',
      open: '打开该行（学员页面）',
      selectAll: '选中所有单元格',
      copy: '复制选中的单元格到电子表格',
      paste: '从电子表格粘贴单元格（带预览）',
      clearSelection: '取消选择',
      searchToTable: '从搜索框进入表格',
      commitDown: '保存并下移',
      commitUp: '保存并上移',
      commitRight: '保存并移到下一个单元格',
      cancel: '放弃修改',
      addNote: '添加备注（学员页面的活动框）',
      headerRow: '应用表头行号（导入）',
    },
  },
};

export const catalogs = defineCatalogs(en, { hu, zh });
