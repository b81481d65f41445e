import { describe, expect, it } from 'vitest';
import {
  citeSource,
  isPublicLesson,
  type Lesson,
  SEED_LESSONS,
  searchLessons,
  uitgangspuntName,
} from '../src/index.js';

describe('citeSource', () => {
  it('names the document instead of the seed file', () => {
    expect(citeSource('seed 002 §2.1')).toBe('Rapportage Visieleren, VNG, april 2024, §2.1');
    expect(citeSource('seed 002: Rapportage Visieleren (april 2024), §1.3 Tabel 1 en hoofdstuk 2-4')).toBe(
      'Rapportage Visieleren, VNG, april 2024, §1.3 Tabel 1 en hoofdstuk 2-4',
    );
    expect(citeSource('seed 004')).toBe('Movisie, Achtergrondinformatie Verbetertraject Toegang');
    expect(citeSource('Nazorgformulier')).toBe('Nazorgformulier');
  });

  it('leaves no seed label on any seeded lesson', () => {
    for (const lesson of SEED_LESSONS) expect(citeSource(lesson.source ?? '')).not.toMatch(/seed/i);
  });
});

describe('uitgangspuntName', () => {
  it('gives the name, not the key', () => {
    expect(uitgangspuntName('transparantie-en-eenvoud')).toBe('Transparantie en eenvoud');
    expect(uitgangspuntName('onbekend')).toBe('onbekend');
  });
});

describe('lessons the public sees', () => {
  const base = {
    theme: 'rust-en-regie' as const,
    kind: 'les' as const,
    uitgangspunten: [],
    title: 'Les',
    body: 'Tekst',
  };
  it('only approved, shared lessons; the own traject sees its own lessons waiting', () => {
    const waiting: Lesson = { ...base, id: 'a', trajectId: 'hoorn', shared: true, approval: 'wacht' };
    const approved: Lesson = { ...waiting, id: 'b', approval: 'goedgekeurd' };
    const notShared: Lesson = { ...approved, id: 'c', shared: false };
    expect([waiting, approved, notShared].filter(isPublicLesson).map((l) => l.id)).toEqual(['b']);
    const own = searchLessons([waiting, approved, notShared], { kind: 'traject', trajectId: 'hoorn' });
    expect(own.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    const other = searchLessons([waiting, approved, notShared], { kind: 'traject', trajectId: 'ede' });
    expect(other.map((l) => l.id)).toEqual(['b']);
  });
});
