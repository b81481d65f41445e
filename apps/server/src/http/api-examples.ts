import { createTrajectFromTemplate, defaultVitBank, getBuiltInTemplate, scoreVit } from '@visieleren/core';

/**
 * Examples for the OpenAPI document, made by core from the built-in template so they always match the
 * schemas (the document test validates every example against its schema).
 */
export const EXAMPLE_TRAJECT_ID = 'ede-2027-3f9a';

export const exampleCreateBody = {
  templateKey: 'visieleertraject',
  startDate: '2027-01-11',
  gemeenten: [{ name: 'Ede', cbsCode: 'GM0228' }],
  kernvraag: 'Hoe houden we de toegang dichtbij de inwoner?',
  themes: ['inwoner-centraal'],
  region: 'midden',
};

let cached: ReturnType<typeof build> | undefined;

function build() {
  const traject = createTrajectFromTemplate(getBuiltInTemplate('visieleertraject'), {
    id: EXAMPLE_TRAJECT_ID,
    gemeenten: [{ name: 'Ede', cbsCode: 'GM0228' }],
    kernvraag: exampleCreateBody.kernvraag,
    themes: ['inwoner-centraal'],
    start: exampleCreateBody.startDate,
    region: 'midden',
  });
  return {
    ...traject,
    revision: 1,
    createdAt: '2027-01-04T09:00:00.000Z',
    updatedAt: '2027-01-04T09:00:00.000Z',
  };
}

/** A stored traject as the API returns it. */
export function exampleTraject() {
  cached ??= build();
  return cached;
}

export function exampleSummary() {
  const traject = exampleTraject();
  return {
    id: traject.id,
    gemeenten: traject.gemeenten,
    kernvraag: traject.kernvraag,
    themes: traject.themes,
    templateKey: traject.templateKey,
    startDate: traject.startDate,
    status: traject.status,
    region: traject.region,
    revision: traject.revision,
    updatedAt: traject.updatedAt,
  };
}

export const EXAMPLE_VIT_ANSWERS = { 'ps-leefgebieden': 3 };

/** The profile core makes of the example answers. */
export function exampleVitProfile() {
  return scoreVit(defaultVitBank, EXAMPLE_VIT_ANSWERS);
}
