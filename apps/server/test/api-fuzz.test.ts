import { defaultVitBank, ROLES, THEMES, TRAJECT_STATUSES, VIT_NO, VIT_YES } from '@visieleren/core';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';

/**
 * 1,000+ random bodies against every write endpoint: the API may refuse them, but never with a 500, and
 * whatever it acknowledged with a 2xx must be in the store afterwards.
 */

let api: TestApi;
let vng: string;
let trajectId: string;
let phaseKeys: string[];
let itemIds: string[];

beforeAll(async () => {
  // A thousand writes with one token: the per-token write limit (tested in api-security.test.ts) is lifted.
  api = await startTestApi({ apiWriteLimit: { burst: 1_000_000, perMinute: 1_000_000 } });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'fuzz' }, 'test')).token;
  const created = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
  trajectId = created.body.traject.id;
  phaseKeys = created.body.traject.phases.map((phase: { key: string }) => phase.key);
  itemIds = created.body.traject.checklist.map((item: { itemId: string }) => item.itemId);
});
afterAll(async () => {
  await api.close();
});

beforeEach(() => {
  accepted = 0;
});

function expectSomeAccepted() {
  expect(accepted, 'requests the API accepted').toBeGreaterThan(5);
  process.stdout.write(
    `${expect.getState().currentTestName}: ${accepted} van ${RUNS_PER_ENDPOINT} aanvaard\n`,
  );
}

const RUNS_PER_ENDPOINT = 170;
const questionIds = defaultVitBank.uitgangspunten.flatMap((uitgangspunt) =>
  uitgangspunt.questions.map((question) => question.id),
);
const questions = defaultVitBank.uitgangspunten.flatMap((uitgangspunt) => uitgangspunt.questions);
const { min, max } = defaultVitBank.scale;
const fittingAnswers = fc
  .subarray(questions, { minLength: 1 })
  .chain((chosen) =>
    fc
      .tuple(
        ...chosen.map((question) =>
          question.kind === 'scale'
            ? fc.integer({ min, max })
            : question.kind === 'yes-no'
              ? fc.constantFrom<string | number | null>(VIT_YES, VIT_NO)
              : fc.option(fc.string({ maxLength: 200 }), { nil: null }),
        ),
      )
      .map((values) =>
        Object.fromEntries(chosen.map((question, index) => [question.id, values[index] ?? null])),
      ),
  );
/** Accepted (2xx) requests in the current test: each endpoint must accept some, or the test proves nothing. */
let accepted = 0;

const isoDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2032-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
/** Mostly plausible values, sometimes anything at all: that mix reaches both the validators and the store. */
const maybe = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: fc.jsonValue() });
const nearPlan = fc
  .date({ min: new Date('2027-01-01'), max: new Date('2027-07-01'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const rarelyBad = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: fc.jsonValue() });
const garbageBody = fc.oneof(
  fc.jsonValue(),
  fc.string().map((text) => ({ raw: text })),
  fc
    .constantFrom('{', '{"a":', 'null', '[]', '"tekst"', '1e999', '{"__proto__": {"x": 1}}')
    .map((raw) => ({ raw })),
);

type Body = unknown | { raw: string };

async function send(method: string, path: string, body: Body) {
  const options =
    body !== null &&
    typeof body === 'object' &&
    'raw' in (body as object) &&
    Object.keys(body as object).length === 1
      ? { token: vng, raw: String((body as { raw: unknown }).raw) }
      : { token: vng, json: body };
  const response = await api.request(method, path, options);
  if (response.status < 300) {
    accepted++;
    // Whatever was accepted (odd dates, many hours, partial VIT answers), the traject must stay readable
    // with its forecast, hours report and VIT profile, and the overview page must still render.
    const detail = await api.request('GET', `/api/v1/trajecten/${trajectId}`, { token: vng });
    expect(detail.status, detail.text.slice(0, 300)).toBe(200);
    expect((await api.request('GET', '/')).status).toBe(200);
  }
  expect(
    response.status,
    `${method} ${path} ${JSON.stringify(body).slice(0, 300)} → ${response.text.slice(0, 300)}`,
  ).toBeLessThan(500);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/(problem\+)?json/);
  return response;
}

function stored() {
  return api.store.trajects.get(trajectId, { kind: 'all' });
}

// Hundreds of requests per endpoint, each checked by two reads: a guard for a slow or busy machine
// (2 cores shared with other test files), not a speed requirement (speed is measured in bench/api).
describe('random bodies against every write endpoint', { timeout: 240_000 }, () => {
  it('POST /api/v1/trajecten', async () => {
    const body = fc.oneof(
      fc.record(
        {
          templateKey: rarelyBad(fc.constantFrom('visieleertraject', 'verbetertraject-toegang', 'onbekend')),
          startDate: rarelyBad(isoDate),
          gemeenten: rarelyBad(
            fc.array(fc.record({ name: rarelyBad(fc.string({ minLength: 1, maxLength: 40 })) }), {
              minLength: 1,
              maxLength: 3,
            }),
          ),
          kernvraag: rarelyBad(fc.string({ minLength: 1, maxLength: 200 })),
          themes: rarelyBad(fc.uniqueArray(fc.constantFrom(...THEMES), { maxLength: 3 })),
          region: rarelyBad(fc.constantFrom('noord', 'midden', 'zuid')),
        },
        { requiredKeys: ['templateKey', 'startDate', 'gemeenten', 'kernvraag'] },
      ),
      garbageBody,
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const response = await send('POST', '/api/v1/trajecten', input);
        if (response.status === 201) {
          const id = response.body.traject.id;
          const saved = await api.store.trajects.get(id, { kind: 'all' });
          expect(saved.kernvraag).toBe(response.body.traject.kernvraag);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    expectSomeAccepted();
  });

  it('PATCH /api/v1/trajecten/{id}/fasen/{fase}', async () => {
    const body = fc.oneof(
      // One field at a time near the plan: the kind of change people make, and mostly accepted.
      {
        weight: 3,
        arbitrary: fc.oneof(
          fc.record({ plannedStart: nearPlan }),
          fc.record({ plannedEnd: nearPlan }),
          fc.record({ actualStart: fc.option(nearPlan, { nil: null }) }),
          fc.record({ actualEnd: fc.option(nearPlan, { nil: null }) }),
        ),
      },
      fc.record(
        {
          plannedStart: rarelyBad(isoDate),
          plannedEnd: rarelyBad(isoDate),
          actualStart: rarelyBad(fc.option(isoDate, { nil: null })),
          actualEnd: rarelyBad(fc.option(isoDate, { nil: null })),
          // Mostly absent: a random revision is almost always stale (409), which is tested, but not only that.
          revision: fc.option(fc.integer({ min: -2, max: 3000 }), { nil: undefined, freq: 4 }),
        },
        { requiredKeys: [] },
      ),
      garbageBody,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...phaseKeys, 'geen-fase'), body, async (phaseKey, input) => {
        const response = await send('PATCH', `/api/v1/trajecten/${trajectId}/fasen/${phaseKey}`, input);
        if (response.status === 200) {
          const phase = (await stored()).phases.find((candidate) => candidate.key === phaseKey);
          const sent = input as Record<string, string | null | undefined>;
          for (const field of ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const) {
            if (sent[field] !== undefined) expect(phase?.[field] ?? null).toBe(sent[field]);
          }
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    expectSomeAccepted();
  });

  it('PATCH /api/v1/trajecten/{id}/status', async () => {
    const body = fc.oneof(
      fc.record({ status: maybe(fc.constantFrom(...TRAJECT_STATUSES, 'klaar')) }, { requiredKeys: [] }),
      garbageBody,
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const response = await send('PATCH', `/api/v1/trajecten/${trajectId}/status`, input);
        if (response.status === 200) {
          expect((await stored()).status).toBe((input as { status: string }).status);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    expectSomeAccepted();
  });

  it('PUT /api/v1/trajecten/{id}/checklist/{item}', async () => {
    const body = fc.oneof(
      fc.record(
        { done: maybe(fc.boolean()), by: maybe(fc.string({ maxLength: 250 })) },
        { requiredKeys: [] },
      ),
      garbageBody,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...itemIds.slice(0, 5), 'geen-item'), body, async (itemId, input) => {
        const response = await send('PUT', `/api/v1/trajecten/${trajectId}/checklist/${itemId}`, input);
        if (response.status === 200) {
          const item = (await stored()).checklist.find((candidate) => candidate.itemId === itemId);
          expect(item?.done).toBe((input as { done: boolean }).done);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    expectSomeAccepted();
  });

  it('POST /api/v1/trajecten/{id}/uren', async () => {
    const body = fc.oneof(
      fc.record(
        {
          role: maybe(fc.constantFrom(...ROLES, 'wethouder')),
          date: maybe(isoDate),
          hours: maybe(
            fc.oneof(fc.double({ min: -5, max: 100, noNaN: true }), fc.integer({ min: 0, max: 90 })),
          ),
          note: maybe(fc.string({ maxLength: 600 })),
        },
        { requiredKeys: [] },
      ),
      garbageBody,
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = (await stored()).hours.length;
        const response = await send('POST', `/api/v1/trajecten/${trajectId}/uren`, input);
        const after = await stored();
        if (response.status === 201) {
          expect(after.hours).toHaveLength(before + 1);
          const sent = input as { role: string; date: string; hours: number };
          expect(after.hours).toContainEqual(
            expect.objectContaining({ role: sent.role, date: sent.date, hours: sent.hours }),
          );
        } else {
          expect(after.hours).toHaveLength(before);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    expectSomeAccepted();
  });

  it('POST /api/v1/trajecten/{id}/vit', async () => {
    const body = fc.oneof(
      fc.record(
        {
          answers: fc.oneof(
            // Mostly answers that fit their question, so the store path is exercised too.
            { weight: 3, arbitrary: fittingAnswers },
            fc.dictionary(
              fc.oneof(
                { weight: 4, arbitrary: fc.constantFrom(...questionIds) },
                fc.string({ minLength: 1, maxLength: 10 }),
              ),
              fc.oneof(
                fc.integer({ min: -1, max: 7 }),
                fc.constantFrom(VIT_YES, VIT_NO),
                fc.string({ maxLength: 20 }),
                fc.constant(null),
              ),
              { maxKeys: 5 },
            ),
            fc.jsonValue(),
          ),
          submittedBy: maybe(fc.string({ maxLength: 50 })),
        },
        { requiredKeys: [] },
      ),
      garbageBody,
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const response = await send('POST', `/api/v1/trajecten/${trajectId}/vit`, input);
        if (response.status === 201) {
          expect((await stored()).vit?.answers).toEqual((input as { answers: unknown }).answers);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    expectSomeAccepted();
  });
});
