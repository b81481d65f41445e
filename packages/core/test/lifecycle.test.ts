import { describe, expect, it } from 'vitest';
import {
  acceptAanmelding,
  aftercarePlan,
  ConflictError,
  createTrajectFromTemplate,
  declineAanmelding,
  defaultVitBank,
  demoPortfolio,
  ForbiddenError,
  getBuiltInTemplate,
  latestDeliverables,
  nazorgDate,
  parseNamedPeople,
  parseOtherGemeenten,
  planDuration,
  planToJson,
  planTraject,
  scoreVit,
  teamGaps,
  trajectFromAanmelding,
  trajectOverview,
  ValidationError,
  vitSubmissionFromForm,
} from '../src/index.js';

const template = getBuiltInTemplate('visieleertraject');

const aanmelding = {
  gemeente: 'Stede Broec',
  'cbs-code': 'GM0532',
  samen: true,
  'andere-gemeenten': 'Enkhuizen GM0388\nDrechterland',
  'contact-naam': 'Jan de Vries',
  'contact-email': 'jan@stedebroec.nl',
  kernvraag: 'Hoe lossen we wachttijden op door onze drie processen te harmoniseren?',
  themas: ['rust-en-regie'],
  draagvlak: true,
};

describe('aanmelding → traject', () => {
  const { traject, intake } = trajectFromAanmelding(aanmelding, {
    id: 'stede-broec-2027-ab12',
    submittedOn: '2027-01-04',
    template,
  });

  it('creates an aangemeld traject with the gemeenten, the vraagstuk and the contact person', () => {
    expect(traject.status).toBe('aangemeld');
    expect(traject.gemeenten).toEqual([
      { name: 'Stede Broec', cbsCode: 'GM0532' },
      { name: 'Enkhuizen', cbsCode: 'GM0388' },
      { name: 'Drechterland' },
    ]);
    expect(traject.kernvraag).toBe(aanmelding.kernvraag);
    expect(traject.participants).toEqual([
      expect.objectContaining({ role: 'ambtelijk-contactpersoon', email: 'jan@stedebroec.nl' }),
    ]);
    // A provisional plan two weeks on, replaced when the VNG team accepts.
    expect(traject.startDate).toBe('2027-01-18');
    expect(intake.vraagstuk).toBe(aanmelding.kernvraag);
    expect(intake.answers).toEqual(aanmelding);
  });

  it('names the question when an answer cannot make a traject', () => {
    expect(() =>
      trajectFromAanmelding(
        { ...aanmelding, 'contact-email': 'geen-adres' },
        {
          id: 'x',
          submittedOn: '2027-01-04',
          template,
        },
      ),
    ).toThrow(/contact-email/);
  });

  it('accepting plans from the chosen start and sets the traject lopend; declining needs a reason', () => {
    const accepted = acceptAanmelding(traject, { template, start: '2027-03-01', region: 'noord' });
    expect(accepted.status).toBe('lopend');
    expect(accepted.startDate).toBe('2027-03-01');
    expect(accepted.phases[0]?.plannedStart).toBe('2027-03-01');
    expect(accepted.participants).toEqual(traject.participants);
    expect(() => acceptAanmelding(accepted, { template, start: '2027-03-01' })).toThrow(ConflictError);
    expect(() => acceptAanmelding(traject, { template, start: '2027-03-01', actor: 'gemeente' })).toThrow(
      ForbiddenError,
    );
    expect(() => declineAanmelding(traject, ' ')).toThrow(ValidationError);
    expect(declineAanmelding(traject, 'Geen bestuurlijk draagvlak')).toEqual({
      status: 'afgewezen',
      reason: 'Geen bestuurlijk draagvlak',
    });
  });

  it('accepting makes the people the aanmelding names participants and ticks what it answered', () => {
    const answers = {
      ...aanmelding,
      'ambtelijk-contactpersoon-wie': 'Jan de Vries, beleidsadviseur',
      'ambtelijke-ondersteuning-wie': 'Sanne Bakker (secretariaat)',
      'bestuurder-wie': 'Wethouder Ria Smit; Kees Jong, burgemeester',
      'professional-wie': '',
    };
    const accepted = acceptAanmelding(traject, { template, start: '2027-03-01', answers });
    const named = accepted.participants.map((p) => [p.role, p.name]);
    expect(named).toEqual([
      ['ambtelijk-contactpersoon', 'Jan de Vries'],
      ['ambtelijke-ondersteuning', 'Sanne Bakker'],
      ['bestuurder', 'Wethouder Ria Smit'],
      ['bestuurder', 'Kees Jong'],
    ]);
    const done = accepted.checklist.filter((item) => item.done).map((item) => item.itemId);
    expect(done.sort()).toEqual(
      [
        'aanmelding-versturen',
        'bestuurlijk-draagvlak',
        'contactpersoon-aanwijzen',
        'ondersteuning-regelen',
        'vraagstuk-beschrijven',
      ].sort(),
    );
    // Without draagvlak the item stays open; professionals and bestuurders both named tick their item.
    const other = acceptAanmelding(traject, {
      template,
      start: '2027-03-01',
      answers: { ...answers, draagvlak: false, 'professional-wie': 'Team Toegang' },
    });
    const otherDone = new Set(other.checklist.filter((item) => item.done).map((item) => item.itemId));
    expect(otherDone.has('bestuurlijk-draagvlak')).toBe(false);
    expect(otherDone.has('inzet-bestuurders-professionals')).toBe(true);
  });

  it('reads "naam, functie" and "naam (functie)" from the role questions', () => {
    expect(parseNamedPeople('Ria Smit, wethouder\nPiet (beleid); Ans')).toEqual([
      { name: 'Ria Smit', functie: 'wethouder' },
      { name: 'Piet', functie: 'beleid' },
      { name: 'Ans' },
    ]);
    expect(parseNamedPeople(undefined)).toEqual([]);
  });

  it('reads "naam GM0000" lines and semicolons', () => {
    expect(parseOtherGemeenten('Hoorn (GM0405); Medemblik')).toEqual([
      { name: 'Hoorn', cbsCode: 'GM0405' },
      { name: 'Medemblik' },
    ]);
  });
});

describe('VIT form answers → the traject’s VIT', () => {
  it('turns scale numbers and yes-no booleans into a submission the scorer reads', () => {
    const questions = defaultVitBank.uitgangspunten.flatMap((u) => u.questions);
    const scale = questions.find((question) => question.kind === 'scale')!;
    const yesNo = questions.find((question) => question.kind === 'yes-no')!;
    const submission = vitSubmissionFromForm(
      defaultVitBank,
      { [scale.id]: 4, [yesNo.id]: true, onbekend: 3 },
      { submittedAt: '2027-01-05T10:00:00.000Z', submittedBy: 'jan@stedebroec.nl' },
    );
    expect(submission.answers).toEqual({ [scale.id]: 4, [yesNo.id]: 'ja' });
    expect(submission.bankId).toBe(defaultVitBank.id);
    expect(scoreVit(defaultVitBank, submission.answers)).not.toEqual(scoreVit(defaultVitBank, {}));
  });
});

describe('team gaps', () => {
  it('says which expertise, perspectives, lead or moderator are missing', () => {
    const gaps = teamGaps(
      [{ id: 'a', name: 'A', role: 'vng-expert', expertise: ['bestuurlijk'] }],
      [{ id: 'p', name: 'P', role: 'bestuurder', perspective: 'bestuur' }],
    );
    expect(gaps.missingExpertise).toEqual(['ambtelijk', 'uitvoerend']);
    expect(gaps.missingPerspectives).toEqual(['management', 'beleid', 'uitvoering']);
    expect(gaps.inwonersMissing).toBe(true);
    expect(gaps.noLead).toBe(true);
    expect(gaps.noModerator).toBe(true);
    expect(gaps.messages.map((message) => message.nl).join(' ')).toMatch(
      /mist ambtelijke, uitvoerende expertise/,
    );
    const full = teamGaps(
      [
        { id: 'l', name: 'L', role: 'vng-lead', expertise: ['bestuurlijk', 'ambtelijk', 'uitvoerend'] },
        { id: 'm', name: 'M', role: 'moderator', expertise: [] },
      ],
      (['bestuur', 'management', 'beleid', 'uitvoering', 'inwoner'] as const).map((perspective) => ({
        id: perspective,
        name: perspective,
        role: 'professional' as const,
        perspective,
      })),
    );
    expect(full.messages).toEqual([]);
  });
});

describe('deliverables', () => {
  it('keeps the latest version per kind', () => {
    const base = { trajectId: 't', createdAt: '2027-01-01T00:00:00Z', createdBy: 'vng' };
    expect(
      latestDeliverables([
        { ...base, kind: 'advies', version: 1, state: 'concept', body: 'v1' },
        { ...base, kind: 'advies', version: 2, state: 'gepresenteerd', body: 'v2' },
        { ...base, kind: 'handelingsperspectief', version: 1, state: 'vastgesteld', url: 'https://x.nl' },
      ]).map((deliverable) => [deliverable.kind, deliverable.version]),
    ).toEqual([
      ['handelingsperspectief', 1],
      ['advies', 2],
    ]);
  });
});

describe('corrections found against the seeds', () => {
  it('"Kick-off voorbereiden" is due before the kick-off, the reflection on the ontwerpsessie day', () => {
    for (const start of ['2027-01-11', '2027-03-24', '2028-12-18']) {
      const plan = planTraject(template, { start });
      const session = (key: string) => plan.sessions.find((s) => s.key === key)!.date;
      const due = (id: string) => plan.checklist.find((item) => item.id === id)!.due;
      expect(due('kick-off-voorbereiden') < session('kick-off')).toBe(true);
      expect(due('reflectie-synthese')).toBe(session('ontwerpsessie'));
    }
  });

  it('a fresh plan is 12 working weeks, "precies de streefduur", with the sources’ range beside it', () => {
    const plan = planTraject(template, { start: '2027-01-11' });
    const duration = planDuration(plan);
    expect(duration.workingWeeks).toBe(12);
    expect(duration.summary).toMatch(/12 werkweken \(precies de streefduur\)/);
    expect(duration.summary).toMatch(/7 tot 10 weken/);
    expect(duration.summary).toMatch(/zes maanden/);
    expect(duration.summary).not.toMatch(/later/);
  });

  it('plan JSON says which holiday moved a session or lengthened a phase', () => {
    // Starten runs from 22 March 2027 and holds Tweede Paasdag (29 March).
    const plan = planToJson(planTraject(template, { start: '2027-03-08' }));
    const closed = plan.phases.flatMap((phase) => phase.closedDays);
    expect(closed.map((day) => day.reason)).toContain('Tweede Paasdag');
    const json = planToJson(planTraject(template, { start: '2027-04-19' }));
    const moved = json.phases.flatMap((phase) => phase.sessions).filter((s) => s.adjustments.length > 0);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved[0]!.adjustments[0]).toMatch(/Verplaatst van .* \(.+\) naar/);
  });

  it('keeps the interpretations marked: phase lengths, size bands, the 7-step mapping', () => {
    const json = planToJson(planTraject(template, { start: '2027-01-11' }));
    const about = json.interpretations.map((entry) => entry.about);
    expect(about).toEqual(
      expect.arrayContaining(['phases.durationWeeks', 'commitments.bySize', 'programmeSteps']),
    );
    for (const entry of json.interpretations) expect(entry.text).toMatch(/interpretatie|onze/);
  });

  it('Tabel 1 trajects are frozen at the report: no slip of years, shown as of April 2024', () => {
    const today = '2026-12-01';
    const portfolio = demoPortfolio(today, template);
    for (const id of ['stede-broec-enkhuizen-drechterland', 'twenterand']) {
      const overview = trajectOverview(portfolio.find((traject) => traject.id === id)!, today);
      expect(overview.asOf).toBe('2024-04-30');
      expect(overview.slipWorkingDays ?? 0).toBeLessThan(300);
    }
  });
});

describe('aftercare', () => {
  it('plans the nazorggesprek N months after the borgingssessie, on a working day', () => {
    expect(nazorgDate('2027-06-02', 6)).toBe('2027-12-02');
    // 31 August + 6 months = 28 February 2027 (no 31st), a Sunday → Monday 1 March.
    expect(nazorgDate('2026-08-31', 6)).toBe('2027-03-01');
    // Lands on Christmas Day → the next working day.
    expect(nazorgDate('2027-06-25', 6)).toBe('2027-12-27');
    const traject = createTrajectFromTemplate(template, {
      id: 't',
      gemeenten: [{ name: 'X' }],
      kernvraag: 'k',
      start: '2027-01-11',
      status: 'lopend',
    });
    const plan = aftercarePlan(traject, template, { today: '2027-01-11', months: 3 });
    expect(plan.nazorggesprek!.date > plan.borgingssessie!).toBe(true);
    expect(plan.evaluatie! > plan.borgingssessie!).toBe(true);
    const planned = aftercarePlan(traject, template, {
      today: '2027-01-11',
      extraSessions: [{ key: 'nazorg', kind: 'nazorggesprek', plannedDate: '2027-09-01' }],
    });
    expect(planned.nazorggesprek).toEqual({ date: '2027-09-01', planned: true, basis: 'gepland' });
  });
});

describe('frozen demo trajects never nag', () => {
  it('the Tabel 1 trajects get no reminders today, the running demo trajects do', async () => {
    const { dueReminders } = await import('../src/index.js');
    const today = '2026-12-01';
    const portfolio = demoPortfolio(today, template);
    const due = dueReminders(
      portfolio.map((traject) => ({ traject, template })),
      new Date('2026-12-07T09:30:00Z'),
    );
    const table1 = new Set(portfolio.filter((traject) => traject.asOf).map((traject) => traject.id));
    expect(table1.size).toBe(9);
    expect(due.filter((intent) => table1.has(intent.trajectId))).toEqual([]);
    expect(due.length).toBeGreaterThan(0);
  });
});

describe('the duo-interviewfase', () => {
  it('is a series of interviews over several working days inside Luisteren, not one six-hour day', () => {
    const plan = planTraject(template, { start: '2027-01-11' });
    const duo = plan.sessions.find((session) => session.key === 'duo-interviews')!;
    expect(duo.durationHours).toBeUndefined();
    expect(duo.until).toBe('2027-02-22');
    const luisteren = plan.phases.find((phase) => phase.key === 'luisteren')!;
    expect(duo.until! <= luisteren.end).toBe(true);
    const json = planToJson(plan);
    expect(json.phases[2]?.sessions[0]).toMatchObject({ key: 'duo-interviews', until: '2027-02-22' });
    expect(json.interpretations.map((entry) => entry.about)).toContain('phases.sessions.seriesWorkingDays');
  });
});

describe('nazorg reminders', () => {
  it('remind the lead and the contact person 14 days and 1 day before, once per key, never for frozen trajects', async () => {
    const { dueAftercareReminders } = await import('../src/index.js');
    const traject = createTrajectFromTemplate(template, {
      id: 'nazorg-1',
      gemeenten: [{ name: 'Ede' }],
      kernvraag: 'k',
      start: '2027-01-11',
      status: 'afgerond',
    });
    const items = [{ traject, nazorggesprek: '2027-10-20' }];
    const twoWeeks = dueAftercareReminders(items, new Date('2027-10-06T07:30:00Z'));
    expect(twoWeeks.map((intent) => intent.key)).toEqual([
      'nazorg-1:nazorggesprek:nazorggesprek@2027-10-20-14d',
    ]);
    expect(twoWeeks[0]?.audience).toEqual(['vng-lead', 'ambtelijk-contactpersoon']);
    expect(twoWeeks[0]?.message.nl).toContain('14 dagen');
    // Before 09:00 Amsterdam on that day nothing is due yet; the day before the talk the second one is.
    expect(dueAftercareReminders(items, new Date('2027-10-06T06:30:00Z'))).toEqual([]);
    expect(dueAftercareReminders(items, new Date('2027-10-19T08:00:00Z')).map((i) => i.occurrence)).toEqual([
      'nazorggesprek@2027-10-20-1d',
    ]);
    const frozen = [{ traject: { ...traject, asOf: '2024-04-30' }, nazorggesprek: '2027-10-20' }];
    expect(dueAftercareReminders(frozen, new Date('2027-10-06T07:30:00Z'))).toEqual([]);
  });
});
