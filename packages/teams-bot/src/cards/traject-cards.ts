import {
  defineMessages,
  formatDate,
  HOURS_STATUS_LABELS,
  type Lang,
  PHASE_STATE_LABELS,
  type ReminderIntent,
  ROLE_LABELS,
  ROLES,
  resolveCommitments,
  TRAJECT_STATUS_LABELS,
} from '@visieleren/core';
import { checklistByPhase, type TrajectView } from '../traject-view.js';
import {
  card,
  execute,
  executeOnly,
  facts,
  formatHours,
  heading,
  type Json,
  openUrl,
  subheading,
  text,
  VERBS,
} from './elements.js';

const t = defineMessages({
  statusTitle: { nl: 'Stand van zaken: {name}', en: 'Status: {name}' },
  status: { nl: 'Status', en: 'Status' },
  phase: { nl: 'Huidige fase', en: 'Current phase' },
  noPhase: { nl: 'geen lopende fase', en: 'no phase running' },
  nextSession: { nl: 'Volgende sessie', en: 'Next session' },
  none: { nl: 'geen gepland', en: 'none planned' },
  overdue: { nl: 'Achterstallige punten', en: 'Overdue items' },
  forecastEnd: { nl: 'Verwacht einde', en: 'Forecast end' },
  slip: { nl: 'Uitloop', en: 'Slip' },
  slipDays: { nl: '{days} werkdagen later dan gepland', en: '{days} working days later than planned' },
  onTime: { nl: 'op schema', en: 'on schedule' },
  kernvraag: { nl: 'Kernvraag: {text}', en: 'Key question: {text}' },
  openTab: { nl: 'Traject bekijken', en: 'View traject' },
  linkTitle: { nl: 'Het traject van {name}', en: 'The traject of {name}' },
  linkText: {
    nl: 'Deze link is alleen voor u en werkt tot {time}, zolang u lid bent van dit gesprek. Het traject staat ook altijd in de tab Visieleren van het kanaal.',
    en: "This link is for you only and works until {time}, as long as you are a member of this conversation. The traject is also in the channel's Visieleren tab.",
  },
  openPage: { nl: 'Trajectpagina openen', en: 'Open the traject page' },
  back: { nl: 'Terug naar de stand van zaken', en: 'Back to the status' },
  noLink: {
    nl: 'Er kan nu geen link worden gemaakt. Open de tab Visieleren in het kanaal.',
    en: 'No link can be made now. Open the Visieleren tab in the channel.',
  },
  otherPhases: { nl: 'Andere fasen', en: 'Other phases' },
  progress: { nl: '{done} van {total} gedaan', en: '{done} of {total} done' },
  checklist: { nl: 'Checklist', en: 'Checklist' },
  hours: { nl: 'Uren', en: 'Hours' },
  plan: { nl: 'Planning', en: 'Plan' },
  vit: { nl: 'VIT', en: 'VIT' },
  checklistTitle: { nl: 'Checklist: {name}', en: 'Checklist: {name}' },
  done: { nl: 'gedaan', en: 'done' },
  open: { nl: 'open', en: 'open' },
  overdueMark: { nl: 'te laat', en: 'overdue' },
  dueOn: { nl: 'uiterlijk {date}', en: 'by {date}' },
  doneBy: { nl: 'afgevinkt door {who}', en: 'ticked by {who}' },
  tick: { nl: 'Afvinken', en: 'Tick' },
  untick: { nl: 'Terugzetten', en: 'Undo' },
  noTemplate: {
    nl: 'Voor dit traject is geen sjabloon bekend, dus er is geen planning of checklist.',
    en: 'No template is known for this traject, so there is no plan or checklist.',
  },
  hoursTitle: { nl: 'Uren: {name}', en: 'Hours: {name}' },
  role: { nl: 'Rol', en: 'Role' },
  logged: { nl: '{hours} uur geschreven, verwacht {expected}', en: '{hours} h logged, expected {expected}' },
  atLeast: { nl: 'minstens {min} uur', en: 'at least {min} h' },
  between: { nl: '{min}–{max} uur', en: '{min}–{max} h' },
  logTitle: { nl: 'Uren schrijven', en: 'Log hours' },
  date: { nl: 'Datum', en: 'Date' },
  hoursInput: { nl: 'Aantal uur', en: 'Number of hours' },
  note: { nl: 'Toelichting (optioneel)', en: 'Note (optional)' },
  hoursError: {
    nl: 'Vul een aantal uur in van 0,25 tot 80.',
    en: 'Enter a number of hours from 0.25 to 80.',
  },
  roleError: { nl: 'Kies een rol.', en: 'Choose a role.' },
  dateError: { nl: 'Kies een datum.', en: 'Choose a date.' },
  logButton: { nl: 'Uren vastleggen', en: 'Save hours' },
  noHours: { nl: 'Nog geen urenoverzicht: het traject is nog niet begonnen.', en: 'No hours report yet.' },
  planTitle: { nl: 'Planning: {name}', en: 'Plan: {name}' },
  planned: { nl: 'gepland {from} – {to}', en: 'planned {from} – {to}' },
  actual: { nl: 'werkelijk {from} – {to}', en: 'actual {from} – {to}' },
  forecast: { nl: 'verwacht {from} – {to}', en: 'forecast {from} – {to}' },
  sessions: { nl: 'Sessies', en: 'Sessions' },
  vitTitle: { nl: 'VIT-profiel: {name}', en: 'VIT profile: {name}' },
  vitNone: {
    nl: 'Het Verkenningsinstrument Toegang (VIT) is nog niet ingevuld.',
    en: 'The VIT has not been answered yet.',
  },
  priorities: { nl: 'Prioriteiten', en: 'Priorities' },
  notAssessed: { nl: 'Te weinig antwoorden: {names}', en: 'Not enough answers: {names}' },
  fillVit: { nl: 'VIT invullen', en: 'Answer the VIT' },
  reminderTitle: { nl: 'Herinnering: {name}', en: 'Reminder: {name}' },
  comingPhase: { nl: 'Fase {name}', en: 'Phase {name}' },
  phaseDates: { nl: '{from} t/m {to}', en: '{from} to {to}' },
  asks: { nl: 'Wat deze fase vraagt', en: 'What this phase asks' },
  hoursPerRole: { nl: 'Uren per rol', en: 'Hours per role' },
  perWeek: { nl: '{min}–{max} uur per week', en: '{min}–{max} h per week' },
  dagdelen: { nl: 'minstens {n} dagdelen{prep}', en: 'at least {n} half-days{prep}' },
  plusPrep: { nl: ' plus voorbereiding', en: ' plus preparation' },
  noSessions: { nl: 'Geen sessies in deze fase.', en: 'No sessions in this phase.' },
});

function fmt(date: string | undefined, lang: Lang): string {
  return date ? formatDate(date, lang) : '–';
}

/**
 * The buttons under status and reminder cards. "Traject bekijken" asks the bot for a link for the person who
 * clicked (Action.Execute only): no link to the traject is ever part of a message others see.
 */
function navigation(trajectId: string, lang: Lang): Json[] {
  const show = (view: string, title: string) => execute(title, VERBS.show, { trajectId, view });
  return [
    show('checklist', t('checklist', lang)),
    show('uren', t('hours', lang)),
    show('planning', t('plan', lang)),
    executeOnly(t('openTab', lang), VERBS.open, { trajectId }),
  ];
}

/** The answer to "Traject bekijken", for the person who clicked only. */
export function pageLinkCard(
  view: TrajectView,
  lang: Lang,
  link: { url: string; until: string } | undefined,
): Json {
  const body = [heading(t('linkTitle', lang, { name: view.overview.name }))];
  const back = execute(t('back', lang), VERBS.show, { trajectId: view.traject.id, view: 'status' });
  if (!link) return card([...body, text(t('noLink', lang))], [back]);
  return card(
    [...body, text(t('linkText', lang, { time: link.until }))],
    [openUrl(t('openPage', lang), link.url), back],
  );
}

export function statusCard(view: TrajectView, lang: Lang): Json {
  const { overview, traject } = view;
  const body: Json[] = [
    heading(t('statusTitle', lang, { name: overview.name })),
    text(t('kernvraag', lang, { text: traject.kernvraag }), { isSubtle: true }),
    // Demo data no source gives is said to be illustrative wherever it is shown.
    ...(overview.illustrative ? [text(overview.illustrative[lang], { isSubtle: true })] : []),
  ];
  const slip = overview.slipWorkingDays ?? 0;
  body.push(
    facts([
      [
        t('status', lang),
        `${TRAJECT_STATUS_LABELS[overview.status][lang]}${overview.statusReason ? `: ${overview.statusReason}` : ''}`,
      ],
      [t('phase', lang), overview.currentPhase ? overview.currentPhase.name[lang] : t('noPhase', lang)],
      [
        t('nextSession', lang),
        overview.nextSession
          ? `${overview.nextSession.name[lang]}, ${fmt(overview.nextSession.date, lang)}`
          : t('none', lang),
      ],
      [t('overdue', lang), String(overview.overdue.length)],
      [t('forecastEnd', lang), fmt(overview.forecastEnd, lang)],
      [t('slip', lang), slip > 0 ? t('slipDays', lang, { days: slip }) : t('onTime', lang)],
    ]),
  );
  for (const item of overview.overdue.slice(0, 5)) {
    body.push(
      text(`• ${item.text[lang]} (${t('dueOn', lang, { date: fmt(item.due, lang) })})`, {
        color: 'Attention',
      }),
    );
  }
  return card(body, navigation(traject.id, lang));
}

/**
 * One phase's checklist with its tick buttons (the current phase unless another is asked for), and a button
 * for each other phase: all phases at once were ~78 KB with 41 buttons, at Teams' limit.
 */
export function checklistCard(view: TrajectView, lang: Lang, phaseKey?: string): Json {
  const body: Json[] = [heading(t('checklistTitle', lang, { name: view.overview.name }))];
  if (!view.template) return card([...body, text(t('noTemplate', lang))]);
  const phases = checklistByPhase(view).filter((candidate) => candidate.items.length > 0);
  const shown =
    phases.find((candidate) => candidate.key === phaseKey) ??
    phases.find((candidate) => candidate.key === view.overview.currentPhase?.key) ??
    phases.find((candidate) => candidate.items.some((item) => !item.done)) ??
    phases[0];
  if (!shown) return card([...body, text(t('noTemplate', lang))]);
  const others = phases.filter((candidate) => candidate !== shown);
  const doneCount = (items: typeof shown.items) => items.filter((item) => item.done).length;
  const phase = shown;
  body.push(
    subheading(phase.name[lang]),
    text(t('progress', lang, { done: doneCount(phase.items), total: phase.items.length }), {
      isSubtle: true,
      spacing: 'None',
    }),
  );
  for (const item of phase.items) {
    const state = item.done ? t('done', lang) : item.overdue ? t('overdueMark', lang) : t('open', lang);
    const detail = [
      state,
      item.due ? t('dueOn', lang, { date: fmt(item.due, lang) }) : undefined,
      item.done && item.doneBy ? t('doneBy', lang, { who: item.doneBy }) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    body.push({
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(`${item.done ? '✅' : '⬜'} ${item.text[lang]}`),
            text(detail, {
              isSubtle: true,
              size: 'Small',
              spacing: 'None',
              ...(item.overdue && !item.done ? { color: 'Attention' } : {}),
            }),
          ],
        },
        ...(item.stored
          ? [
              {
                type: 'Column',
                width: 'auto',
                verticalContentAlignment: 'Center',
                items: [
                  {
                    type: 'ActionSet',
                    actions: [
                      execute(item.done ? t('untick', lang) : t('tick', lang), VERBS.checklistToggle, {
                        trajectId: view.traject.id,
                        itemId: item.id,
                        done: !item.done,
                        phase: phase.key,
                      }),
                    ],
                  },
                ],
              },
            ]
          : []),
      ],
    });
  }
  if (others.length > 0) body.push(subheading(t('otherPhases', lang)));
  return card(
    body,
    others.map((phase) =>
      execute(`${phase.name[lang]} (${doneCount(phase.items)}/${phase.items.length})`, VERBS.show, {
        trajectId: view.traject.id,
        view: 'checklist',
        phase: phase.key,
      }),
    ),
  );
}

function expectedText(min: number, max: number | null, lang: Lang): string {
  return max === null
    ? t('atLeast', lang, { min: formatHours(min, lang) })
    : t('between', lang, { min: formatHours(min, lang), max: formatHours(max, lang) });
}

export function hoursCard(view: TrajectView, lang: Lang, notice?: string): Json {
  const body: Json[] = [heading(t('hoursTitle', lang, { name: view.overview.name }))];
  if (notice) body.push(text(notice, { weight: 'Bolder', color: 'Good' }));
  if (view.hours) {
    for (const row of view.hours.rows) {
      body.push(
        facts([
          [
            ROLE_LABELS[row.role][lang],
            `${t('logged', lang, {
              hours: formatHours(row.countedHours, lang),
              expected: expectedText(row.expected.minHours, row.expected.maxHours, lang),
            })} (${HOURS_STATUS_LABELS[row.status][lang]})`,
          ],
        ]),
      );
    }
  } else body.push(text(t('noHours', lang)));
  const roles = view.template?.commitments.map((commitment) => commitment.role) ?? [];
  const choices = (roles.length > 0 ? [...new Set(roles)] : [...ROLES]).map((role) => ({
    title: ROLE_LABELS[role][lang],
    value: role,
  }));
  body.push(
    subheading(t('logTitle', lang)),
    {
      type: 'Input.ChoiceSet',
      id: 'role',
      label: t('role', lang),
      isRequired: true,
      errorMessage: t('roleError', lang),
      choices,
      style: 'compact',
      value: choices[0]?.value,
    },
    {
      type: 'Input.Date',
      id: 'date',
      label: t('date', lang),
      isRequired: true,
      errorMessage: t('dateError', lang),
      value: view.today,
    },
    {
      type: 'Input.Number',
      id: 'hours',
      label: t('hoursInput', lang),
      isRequired: true,
      min: 0.25,
      max: 80,
      errorMessage: t('hoursError', lang),
    },
    { type: 'Input.Text', id: 'note', label: t('note', lang), maxLength: 500 },
  );
  return card(body, [
    execute(
      t('logButton', lang),
      VERBS.hoursLog,
      { trajectId: view.traject.id },
      { style: 'positive', associatedInputs: 'auto' },
    ),
  ]);
}

export function planCard(view: TrajectView, lang: Lang): Json {
  const body: Json[] = [heading(t('planTitle', lang, { name: view.overview.name }))];
  const forecast = view.overview.forecast;
  if (!forecast) return card([...body, text(t('noTemplate', lang))]);
  for (const phase of forecast.phases) {
    const lines = [
      t('planned', lang, { from: fmt(phase.plannedStart, lang), to: fmt(phase.plannedEnd, lang) }),
      phase.actualStart
        ? t('actual', lang, { from: fmt(phase.actualStart, lang), to: fmt(phase.actualEnd, lang) })
        : t('forecast', lang, { from: fmt(phase.start, lang), to: fmt(phase.end, lang) }),
    ];
    body.push(
      subheading(`${phase.name[lang]} (${PHASE_STATE_LABELS[phase.state][lang]})`),
      text(lines.join('\n\n'), { spacing: 'Small' }),
    );
    const sessions = forecast.sessions.filter((session) => session.phaseKey === phase.key);
    if (sessions.length > 0) {
      body.push(
        facts(sessions.map((session) => [session.name[lang], fmt(session.date, lang)] as [string, string])),
      );
    }
  }
  body.push(
    facts([
      [t('forecastEnd', lang), fmt(forecast.forecastEnd, lang)],
      [
        t('slip', lang),
        forecast.slipWorkingDays > 0
          ? t('slipDays', lang, { days: forecast.slipWorkingDays })
          : t('onTime', lang),
      ],
    ]),
  );
  return card(body);
}

export function vitSummaryCard(view: TrajectView, lang: Lang): Json {
  const body: Json[] = [heading(t('vitTitle', lang, { name: view.overview.name }))];
  const profile = view.vit;
  if (!profile) body.push(text(t('vitNone', lang)));
  else {
    body.push(text(profile.notice[lang], { isSubtle: true, size: 'Small' }));
    body.push(
      facts(
        profile.uitgangspunten.map(
          (item) =>
            [item.name[lang], item.stage ? `${item.stage.name[lang]} (${item.average})` : '–'] as [
              string,
              string,
            ],
        ),
      ),
    );
    if (profile.priorities.length > 0) {
      body.push(subheading(t('priorities', lang)));
      for (const priority of profile.priorities.slice(0, 3)) {
        body.push(text(`${priority.rank}. ${priority.name[lang]}: ${priority.stage.name[lang]}`));
      }
    }
    if (profile.onvoldoendeBeantwoord.length > 0) {
      const names = profile.onvoldoendeBeantwoord.map((item) => item.name[lang]).join(', ');
      body.push(text(t('notAssessed', lang, { names }), { isSubtle: true }));
    }
  }
  return card(body, [execute(t('fillVit', lang), VERBS.vitForm, { trajectId: view.traject.id })]);
}

/** A phase reminder: the intent's message, then what the phase asks (sessions, checklist, hours per role). */
export function reminderCard(view: TrajectView, intent: ReminderIntent, lang: Lang): Json {
  const body: Json[] = [
    heading(t('reminderTitle', lang, { name: view.overview.name })),
    text(intent.message[lang]),
  ];
  const phaseKey = intent.subject.phaseKey;
  const phase = view.overview.forecast?.phases.find((candidate) => candidate.key === phaseKey);
  const templatePhase = view.template?.phases.find((candidate) => candidate.key === phaseKey);
  if (phase && templatePhase && view.template) {
    body.push(
      subheading(t('comingPhase', lang, { name: phase.name[lang] })),
      text(t('phaseDates', lang, { from: fmt(phase.start, lang), to: fmt(phase.end, lang) }), {
        isSubtle: true,
      }),
      text(templatePhase.description[lang]),
      subheading(t('sessions', lang)),
    );
    const sessions = (view.overview.forecast?.sessions ?? []).filter(
      (session) => session.phaseKey === phaseKey,
    );
    body.push(
      sessions.length > 0
        ? facts(sessions.map((session) => [session.name[lang], fmt(session.date, lang)] as [string, string]))
        : text(t('noSessions', lang)),
    );
    const items = checklistByPhase(view).find((candidate) => candidate.key === phaseKey)?.items ?? [];
    if (items.length > 0) {
      body.push(subheading(t('checklist', lang)));
      for (const item of items) {
        body.push(text(`${item.done ? '✅' : '⬜'} ${item.text[lang]}`, { spacing: 'Small' }));
      }
    }
    const commitments = resolveCommitments(view.template, view.traject).filter(
      (commitment) => commitment.phaseKeys === null || commitment.phaseKeys.includes(templatePhase.key),
    );
    if (commitments.length > 0) {
      body.push(subheading(t('hoursPerRole', lang)));
      body.push(
        facts(
          commitments.map((commitment) => [
            (commitment.roleLabel ?? ROLE_LABELS[commitment.role])[lang],
            commitment.kind === 'dagdelen'
              ? t('dagdelen', lang, {
                  n: commitment.minDagdelen,
                  prep: commitment.plusPreparation ? t('plusPrep', lang) : '',
                })
              : t('perWeek', lang, {
                  min: formatHours(commitment.minHours, lang),
                  max: formatHours(commitment.maxHours, lang),
                }),
          ]),
        ),
      );
    }
  }
  return card(body, navigation(view.traject.id, lang));
}
