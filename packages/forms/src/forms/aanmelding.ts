import {
  type Lang,
  type LocalizedText,
  ROLE_LABELS,
  type Role,
  type Template,
  THEME_LABELS,
  THEMES,
} from '@visieleren/core';
import { defineForm, type FormDefinition, type QuestionInput } from '../definition/schema.js';
import { describeCommitment } from './commitment-text.js';
import { l } from './text.js';

/** The roles a gemeente fills itself (DOMAIN.md "What participation asks"). */
const GEMEENTE_ROLES = [
  'ambtelijk-contactpersoon',
  'ambtelijke-ondersteuning',
  'bestuurder',
  'professional',
] as const;

const WHO_LABELS: Record<(typeof GEMEENTE_ROLES)[number], LocalizedText> = {
  'ambtelijk-contactpersoon': l(
    'Wie wordt het ambtelijk contactpersoon?',
    'Who will be the municipal contact person?',
  ),
  'ambtelijke-ondersteuning': l(
    'Wie verzorgt de ambtelijke ondersteuning (praktische zaken)?',
    'Who will provide administrative support (practical matters)?',
  ),
  bestuurder: l('Welke bestuurder(s) doen mee?', 'Which executive(s) will take part?'),
  professional: l(
    'Welke ambtelijke en uitvoerende professionals zijn nauw betrokken?',
    'Which policy and front-line professionals will be closely involved?',
  ),
};

function localizedNorm(template: Template | undefined, role: Role): LocalizedText | undefined {
  const commitment = template?.commitments.find((candidate) => candidate.role === role);
  if (!template || !commitment) return undefined;
  const text = (lang: Lang) => describeCommitment(commitment, template, lang);
  return { nl: text('nl'), en: text('en') };
}

function roleQuestions(template: Template | undefined): QuestionInput[] {
  return GEMEENTE_ROLES.flatMap((role): QuestionInput[] => {
    const norm = localizedNorm(template, role);
    return [
      {
        kind: 'short-text',
        id: `${role}-wie`,
        label: WHO_LABELS[role],
        help: l('Naam en functie; meerdere namen mag.', 'Name and position; several names are fine.'),
        required: role === 'ambtelijk-contactpersoon',
      },
      {
        kind: 'yes-no',
        id: `${role}-tijd`,
        label: l(
          `Kan de ${ROLE_LABELS[role].nl.toLowerCase()} de gevraagde tijd vrijmaken?`,
          `Can the ${ROLE_LABELS[role].en.toLowerCase()} free up the time asked?`,
        ),
        ...(norm ? { help: norm } : {}),
        required: true,
      },
    ];
  });
}

/**
 * Registration for a visieleertraject. The hour norms shown per role come from the template's
 * commitments; without a template the questions stay, without norms.
 */
export function aanmeldingForm(template?: Template): FormDefinition {
  return defineForm({
    id: 'aanmelding',
    version: template ? `2026.1+${template.key}@${template.version}` : '2026.1',
    title: l('Aanmelding visieleertraject', 'Registration for a vision-learning programme'),
    intro: l(
      'Met dit formulier meldt uw gemeente zich aan voor een visieleertraject van de VNG over de toegang tot het sociaal domein. Het visieleerteam neemt daarna contact met u op.',
      'With this form your municipality registers for a VNG vision-learning programme on access to the social domain. The vision-learning team will then contact you.',
    ),
    sections: [
      {
        id: 'gemeente',
        title: l('Gemeente', 'Municipality'),
        questions: [
          {
            kind: 'short-text',
            id: 'gemeente',
            label: l('Naam van de gemeente', 'Name of the municipality'),
            required: true,
          },
          {
            kind: 'short-text',
            id: 'cbs-code',
            label: l('CBS-gemeentecode', 'CBS municipality code'),
            help: l(
              'Bijvoorbeeld GM0344 voor Utrecht. Niet verplicht.',
              'For example GM0344 for Utrecht. Optional.',
            ),
            maxLength: 6,
            pattern: {
              regex: 'GM\\d{4}',
              message: l(
                'Vul de code in als GM en vier cijfers, bijvoorbeeld GM0344.',
                'Enter the code as GM and four digits, for example GM0344.',
              ),
            },
          },
          {
            kind: 'number',
            id: 'inwoners',
            label: l('Aantal inwoners', 'Number of inhabitants'),
            help: l(
              'De gevraagde inzet van de contactpersoon hangt af van de grootte van de gemeente.',
              'The time asked of the contact person depends on the size of the municipality.',
            ),
            min: 0,
            integer: true,
          },
          {
            kind: 'yes-no',
            id: 'samen',
            label: l(
              'Meldt u zich samen met andere gemeenten aan?',
              'Are you registering together with other municipalities?',
            ),
            required: true,
          },
          {
            kind: 'long-text',
            id: 'andere-gemeenten',
            label: l('Welke gemeenten doen mee?', 'Which municipalities take part?'),
            help: l(
              'Eén gemeente per regel, eventueel met CBS-code.',
              'One municipality per line, optionally with CBS code.',
            ),
            required: true,
            maxLength: 1000,
            visibleWhen: { question: 'samen', equals: true },
          },
        ],
      },
      {
        id: 'contact',
        title: l('Contactpersoon voor de aanmelding', 'Contact person for the registration'),
        questions: [
          { kind: 'short-text', id: 'contact-naam', label: l('Naam', 'Name'), required: true },
          { kind: 'short-text', id: 'contact-functie', label: l('Functie', 'Position') },
          { kind: 'email', id: 'contact-email', label: l('E-mailadres', 'Email address'), required: true },
          {
            kind: 'short-text',
            id: 'contact-telefoon',
            label: l('Telefoonnummer', 'Phone number'),
            maxLength: 20,
            pattern: {
              regex: '[+0-9 ()-]{8,20}',
              message: l(
                'Vul een telefoonnummer in met cijfers, bijvoorbeeld 030 123 4567.',
                'Enter a phone number in digits, for example 030 123 4567.',
              ),
            },
          },
        ],
      },
      {
        id: 'vraag',
        title: l('Uw vraagstuk', 'Your question'),
        help: l(
          'Het traject draait om een zelf gekozen vraagstuk over de toegang, samen met lokale partners.',
          'The programme revolves around a self-chosen question about access, together with local partners.',
        ),
        questions: [
          {
            kind: 'long-text',
            id: 'kernvraag',
            label: l('Wat is uw kernvraag?', 'What is your core question?'),
            help: l(
              'Bijvoorbeeld: hoe zetten we de inwoner centraal in onze toegang, met minder loketten?',
              'For example: how do we put the resident at the centre of our access, with fewer counters?',
            ),
            required: true,
            maxLength: 1500,
          },
          {
            kind: 'multiple-choice',
            id: 'themas',
            label: l("Welke thema's passen bij uw vraag?", 'Which themes fit your question?'),
            help: l("Kies één of meer thema's.", 'Choose one or more themes.'),
            required: true,
            options: THEMES.map((theme) => ({ value: theme, label: THEME_LABELS[theme] })),
          },
        ],
      },
      {
        id: 'draagvlak',
        title: l('Bestuurlijk draagvlak', 'Executive support'),
        questions: [
          {
            kind: 'yes-no',
            id: 'draagvlak',
            label: l(
              'Is er bestuurlijk draagvlak voor deelname (college van B&W)?',
              'Is there executive support for taking part (municipal executive)?',
            ),
            required: true,
          },
          {
            kind: 'long-text',
            id: 'draagvlak-toelichting',
            label: l('Toelichting op het draagvlak', 'Explanation of the support'),
            help: l(
              'Wat is er nodig om bestuurlijk draagvlak te krijgen, en wanneer verwacht u dat?',
              'What is needed to gain executive support, and when do you expect it?',
            ),
            required: true,
            maxLength: 1500,
            visibleWhen: { question: 'draagvlak', equals: false },
          },
        ],
      },
      {
        id: 'rollen',
        title: l('Rollen en uren', 'Roles and hours'),
        help: l(
          'Deelname vraagt tijd van een aantal mensen in uw gemeente. Geef aan wie de rollen vervullen en of zij de tijd kunnen vrijmaken.',
          'Taking part asks time of several people in your municipality. Say who fills the roles and whether they can free up the time.',
        ),
        questions: roleQuestions(template),
      },
    ],
  });
}
