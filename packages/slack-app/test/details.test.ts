import { createManualClock } from '@visieleren/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { portfolioBlocks } from '../src/home.js';
import { hoornTraject, slashCommandBody } from '../src/testing.js';
import { type Harness, startHarness } from './support.js';

describe('Enterprise Grid', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('accepts a request from a workspace of the organisation (E…) with a Grid user id (W…)', async () => {
    h = await startHarness({
      clock: createManualClock('2027-01-20T09:00:00Z'),
      env: { SLACK_TEAM_ID: 'E0VNG' },
    });
    const body = `${slashCommandBody({
      text: 'help',
      teamId: 'T0AFDELING',
      userId: 'W0GRID',
      responseUrl: h.fake.responseUrl(),
    })}&enterprise_id=E0VNG`;
    const answer = (await (await h.send(body)).json()) as { text: string };
    expect(answer.text).toContain('/visieleren trajecten');
    const other = `${slashCommandBody({ text: 'help', teamId: 'T0ANDERS', userId: 'W0X', responseUrl: h.fake.responseUrl() })}&enterprise_id=E0ANDERS`;
    expect(((await (await h.send(other)).json()) as { text: string }).text).toContain(
      'alleen voor de werkruimte',
    );
  });
});

describe('Dutch singular and plural', () => {
  it('says "1 traject" and "2 trajecten"', () => {
    const intro = (count: number) =>
      JSON.stringify(
        portfolioBlocks(
          Array.from({ length: count }, (_, index) => ({
            ...hoornTraject({ id: `t-${index}` }),
            revision: 1,
            createdAt: '',
            updatedAt: '',
          })),
          '2027-01-20',
          { maxBlocks: 100, trajectUrl: () => '', withButtons: false },
        )[1],
      );
    expect(intro(1)).toContain('1 traject.');
    expect(intro(2)).toContain('2 trajecten.');
  });
});
